package dev.lbguard.route;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Optional;

/**
 * The request values a condition's patterns match, as automata and address blocks, for analyses that reason
 * about sets of requests (the route diff) rather than one request. It exposes the evaluator's own matching
 * rules so that no analysis re-implements case folding, wildcards or escapes.
 */
public final class ConditionLanguages {
    private ConditionLanguages() {
    }

    /**
     * The strings one value pattern of a host-header, path-pattern or http-header condition matches (for a
     * method: the method itself). For case-insensitive types the language is over folded characters: a value
     * matches when its folded form (see {@link #fold(char)}) is in it. Returns a fresh automaton the caller owns.
     */
    public static Automaton valuePattern(ConditionType type, String pattern) {
        if (type == ConditionType.HTTP_REQUEST_METHOD) {
            return BasicAutomata.makeString(pattern);
        }
        if (type == ConditionType.QUERY_STRING || type == ConditionType.SOURCE_IP) {
            throw new IllegalArgumentException(type.label() + " values are not string patterns");
        }
        return PatternInclusion.automaton(pattern, ConditionMatcher.ignoresCase(type), false);
    }

    /** The folded strings one query-string key or value pattern matches (case-insensitive, backslash escapes). */
    public static Automaton queryPattern(String pattern) {
        return PatternInclusion.automaton(pattern, true, true);
    }

    /** True when values of this condition type are compared without regard to case. */
    public static boolean ignoresCase(ConditionType type) {
        return ConditionMatcher.ignoresCase(type);
    }

    /** The character a case-insensitive comparison compares in place of {@code c}. */
    public static char fold(char c) {
        return Glob.fold(c, true);
    }

    /** The address block a source-ip value names, or empty when it is not a CIDR or address. */
    public static Optional<IPAddress> sourceIpBlock(String value) {
        return ConditionMatcher.cidrBlock(value);
    }

    /**
     * True when the condition's known values match the request, as the evaluator decides it; values that could
     * not be evaluated are ignored, so the answer splits requests exactly as the known values do.
     */
    /**
     * As {@link #matchesKnownValues}, but true also where the request does not say what the condition reads (a
     * header or query its log did not carry, no client address): it may match.
     */
    public static boolean mayMatchKnownValues(Condition condition, Request request) {
        Condition known = new Condition(condition.type(), condition.headerName(), condition.values(),
                condition.queryPairs(), Optional.empty());
        if (known.type() == ConditionType.SOURCE_IP && request.sourceIp().isEmpty()) {
            return true;
        }
        return ConditionMatcher.evaluate(known, request).truth() != Truth.FALSE;
    }

    public static boolean matchesKnownValues(Condition condition, Request request) {
        Condition known = new Condition(condition.type(), condition.headerName(), condition.values(),
                condition.queryPairs(), Optional.empty());
        if (known.type() == ConditionType.SOURCE_IP && request.sourceIp().isEmpty()) {
            return false;
        }
        return ConditionMatcher.evaluate(known, request).truth() == Truth.TRUE;
    }

    /** The characters one pattern spells literally, folded where the type ignores case (wildcards and escapes excluded). */
    public static List<Character> literalCharacters(String pattern, ConditionType type, boolean escapes) {
        Glob g = Glob.compile(pattern, ConditionMatcher.ignoresCase(type), escapes);
        List<Character> out = new java.util.ArrayList<>();
        for (int i = 0; i < g.kinds.length; i++) {
            if (g.kinds[i] == Glob.LITERAL) {
                out.add(g.chars[i]);
            }
        }
        return out;
    }
}

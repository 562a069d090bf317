package dev.lbguard.route;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.QueryPair;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.BasicOperations;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether every request one condition matches is also matched by another, by language inclusion
 * of the wildcard patterns (dk.brics automata). Sound but not complete: a "no" may be a miss (for example
 * a CIDR covered only by two earlier CIDRs together), a "yes" is always right.
 */
final class PatternInclusion {
    private PatternInclusion() {
    }

    /** True when {@code c} matches every request (so any rule implies it): path {@code *} or {@code /*}, host {@code *}. */
    static boolean universal(Condition c) {
        if (c.isUnknown()) {
            return false;
        }
        if (c.type() == ConditionType.PATH_PATTERN) {
            // ALB request paths always start with a slash, so "/*" matches them all.
            return c.values().contains("*") || c.values().contains("/*");
        }
        return c.type() == ConditionType.HOST_HEADER && c.values().contains("*");
    }

    /** True when every request {@code narrow} matches, {@code wide} matches too. Both must be fully known. */
    static boolean includes(Condition wide, Condition narrow) {
        if (wide.isUnknown() || narrow.isUnknown() || wide.type() != narrow.type()
                || !wide.headerName().equalsIgnoreCase(narrow.headerName())) {
            return false;
        }
        switch (narrow.type()) {
            case HOST_HEADER:
            case PATH_PATTERN:
            case HTTP_HEADER: {
                boolean fold = ConditionMatcher.ignoresCase(narrow.type());
                boolean literal = true;
                // A concrete string of the narrow language that no wide pattern matches refutes inclusion
                // at once; most rule pairs differ this way, and automata are costly to build. Loops, not
                // streams: unreachable-rule checks compare every pair of a listener's rules.
                for (String n : narrow.values()) {
                    if (isLiteral(n)) {
                        if (!anyMatches(wide.values(), n, fold)) {
                            return false;
                        }
                        continue;
                    }
                    literal = false;
                    if (!anyMatches(wide.values(), n.replace("*", "").replace('?', 'x'), fold)
                            || !anyMatches(wide.values(), n.replace("*", "zq").replace('?', 'y'), fold)) {
                        return false;
                    }
                }
                if (literal) {
                    // A literal is included when some wide pattern matches it: no automaton needed.
                    return true;
                }
                return union(narrow.values(), fold).subsetOf(union(wide.values(), fold));
            }
            case HTTP_REQUEST_METHOD:
                return wide.values().containsAll(narrow.values());
            case QUERY_STRING:
                return narrow.queryPairs().stream()
                        .allMatch(n -> wide.queryPairs().stream().anyMatch(w -> pairIncludes(w, n)));
            case SOURCE_IP:
                return narrow.values().stream().allMatch(n -> wide.values().stream().anyMatch(w -> cidrIncludes(w, n)));
            default:
                throw new IllegalStateException("unhandled condition type " + narrow.type());
        }
    }

    private static boolean pairIncludes(QueryPair wide, QueryPair narrow) {
        if (!automaton(narrow.value(), true, true).subsetOf(automaton(wide.value(), true, true))) {
            return false;
        }
        if (wide.key().isEmpty()) {
            return true;
        }
        // A key-less narrow pair takes any key, so the wide key must accept every key.
        Automaton narrowKey = narrow.key().map(k -> automaton(k, true, true)).orElse(BasicAutomata.makeAnyString());
        return narrowKey.subsetOf(automaton(wide.key().get(), true, true));
    }

    private static boolean cidrIncludes(String wide, String narrow) {
        Optional<IPAddress> w = ConditionMatcher.cidrBlock(wide);
        Optional<IPAddress> n = ConditionMatcher.cidrBlock(narrow);
        // Families never mix: no IPv4 client is in an IPv6 block (::/0 included) nor the reverse. The library's
        // contains answers so too, but its other operations convert across families, so say it here.
        return w.isPresent() && n.isPresent() && w.get().getIPVersion() == n.get().getIPVersion()
                && w.get().contains(n.get());
    }

    /** Two members of a wildcard pattern's language: wildcards as short as possible, and longer. */
    private static boolean anyMatches(List<String> patterns, String value, boolean fold) {
        for (int i = 0; i < patterns.size(); i++) {
            if (Glob.matches(patterns.get(i), value, fold, false)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLiteral(String pattern) {
        return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
    }

    // Unreachable-rule checks compare every pair of rules of a listener, so the same pattern sets recur:
    // their minimal automata are built once. Bounded, since a long-running process may see many configs.
    private static final java.util.Map<List<Object>, Automaton> UNIONS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<List<Object>, Automaton> eldest) {
                    return size() > 4096;
                }
            });

    private static Automaton union(List<String> patterns, boolean fold) {
        return UNIONS.computeIfAbsent(List.of(patterns, fold), k -> {
            List<Automaton> parts = new ArrayList<>();
            for (String p : patterns) {
                parts.add(automaton(p, fold, false));
            }
            Automaton a = BasicOperations.union(parts);
            a.minimize();
            return a;
        });
    }

    /** The language of one pattern; with {@code fold}, over case-folded characters (see {@link Glob#fold}). */
    static Automaton automaton(String pattern, boolean fold, boolean escapes) {
        Glob g = Glob.compile(pattern, fold, escapes);
        if (g.isLiteral()) {
            // Most values are plain strings (one host, one path): brics keeps those as a string, not as states.
            return BasicAutomata.makeString(new String(g.chars));
        }
        List<Automaton> parts = new ArrayList<>();
        for (int i = 0; i < g.kinds.length; i++) {
            if (g.kinds[i] == Glob.MANY) {
                parts.add(BasicAutomata.makeAnyString());
            } else if (g.kinds[i] == Glob.ONE) {
                parts.add(BasicAutomata.makeAnyChar());
            } else {
                parts.add(BasicAutomata.makeChar(g.chars[i]));
            }
        }
        return parts.isEmpty() ? BasicAutomata.makeEmptyString() : BasicOperations.concatenate(parts);
    }
}

package dev.lbguard.route;

import dev.lbguard.model.AclExpr;
import dev.lbguard.model.AclExpr.MatchMethod;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.BasicOperations;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The values an HAProxy ACL match accepts, as automata over the raw fetched string, for analyses that reason
 * about sets of requests (the route diff). It mirrors {@link AclMatcher} so that no analysis re-implements
 * HAProxy's matching; a regex outside the regular subset gives a reason instead of a language.
 */
public final class AclLanguages {
    private AclLanguages() {
    }

    /** A language, or why there is none. */
    public record Language(Optional<Automaton> automaton, String reason) {
    }

    /**
     * The strings (one header occurrence, the path, or the method) the match accepts, as a fresh automaton.
     * Not for {@link AclExpr.Fetch#SRC}: see {@link #networks}.
     */
    public static Language of(AclExpr.Match m) {
        List<Automaton> parts = new ArrayList<>();
        for (String v : m.values()) {
            if (m.method() == MatchMethod.REG) {
                PcreAutomata.Result r = PcreAutomata.search(v, m.ignoreCase());
                if (r.automaton().isEmpty()) {
                    return new Language(Optional.empty(), r.reason());
                }
                parts.add(r.automaton().get());
            } else {
                parts.add(value(m.method(), v, m.ignoreCase()));
            }
        }
        Automaton a = parts.isEmpty() ? BasicAutomata.makeEmpty() : BasicOperations.union(parts);
        a.minimize();
        return new Language(Optional.of(a), "");
    }

    private static Automaton value(MatchMethod method, String p, boolean icase) {
        Automaton any = BasicAutomata.makeAnyString();
        return switch (method) {
            case STR -> literal(p, icase);
            case BEG -> literal(p, icase).concatenate(any);
            case END -> any.concatenate(literal(p, icase));
            case SUB -> any.concatenate(literal(p, icase)).concatenate(any.clone());
            case DOM -> word(p, icase, "/?.:");
            case DIR -> word(p, icase, "/?");
            case METH -> AclMatcher.WELL_KNOWN_METHODS.contains(p) ? BasicAutomata.makeString(p)
                    : literal(p, icase).minus(BasicAutomata.makeStringUnion(
                            AclMatcher.WELL_KNOWN_METHODS.toArray(String[]::new)));
            case REG, IP -> throw new IllegalArgumentException(method + " has no fixed-string language");
        };
    }

    /** {@code match_word}: the stripped pattern as a whole delimited word; nothing when it is all delimiters. */
    private static Automaton word(String pattern, boolean icase, String delimiters) {
        int s = 0;
        int e = pattern.length();
        while (s < e && delimiters.indexOf(pattern.charAt(s)) >= 0) {
            s++;
        }
        while (e > s && delimiters.indexOf(pattern.charAt(e - 1)) >= 0) {
            e--;
        }
        if (s == e) {
            return BasicAutomata.makeEmpty();
        }
        Automaton d = BasicAutomata.makeCharSet(delimiters);
        Automaton before = BasicAutomata.makeAnyString().concatenate(d).optional();
        Automaton after = d.clone().concatenate(BasicAutomata.makeAnyString()).optional();
        return before.concatenate(literal(pattern.substring(s, e), icase)).concatenate(after);
    }

    /** The string, with both cases of each ASCII letter under {@code -i}. */
    public static Automaton literal(String s, boolean icase) {
        List<Automaton> parts = new ArrayList<>();
        for (char c : s.toCharArray()) {
            parts.add(letter(c, icase));
        }
        return parts.isEmpty() ? BasicAutomata.makeEmptyString() : BasicOperations.concatenate(parts);
    }

    static Automaton letter(char c, boolean icase) {
        char lower = AclMatcher.asciiLower(c);
        char upper = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
        return icase && lower != upper ? BasicAutomata.makeCharSet("" + lower + upper) : BasicAutomata.makeChar(c);
    }

    /**
     * The address blocks a {@code src} match accepts, v4-mapped IPv6 forms included as HAProxy compares them.
     */
    public static List<IPAddress> networks(AclExpr.Match m) {
        List<IPAddress> out = new ArrayList<>();
        IPAddress mapped = ConditionMatcher.cidrBlock("::ffff:0:0/96").orElseThrow();
        for (String v : m.values()) {
            Optional<IPAddress> b = ConditionMatcher.cidrBlock(v);
            if (b.isEmpty()) {
                continue;
            }
            IPAddress block = b.get();
            out.add(block);
            if (block.isIPv4()) {
                out.add(block.getLower().withoutPrefixLength().toIPv4().getIPv4MappedAddress()
                        .setPrefixLength(96 + prefix(block), false).toPrefixBlock());
            } else if (block.contains(mapped)) {
                out.add(ConditionMatcher.cidrBlock("0.0.0.0/0").orElseThrow());
            } else if (mapped.contains(block)) {
                out.add(block.getLower().withoutPrefixLength().toIPv6().getEmbeddedIPv4Address()
                        .setPrefixLength(prefix(block) - 96, false).toPrefixBlock());
            }
        }
        return out;
    }

    private static int prefix(IPAddress block) {
        return block.isPrefixed() ? block.getPrefixLength() : block.getBitCount();
    }
}

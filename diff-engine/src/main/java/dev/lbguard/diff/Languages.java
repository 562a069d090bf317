package dev.lbguard.diff;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.QueryPair;
import dev.lbguard.route.ConditionLanguages;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.BasicOperations;
import dk.brics.automaton.MinimizationOperations;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The value sets of request fields as minimal automata, one per condition, owned by one diff: brics automata
 * mutate on use, so a diff gets its own copies of the automata {@link SharedAutomata} keeps for the process.
 *
 * <p>Single-valued fields are strings: host and header values folded as the evaluator compares them, the path
 * and method as sent. A source address is encoded as a tag ({@code 4} or {@code 6}) and its 16-bit chunks, so a
 * CIDR block is a product of character ranges ({@link SourceIpEncoding}). A query parameter is its folded key,
 * {@link #SEP}, its folded value, so a key/value pattern pair is one language.
 */
final class Languages {
    /** Separates key and value of an encoded query parameter; a noncharacter, never sent in a real query. */
    static final char SEP = '\uFFFF';
    static final String HOST = "host";
    static final String PATH = "path";
    static final String METHOD = "method";
    static final String SOURCE_IP = "source-ip";
    static final String QUERY = "query";
    static final String HEADER_PREFIX = "header:";

    /** States up to which {@link #minimal} uses the table algorithm. */
    private static final int SMALL_AUTOMATON = 128;
    /** Up to how many values a condition's values are handled as strings (see {@link #strings(Condition)}). */
    private static final int FEW_STRINGS = 64;

    /** Patterns, conditions and fields repeat across the listeners and commits of a timeline. */
    private static final SharedAutomata SHARED = new SharedAutomata(4096);

    private final Map<Condition, Automaton> byCondition = new HashMap<>();
    private final Map<String, Automaton> byPattern = new HashMap<>();
    private final Map<Condition, Optional<SortedSet<String>>> stringsByCondition = new HashMap<>();
    private Automaton foldFixed;
    private Automaton hostDomain;

    /** The field a condition constrains: host, path, method, source-ip, query, or header:NAME (lower case). */
    static String field(Condition c) {
        return switch (c.type()) {
            case HOST_HEADER -> HOST;
            case PATH_PATTERN -> PATH;
            case HTTP_REQUEST_METHOD -> METHOD;
            case SOURCE_IP -> SOURCE_IP;
            case QUERY_STRING -> QUERY;
            case HTTP_HEADER -> HEADER_PREFIX + c.headerName().toLowerCase(Locale.ROOT);
        };
    }

    /** Header and query conditions ask whether some value (parameter) of the request matches. */
    static boolean existential(String field) {
        return field.equals(QUERY) || field.startsWith(HEADER_PREFIX);
    }

    /**
     * The condition's known values only, header name lower-cased: requests split on these exactly as the
     * evaluator decides, and the unknown remainder is uniform over each class.
     */
    static Condition known(Condition c) {
        String header = c.headerName().toLowerCase(Locale.ROOT);
        return new Condition(c.type(), header, c.values(), c.queryPairs(), Optional.empty());
    }

    /**
     * The condition "the request has what {@code c} tests" (its header, any value; any query pair), for the
     * conditions whose unknown values the evaluator still answers false without it; empty for the others.
     */
    static Optional<Condition> presence(Condition c) {
        if (!c.unknownValuesNeedPresence()) {
            return Optional.empty();
        }
        if (c.type() == ConditionType.HTTP_HEADER) {
            return Optional.of(Condition.httpHeader(c.headerName().toLowerCase(Locale.ROOT), "*"));
        }
        if (c.type() == ConditionType.QUERY_STRING) {
            return Optional.of(Condition.queryString(QueryPair.valueOnly("*")));
        }
        return Optional.empty();
    }

    /** True when the evaluator may answer unknown for the condition: unknown values, or a value not a CIDR. */
    static boolean partlyUnknown(Condition c) {
        return c.isUnknown() || c.type() == ConditionType.SOURCE_IP
                && c.values().stream().anyMatch(v -> ConditionLanguages.sourceIpBlock(v).isEmpty());
    }

    /** The values (parameters, for query) a known condition matches. */
    Automaton of(Condition c) {
        Automaton cached = byCondition.get(c);
        if (cached != null) {
            return cached;
        }
        Automaton a = SHARED.get(c, () -> build(c));
        byCondition.put(c, a);
        return a;
    }

    private Automaton build(Condition c) {
        List<Automaton> parts = new ArrayList<>();
        if (c.type() == ConditionType.QUERY_STRING) {
            for (QueryPair p : c.queryPairs()) {
                parts.add(queryPair(p));
            }
        } else if (c.type() == ConditionType.SOURCE_IP) {
            for (String v : c.values()) {
                ConditionLanguages.sourceIpBlock(v).ifPresent(b -> parts.add(SourceIpEncoding.block(b)));
            }
        } else {
            for (String v : c.values()) {
                parts.add(pattern(c.type(), v, false));
            }
        }
        if (parts.isEmpty()) {
            return BasicAutomata.makeEmpty();
        }
        if (parts.size() == 1) {
            return parts.get(0).clone();
        }
        TreeSet<String> literal = new TreeSet<>();
        for (Automaton p : parts) {
            if (p.getSingleton() == null) {
                return minimal(BasicOperations.union(parts));
            }
            literal.add(p.getSingleton());
        }
        // Literal values only (a list of hosts or paths): their union is built minimal, with no minimisation.
        return strings(literal);
    }

    /**
     * The values of a known single-valued condition when its language is a few strings (literal hosts, exact
     * paths, methods, single addresses); empty for patterns with wildcards, wide blocks and existential fields.
     */
    Optional<SortedSet<String>> strings(Condition c) {
        Optional<SortedSet<String>> known = stringsByCondition.get(c);
        if (known == null) {
            Set<String> all = existential(field(c)) ? null : of(c).getFiniteStrings(FEW_STRINGS);
            known = all == null ? Optional.empty()
                    : Optional.of(Collections.unmodifiableSortedSet(new TreeSet<>(all)));
            stringsByCondition.put(c, known);
        }
        return known;
    }

    /** The minimal automaton of exactly these strings (built minimal: it needs no {@link #minimal}). */
    static Automaton strings(SortedSet<String> strings) {
        if (strings.size() == 1) {
            return BasicAutomata.makeString(strings.first());
        }
        return strings.isEmpty() ? BasicAutomata.makeEmpty() : BasicAutomata.makeStringUnion(strings.toArray(new String[0]));
    }

    /** Every value a single-valued field can take, or every element of an existential field. */
    Automaton universe(String field) {
        return SHARED.get("universe\u0000" + field, () -> buildUniverse(field));
    }

    private static Automaton buildUniverse(String field) {
        return switch (field) {
            // ALB request paths always start with a slash (the evaluator treats "/*" as universal).
            case PATH -> minimal(BasicAutomata.makeChar('/').concatenate(BasicAutomata.makeAnyString()));
            case SOURCE_IP -> SourceIpEncoding.universe();
            case QUERY -> minimal(noSep().concatenate(BasicAutomata.makeChar(SEP)).concatenate(noSep()));
            default -> BasicAutomata.makeAnyString();
        };
    }

    private Automaton queryPair(QueryPair p) {
        Automaton key = p.key().map(k -> queryPart(k)).orElseGet(Languages::noSep);
        return minimal(key.concatenate(BasicAutomata.makeChar(SEP)).concatenate(queryPart(p.value())));
    }

    private Automaton queryPart(String pattern) {
        return pattern(ConditionType.QUERY_STRING, pattern, true).intersection(noSep());
    }

    private Automaton pattern(ConditionType type, String pattern, boolean query) {
        String key = (query ? "query\u0000" : "value\u0000") + type.name() + '\u0000' + pattern;
        Automaton a = byPattern.get(key);
        if (a == null) {
            a = SHARED.get(key, () -> minimal(query ? ConditionLanguages.queryPattern(pattern)
                    : ConditionLanguages.valuePattern(type, pattern)));
            byPattern.put(key, a);
        }
        return a;
    }

    /** Strings of characters that case folding leaves alone: the only folded values a request can present. */
    Automaton foldFixed() {
        if (foldFixed == null) {
            foldFixed = SHARED.get("fold-fixed", () -> minimal(charsWhere(c -> ConditionLanguages.fold((char) c) == c
                    || c == SEP).repeat()));
        }
        return foldFixed;
    }

    /**
     * Hosts the evaluator compares as sent: {@link dev.lbguard.route.Request#hostWithoutPort()} strips a
     * {@code :port} suffix and what follows an IPv6 literal's bracket, so a class of such hosts is unreachable.
     */
    Automaton hostDomain() {
        if (hostDomain == null) {
            hostDomain = SHARED.get("host-domain", Languages::buildHostDomain);
        }
        return hostDomain;
    }

    private static Automaton buildHostDomain() {
        Automaton any = BasicAutomata.makeAnyString();
        Automaton notColon = charsWhere(c -> c != ':');
        Automaton firstPlain = charsWhere(c -> c != ':' && c != '[');
        Automaton digits = charsWhere(c -> Character.isDigit(c)).repeat();
        Automaton withPort = firstPlain.concatenate(notColon.repeat()).optional()
                .concatenate(BasicAutomata.makeChar(':')).concatenate(digits);
        Automaton bracketTail = BasicAutomata.makeChar('[').concatenate(charsWhere(c -> c != ']').repeat())
                .concatenate(BasicAutomata.makeChar(']')).concatenate(any.clone()).concatenate(BasicAutomata.makeAnyChar());
        return minimal(withPort.union(bracketTail).complement());
    }

    /** True when some string is in both automata; walks their product without building it. */
    static boolean intersect(Automaton a, Automaton b) {
        java.util.ArrayDeque<StatePair> work = new java.util.ArrayDeque<>();
        java.util.Set<StatePair> seen = new java.util.HashSet<>();
        work.push(new StatePair(a.getInitialState(), b.getInitialState()));
        while (!work.isEmpty()) {
            StatePair p = work.pop();
            if (!seen.add(p)) {
                continue;
            }
            if (p.a().isAccept() && p.b().isAccept()) {
                return true;
            }
            for (Transition x : p.a().getTransitions()) {
                for (Transition y : p.b().getTransitions()) {
                    if (x.getMin() <= y.getMax() && y.getMin() <= x.getMax()) {
                        work.push(new StatePair(x.getDest(), y.getDest()));
                    }
                }
            }
        }
        return false;
    }

    /** A state of the product of two automata; brics states compare by identity. */
    private record StatePair(State a, State b) {
    }

    /**
     * The automaton, minimised in place. Most automata here have a few dozen states, where the quadratic table
     * algorithm beats brics' Hopcroft (which allocates per state and alphabet interval): twice as fast on
     * partitions of real listeners. Both give the one minimal automaton.
     */
    static Automaton minimal(Automaton a) {
        if (a.getSingleton() == null && a.getNumberOfStates() <= SMALL_AUTOMATON) {
            MinimizationOperations.minimizeHuffman(a);
        } else {
            a.minimize();
        }
        return a;
    }

    private static Automaton noSep() {
        return BasicAutomata.makeCharRange(Character.MIN_VALUE, (char) (SEP - 1)).repeat();
    }

    static Automaton charsWhere(java.util.function.IntPredicate p) {
        List<Automaton> ranges = new ArrayList<>();
        int start = -1;
        for (int c = 0; c <= Character.MAX_VALUE + 1; c++) {
            boolean in = c <= Character.MAX_VALUE && p.test(c);
            if (in && start < 0) {
                start = c;
            } else if (!in && start >= 0) {
                ranges.add(BasicAutomata.makeCharRange((char) start, (char) (c - 1)));
                start = -1;
            }
        }
        return minimal(BasicOperations.union(ranges));
    }
}

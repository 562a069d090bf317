package dev.lbguard.diff;

import dev.lbguard.model.Condition;
import dev.lbguard.model.QueryPair;
import dev.lbguard.route.ConditionLanguages;
import dev.lbguard.route.Request;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Picks one concrete request in a class: per field the first readable candidate the class admits, else the
 * shortest value over readable characters, else the shortest value at all. A class whose every value the
 * load balancer could never present (a host the evaluator would cut at a {@code :port}) has no witness.
 */
final class Witnesses {
    private static final List<String> HOSTS = List.of("example.com");
    private static final List<String> PATHS = List.of("/");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final List<String> ADDRESSES = List.of("192.0.2.10", "2001:db8::10");

    private static final List<String> HEADER_VALUES = List.of("example", "a", "1");
    private static final Automaton NON_EMPTY = BasicAutomata.makeAnyChar().concatenate(BasicAutomata.makeAnyString());

    /** Host names of letter-led labels joined by single dots. */
    private static final Automaton WELL_FORMED_HOST =
            new dk.brics.automaton.RegExp("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*").toAutomaton();

    private final Languages languages;
    private final Partition partition;
    private final Map<String, Automaton> preferred = new HashMap<>();
    // Keyed by identity: states and automata are shared by many classes, and their equals is costly. Values
    // picked for the partition's own classes are kept; those of merged classes only until forgetMerged().
    private final Map<FieldState, Optional<String>> values = new IdentityHashMap<>();
    private final Map<Automaton, Optional<String>> residualValues = new IdentityHashMap<>();
    private final Map<FieldState, Optional<String>> mergedValues = new IdentityHashMap<>();
    private final Map<Automaton, Optional<String>> mergedResidualValues = new IdentityHashMap<>();
    private boolean kept;

    /** {@code conditions}: the listener's known conditions, whose characters make witnesses read like them. */
    Witnesses(Languages languages, Partition partition, Collection<Condition> conditions) {
        this.languages = languages;
        this.partition = partition;
        Map<String, TreeSet<Character>> chars = new TreeMap<>();
        for (Condition c : conditions) {
            TreeSet<Character> set = chars.computeIfAbsent(alphabetOf(Languages.field(c)), k -> new TreeSet<>());
            for (String v : c.values()) {
                set.addAll(ConditionLanguages.literalCharacters(v, c.type(), false));
            }
            for (QueryPair p : c.queryPairs()) {
                p.key().ifPresent(k -> set.addAll(ConditionLanguages.literalCharacters(k, c.type(), true)));
                set.addAll(ConditionLanguages.literalCharacters(p.value(), c.type(), true));
            }
        }
        for (String f : List.of(Languages.HOST, Languages.PATH, Languages.METHOD, Languages.QUERY,
                Languages.HEADER_PREFIX)) {
            preferred.put(f, readable(f, chars.getOrDefault(f, new TreeSet<>())));
        }
    }

    /** A request of the class, or empty when no request the load balancer can receive is in it. */
    Optional<Request> of(Cell cell) {
        Optional<String> host = value(partition.state(cell, Languages.HOST), s -> {
            Automaton a = ((FieldState.Text) s).language();
            Optional<String> plain = HOSTS.stream().filter(a::run).findFirst();
            if (plain.isPresent()) {
                return plain;
            }
            // Prefer a host a person would type (a.shop.example.com, not .shop.example.com); any member will do.
            String wellFormed = a.intersection(languages.hostDomain()).intersection(WELL_FORMED_HOST)
                    .getShortestExample(true);
            return wellFormed != null ? Optional.of(wellFormed)
                    : pick(a.intersection(languages.hostDomain()), List.of(), s.field(), true);
        });
        Optional<String> path = value(partition.state(cell, Languages.PATH),
                s -> pick(((FieldState.Text) s).language(), PATHS, s.field(), false));
        Optional<String> method = value(partition.state(cell, Languages.METHOD),
                s -> pick(((FieldState.Text) s).language(), METHODS, s.field(), false));
        Optional<String> ip = value(partition.state(cell, Languages.SOURCE_IP), s -> {
            Automaton ips = ((FieldState.Text) s).language();
            return ADDRESSES.stream().map(SourceIpEncoding::encode).flatMap(Optional::stream)
                    .filter(ips::run).findFirst().or(() -> Optional.ofNullable(ips.getShortestExample(true)));
        });
        if (host.isEmpty() || path.isEmpty() || method.isEmpty() || ip.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, List<String>> headers = new TreeMap<>();
        List<Request.QueryParam> query = new ArrayList<>();
        for (FieldState s : cell.fields().values()) {
            if (!(s instanceof FieldState.Exists e)) {
                continue;
            }
            for (Automaton residual : e.residuals) {
                Optional<String> v = residualValues.get(residual);
                if (v == null) {
                    boolean header = !s.field().equals(Languages.QUERY);
                    v = (kept ? mergedResidualValues : residualValues).computeIfAbsent(residual, r -> {
                        Optional<String> any = pick(r, List.of(), alphabetOf(s.field()), true);
                        if (!header || any.isEmpty() || !any.get().isEmpty()) {
                            return any;
                        }
                        // A header a person would send has a value ("x-env: example", not "x-env: "), where the
                        // class admits one; looked for only then, automata being what a diff spends its time on.
                        Optional<String> filled = pick(r.intersection(NON_EMPTY), HEADER_VALUES,
                                alphabetOf(s.field()), true);
                        return filled.isPresent() ? filled : any;
                    });
                }
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                if (s.field().equals(Languages.QUERY)) {
                    int sep = v.get().indexOf(Languages.SEP);
                    query.add(new Request.QueryParam(v.get().substring(0, sep), v.get().substring(sep + 1)));
                } else {
                    String name = s.field().substring(Languages.HEADER_PREFIX.length());
                    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(v.get());
                }
            }
        }
        return Optional.of(new Request(host.get(), path.get(), method.get(), headers, query,
                Optional.of(SourceIpEncoding.decode(ip.get()))));
    }

    /** The value picked for a state; classes share states, so each is picked once. */
    private Optional<String> value(FieldState state, Function<FieldState, Optional<String>> picker) {
        Optional<String> known = values.get(state);
        return known != null ? known : (kept ? mergedValues : values).computeIfAbsent(state, picker);
    }

    /**
     * Keeps the values picked so far (those of the partition's classes) for as long as this is kept; values
     * picked later, for merged classes, last only until {@link #forgetMerged}. Merged classes are new states
     * at every diff, so a cache kept across a timeline's diffs would otherwise grow with every commit.
     */
    void keepPicked() {
        kept = true;
    }

    /** Drops the values picked since {@link #keepPicked}. */
    void forgetMerged() {
        mergedValues.clear();
        mergedResidualValues.clear();
    }

    private Optional<String> pick(Automaton a, List<String> candidates, String field, boolean folded) {
        for (String c : candidates) {
            if (a.run(c)) {
                return Optional.of(c);
            }
        }
        String s = a.intersection(preferred.get(alphabetOf(field))).getShortestExample(true);
        if (s == null) {
            // Folded fields: a value a request presents is folded, so only fold-fixed strings are real.
            s = folded ? a.intersection(languages.foldFixed()).getShortestExample(true) : a.getShortestExample(true);
        }
        return Optional.ofNullable(s);
    }

    private static String alphabetOf(String field) {
        return field.startsWith(Languages.HEADER_PREFIX) ? Languages.HEADER_PREFIX : field;
    }

    private static Automaton readable(String field, TreeSet<Character> literal) {
        boolean folded = !field.equals(Languages.PATH) && !field.equals(Languages.METHOD);
        StringBuilder s = new StringBuilder("-._~/0123456789").append(Languages.SEP);
        for (char c = 'a'; c <= 'z'; c++) {
            s.append(field.equals(Languages.METHOD) ? Character.toUpperCase(c) : c);
            if (!folded && field.equals(Languages.PATH)) {
                s.append(Character.toUpperCase(c));
            }
        }
        for (char c : literal) {
            if (!folded || ConditionLanguages.fold(c) == c) {
                s.append(c);
            }
        }
        return Languages.minimal(BasicAutomata.makeCharSet(s.toString()).repeat());
    }
}

package dev.lbguard.diff;

import dev.lbguard.model.AclExpr;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleMatch;
import dev.lbguard.route.AclLanguages;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.BasicOperations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The request classes of HAProxy listeners: the request space is split, rule expression by rule expression,
 * until every expression is constant on each class. An expression is split only on the ACL matches it still
 * depends on (negations and {@code unless} included), so the classes are exact for the regular matchers; a
 * match whose regex is not regular (see {@link AclLanguages}) leaves its class undecided with the reason.
 *
 * <p>Host and other headers are one occurrence without commas or surrounding blanks, or absent (the empty
 * string): a header sent several times, or with a comma list, is outside the compared space.
 */
final class HaproxyClasses {
    static final String HOST = "host";
    static final String PATH = "path";
    static final String METHOD = "method";
    static final String SRC = "source-ip";

    /** One class: per constrained field its values, the matches it meets and those it fails. */
    record HCell(TreeMap<String, Automaton> fields, TreeMap<String, List<String>> in,
                 TreeMap<String, List<String>> out, Optional<String> undecided) {
        HCell with(String field, Automaton values, String match, boolean positive) {
            TreeMap<String, Automaton> f = new TreeMap<>(fields);
            f.put(field, values);
            TreeMap<String, List<String>> i = copy(in);
            TreeMap<String, List<String>> o = copy(out);
            (positive ? i : o).computeIfAbsent(field, k -> new ArrayList<>()).add(match);
            return new HCell(f, i, o, undecided);
        }

        private static TreeMap<String, List<String>> copy(TreeMap<String, List<String>> m) {
            TreeMap<String, List<String>> c = new TreeMap<>();
            m.forEach((k, v) -> c.put(k, new ArrayList<>(v)));
            return c;
        }
    }

    private enum V { T, F, U, X }

    private final Languages languages;
    private final Map<AclExpr.Match, Optional<Automaton>> atoms = new HashMap<>();
    private final Map<AclExpr.Match, String> reasons = new HashMap<>();
    private final Map<String, Automaton> universes = new HashMap<>();

    HaproxyClasses(Languages languages) {
        this.languages = languages;
    }

    /** The classes the rules of both listeners distinguish. */
    List<HCell> refine(List<Listener> listeners) {
        List<HCell> cells = List.of(new HCell(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), Optional.empty()));
        LinkedHashMap<String, AclExpr> expressions = new LinkedHashMap<>();
        for (Listener l : listeners) {
            if (l.evaluatesRules()) {
                for (Rule r : l.rulesInEvaluationOrder()) {
                    if (r.match() instanceof RuleMatch.Acl haproxy) {
                        expressions.putIfAbsent(haproxy.expression().toString(), haproxy.expression());
                    }
                }
            }
        }
        for (AclExpr e : expressions.values()) {
            List<HCell> next = new ArrayList<>();
            for (HCell c : cells) {
                split(c, e, next);
            }
            cells = next;
        }
        return cells;
    }

    private void split(HCell cell, AclExpr e, List<HCell> out) {
        Optional<AclExpr.Match> pending = Optional.empty();
        V v = value(cell, e);
        if (v != V.X) {
            out.add(cell);
            return;
        }
        pending = firstUndecided(cell, e);
        AclExpr.Match m = pending.orElseThrow();
        Optional<Automaton> lang = atom(m);
        if (lang.isEmpty()) {
            out.add(new HCell(cell.fields(), cell.in(), cell.out(), Optional.of(reasons.get(m))));
            return;
        }
        String field = field(m);
        Automaton current = state(cell, field);
        split(cell.with(field, minimal(current.intersection(lang.get())), m.toString(), true), e, out);
        split(cell.with(field, minimal(current.minus(lang.get())), m.toString(), false), e, out);
    }

    /** Kleene value of {@code e} on the cell; X when it still depends on a match the cell does not decide. */
    private V value(HCell cell, AclExpr e) {
        if (e instanceof AclExpr.And a) {
            boolean x = false;
            boolean u = false;
            for (AclExpr t : a.terms()) {
                V v = value(cell, t);
                if (v == V.F) {
                    return V.F;
                }
                x |= v == V.X;
                u |= v == V.U;
            }
            return x ? V.X : u ? V.U : V.T;
        }
        if (e instanceof AclExpr.Or o) {
            boolean x = false;
            boolean u = false;
            for (AclExpr t : o.terms()) {
                V v = value(cell, t);
                if (v == V.T) {
                    return V.T;
                }
                x |= v == V.X;
                u |= v == V.U;
            }
            return x ? V.X : u ? V.U : V.F;
        }
        if (e instanceof AclExpr.Not n) {
            V v = value(cell, n.term());
            return v == V.T ? V.F : v == V.F ? V.T : v;
        }
        if (e instanceof AclExpr.Match m) {
            if (cell.undecided().isPresent()) {
                return V.U;
            }
            Optional<Automaton> lang = atom(m);
            if (lang.isEmpty()) {
                return V.X;
            }
            Automaton s = state(cell, field(m));
            if (s.subsetOf(lang.get())) {
                return V.T;
            }
            return BasicOperations.isEmpty(s.intersection(lang.get())) ? V.F : V.X;
        }
        return V.U;
    }

    private Optional<AclExpr.Match> firstUndecided(HCell cell, AclExpr e) {
        if (e instanceof AclExpr.And a) {
            return a.terms().stream().map(t -> firstUndecided(cell, t)).flatMap(Optional::stream).findFirst();
        }
        if (e instanceof AclExpr.Or o) {
            return o.terms().stream().map(t -> firstUndecided(cell, t)).flatMap(Optional::stream).findFirst();
        }
        if (e instanceof AclExpr.Not n) {
            return firstUndecided(cell, n.term());
        }
        if (e instanceof AclExpr.Match m && value(cell, m) == V.X) {
            return Optional.of(m);
        }
        return Optional.empty();
    }

    Automaton state(HCell cell, String field) {
        Automaton a = cell.fields().get(field);
        return a != null ? a : universe(field);
    }

    static String field(AclExpr.Match m) {
        return switch (m.fetch()) {
            case HDR -> m.header().equals("host") ? HOST : Languages.HEADER_PREFIX + m.header();
            case PATH -> PATH;
            case METHOD -> METHOD;
            case SRC -> SRC;
        };
    }

    Automaton universe(String field) {
        return universes.computeIfAbsent(field, f -> switch (f) {
            case PATH -> minimal(BasicAutomata.makeChar('/').concatenate(BasicAutomata.makeAnyString()));
            case METHOD -> minimal(Languages.charsWhere(c -> c > ' ' && c < 0x7f).repeat(1));
            case SRC -> languages.universe(Languages.SOURCE_IP);
            default -> headerValues();
        });
    }

    /** One header occurrence as {@code hdr()} yields it: no comma, no blank at either end; "" is absent. */
    private static Automaton headerValues() {
        Automaton inner = Languages.charsWhere(c -> c != ',' && c != '\r' && c != '\n');
        Automaton edge = Languages.charsWhere(c -> c != ',' && c != ' ' && c != '\t' && c != '\r' && c != '\n');
        Automaton one = edge.clone().union(edge.clone().concatenate(inner.repeat()).concatenate(edge.clone()));
        return minimal(one.union(BasicAutomata.makeEmptyString()));
    }

    private Optional<Automaton> atom(AclExpr.Match m) {
        return atoms.computeIfAbsent(m, k -> {
            if (k.fetch() == AclExpr.Fetch.SRC) {
                List<Automaton> blocks = AclLanguages.networks(k).stream().map(SourceIpEncoding::block).toList();
                return Optional.of(minimal(blocks.isEmpty() ? BasicAutomata.makeEmpty()
                        : BasicOperations.union(blocks)));
            }
            AclLanguages.Language l = AclLanguages.of(k);
            if (l.automaton().isEmpty()) {
                reasons.put(k, l.reason());
                return Optional.empty();
            }
            // Absent headers are "" here; the empty occurrence itself is not compared.
            return Optional.of(minimal(l.automaton().get().intersection(universe(field(k)))
                    .minus(BasicAutomata.makeEmptyString())));
        });
    }

    private static Automaton minimal(Automaton a) {
        a.minimize();
        return a;
    }
}

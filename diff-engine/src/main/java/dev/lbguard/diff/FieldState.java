package dev.lbguard.diff;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The values of one request field that a class admits, with the literals that define them. Implementations
 * are classes, not records: they hold automata, whose {@code equals} decides language equality and is far too
 * costly for the identity-keyed caches they live in.
 */
sealed interface FieldState permits FieldState.Text, FieldState.Exists {

    String field();

    /** The literals whose conjunction this state is, sorted. */
    List<Literal> literals();

    /**
     * The part of this state whose requests match {@code positive}'s condition (of language {@code language})
     * and the part whose requests do not; a part is empty when no request is in it, and is this very state
     * (with no literal added) when it is all of it. {@code strings} are the condition's values when it has a
     * few literal ones (its language is exactly those strings).
     */
    Split split(Literal positive, Automaton language, Optional<SortedSet<String>> strings);

    /** Both parts of a {@link #split}. */
    record Split(Optional<FieldState> in, Optional<FieldState> out) {
    }

    static List<Literal> plus(List<Literal> literals, Literal l) {
        List<Literal> out = new ArrayList<>(literals);
        out.add(l);
        Collections.sort(out);
        return List.copyOf(out);
    }

    /**
     * A single-valued field (host, path, method, source address): the set of values, as an automaton less a
     * finite set of strings. Most conditions name literal values (one host each), and the class of requests
     * that matched none of a listener's rules is the universe less all of them: subtracting each literal as a
     * string, and building that class's automaton only when something asks for it, saves an automaton
     * difference per rule on an automaton that grows with every rule.
     */
    final class Text implements FieldState {
        private final String field;
        private final Automaton base;
        /** Strings of {@code base} this state leaves out; empty when {@code base} is the state's language. */
        private final SortedSet<String> excluded;
        private final List<Literal> literals;
        private Automaton language;

        Text(String field, Automaton language, List<Literal> literals) {
            this(field, language, Collections.emptySortedSet(), literals);
        }

        private Text(String field, Automaton base, SortedSet<String> excluded, List<Literal> literals) {
            this.field = field;
            this.base = base;
            this.excluded = excluded;
            this.literals = List.copyOf(literals);
            this.language = excluded.isEmpty() ? base : null;
        }

        @Override
        public String field() {
            return field;
        }

        @Override
        public List<Literal> literals() {
            return literals;
        }

        /** The values of this state, as a minimal automaton (built on first use, then kept). */
        Automaton language() {
            if (language == null) {
                language = Languages.minimal(base.minus(Languages.strings(excluded)));
            }
            return language;
        }

        @Override
        public Split split(Literal positive, Automaton l, Optional<SortedSet<String>> strings) {
            if (strings.isPresent()) {
                return splitByStrings(positive, strings.get());
            }
            Automaton language = language();
            // Most rules of a listener are disjoint from most classes (one host each): deciding that by walking
            // the two automata together costs a few steps, where building and minimising the parts costs many.
            if (!Languages.intersect(language, l)) {
                return new Split(Optional.empty(), Optional.of(this));
            }
            if (language.subsetOf(l)) {
                return new Split(Optional.of(this), Optional.empty());
            }
            Automaton in = Languages.minimal(language.intersection(l));
            Automaton out = Languages.minimal(language.minus(l));
            return new Split(Optional.of(new Text(field, in, plus(literals, positive))),
                    Optional.of(new Text(field, out, plus(literals, positive.negate()))));
        }

        /** The split by a condition whose values are these strings. */
        private Split splitByStrings(Literal positive, SortedSet<String> strings) {
            TreeSet<String> in = new TreeSet<>();
            for (String s : strings) {
                if (!excluded.contains(s) && base.run(s)) {
                    in.add(s);
                }
            }
            if (in.isEmpty()) {
                return new Split(Optional.empty(), Optional.of(this));
            }
            if (within(in)) {
                return new Split(Optional.of(this), Optional.empty());
            }
            TreeSet<String> out = new TreeSet<>(excluded);
            out.addAll(in);
            return new Split(Optional.of(new Text(field, Languages.strings(in),
                    plus(literals, positive))),
                    Optional.of(new Text(field, base, Collections.unmodifiableSortedSet(out),
                            plus(literals, positive.negate()))));
        }

        /** True when every value of this state is one of {@code strings} (all of which are in it). */
        private boolean within(SortedSet<String> strings) {
            // More strings in base than these and the excluded ones together means a value outside them.
            Set<String> all = base.getFiniteStrings(strings.size() + excluded.size());
            if (all == null) {
                return false;
            }
            return all.stream().filter(v -> !excluded.contains(v)).allMatch(strings::contains);
        }
    }

    /**
     * A field a condition tests for "some value matches" (a header's values, the query's parameters): a class
     * needs, for each positive literal, some element outside every negative literal ({@code residuals}), and
     * has no element in {@code negative}. The empty header, or empty query, is simply the state with no
     * positive literal, so absence needs no special value.
     */
    final class Exists implements FieldState {
        private final String field;
        final List<Automaton> residuals;
        final Automaton negative;
        private final List<Literal> literals;

        Exists(String field, List<Automaton> residuals, Automaton negative, List<Literal> literals) {
            this.field = field;
            this.residuals = List.copyOf(residuals);
            this.negative = negative;
            this.literals = List.copyOf(literals);
        }

        static Exists universe(String field) {
            return new Exists(field, List.of(), BasicAutomata.makeEmpty(), List.of());
        }

        @Override
        public String field() {
            return field;
        }

        @Override
        public List<Literal> literals() {
            return literals;
        }

        @Override
        public Split split(Literal positive, Automaton l, Optional<SortedSet<String>> strings) {
            Automaton fresh = Languages.minimal(l.minus(negative));
            if (fresh.isEmpty()) {
                return new Split(Optional.empty(), Optional.of(this));
            }
            // Every request has some element in l exactly when one positive literal can only be met inside l.
            if (residuals.stream().anyMatch(r -> r.subsetOf(l))) {
                return new Split(Optional.of(this), Optional.empty());
            }
            List<Automaton> withFresh = new ArrayList<>(residuals);
            withFresh.add(fresh);
            FieldState in = new Exists(field, withFresh, negative, plus(literals, positive));
            List<Automaton> narrowed = new ArrayList<>();
            for (Automaton r : residuals) {
                Automaton n = Languages.minimal(r.minus(l));
                if (n.isEmpty()) {
                    return new Split(Optional.of(in), Optional.empty());
                }
                narrowed.add(n);
            }
            Automaton wider = Languages.minimal(negative.union(l));
            return new Split(Optional.of(in),
                    Optional.of(new Exists(field, narrowed, wider, plus(literals, positive.negate()))));
        }
    }
}

package dev.lbguard.diff;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

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
     * (with no literal added) when it is all of it.
     */
    Split split(Literal positive, Automaton language);

    /** Both parts of a {@link #split}. */
    record Split(Optional<FieldState> in, Optional<FieldState> out) {
    }

    static List<Literal> plus(List<Literal> literals, Literal l) {
        List<Literal> out = new ArrayList<>(literals);
        out.add(l);
        Collections.sort(out);
        return List.copyOf(out);
    }

    /** A single-valued field (host, path, method, source address): the set of values, as one automaton. */
    final class Text implements FieldState {
        private final String field;
        final Automaton language;
        private final List<Literal> literals;

        Text(String field, Automaton language, List<Literal> literals) {
            this.field = field;
            this.language = language;
            this.literals = List.copyOf(literals);
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
        public Split split(Literal positive, Automaton l) {
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
        public Split split(Literal positive, Automaton l) {
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

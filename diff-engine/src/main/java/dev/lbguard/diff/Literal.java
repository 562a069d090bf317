package dev.lbguard.diff;

import dev.lbguard.model.Condition;
import java.util.Comparator;
import java.util.Objects;

/**
 * One constraint of a request class: the requests that match {@code condition} ({@code positive}) or that do
 * not. The condition holds only known values (see {@link Languages#known}), so both snapshots share literals.
 */
record Literal(String field, Condition condition, boolean positive) implements Comparable<Literal> {
    private static final Comparator<Literal> ORDER = Comparator.comparing(Literal::field)
            .thenComparing(Literal::condition)
            .thenComparing(Literal::positive);

    Literal {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(condition, "condition");
    }

    Literal negate() {
        return new Literal(field, condition, !positive);
    }

    @Override
    public int compareTo(Literal o) {
        return ORDER.compare(this, o);
    }
}

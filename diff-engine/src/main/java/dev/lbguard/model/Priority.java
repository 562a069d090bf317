package dev.lbguard.model;

import java.util.Objects;

/**
 * A rule's priority (1 to 50000, lower first).
 *
 * @param value the priority; 0 when {@link Kind#UNKNOWN}
 * @param kind whether it was written, assigned as the provider would, or could not be evaluated
 */
public record Priority(int value, Kind kind) {
    /** How the priority is known. */
    public enum Kind {
        /** Written in the source or read from the load balancer. */
        EXPLICIT,
        /**
         * Not written: the source assigned the next free priority as the provider does. An approximation,
         * because the provider assigns it at apply time against what already exists.
         */
        ASSIGNED,
        /** Could not be evaluated; the evaluator answers unknown for any request the rule could take. */
        UNKNOWN
    }

    public Priority {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.UNKNOWN && value != 0) {
            throw new IllegalArgumentException("an unknown priority has no value");
        }
    }

    public static Priority of(int value) {
        return new Priority(value, Kind.EXPLICIT);
    }

    public static Priority assigned(int value) {
        return new Priority(value, Kind.ASSIGNED);
    }

    public static Priority unknown() {
        return new Priority(0, Kind.UNKNOWN);
    }

    public boolean isKnown() {
        return kind != Kind.UNKNOWN;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EXPLICIT -> Integer.toString(value);
            case ASSIGNED -> value + " (assigned)";
            case UNKNOWN -> "unknown";
        };
    }
}

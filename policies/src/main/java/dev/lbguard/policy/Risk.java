package dev.lbguard.policy;

import java.util.Locale;

/** How dangerous a whole change is, from nothing to critical. */
public enum Risk {
    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The risk a finding of this severity alone carries; an info finding still makes a change low risk. */
    public static Risk of(Severity severity) {
        switch (severity) {
            case CRITICAL:
                return CRITICAL;
            case HIGH:
                return HIGH;
            case MEDIUM:
                return MEDIUM;
            case LOW:
            case INFO:
                return LOW;
            default:
                throw new IllegalStateException("unhandled severity " + severity);
        }
    }

    /** One level higher, critical staying critical. */
    public Risk raised() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }

    public Risk atLeast(Risk other) {
        return compareTo(other) >= 0 ? this : other;
    }
}

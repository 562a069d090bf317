package dev.lbguard.policy;

import java.util.Locale;
import java.util.Optional;

/** How dangerous a finding is, weakest first, so that {@code compareTo} orders by danger. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case name used in reports and the policy file, e.g. {@code high}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The SARIF {@code level} of a result with this severity. The one place the mapping lives, so every
     * reporter and the docs agree: critical and high are errors, medium a warning, low and info notes.
     */
    public String sarifLevel() {
        switch (this) {
            case CRITICAL:
            case HIGH:
                return "error";
            case MEDIUM:
                return "warning";
            case LOW:
            case INFO:
                return "note";
            default:
                throw new IllegalStateException("unhandled severity " + this);
        }
    }

    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Accepts the label in any case, e.g. {@code high} or {@code HIGH}. */
    public static Optional<Severity> fromLabel(String label) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

package dev.lbguard.diagnostic;

/** How bad a problem met while reading input is; an {@link #ERROR} makes the analysis incomplete. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.lbguard.diff;

/** How an element changed between the base and the head snapshot. */
public enum ChangeType {
    ADDED, REMOVED, MODIFIED, RENAMED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

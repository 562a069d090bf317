package dev.lbguard.diff;

/** The kinds of model element a {@link ResourceChange} is about. */
public enum ElementKind {
    LOAD_BALANCER, LISTENER, RULE, TARGET_GROUP, TARGET;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}

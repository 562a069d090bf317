package dev.lbguard.model;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * An authenticate step that runs before a rule's terminal action.
 *
 * @param order the action order (1 to 50000) the steps run in
 * @param settings the step's non-secret settings (issuer, client id, user pool, ...), sorted by name;
 *                 secrets such as client secrets are never kept
 */
public record Authenticate(Kind kind, int order, SortedMap<String, String> settings) {
    /** The identity providers ALB can authenticate against. */
    public enum Kind {
        OIDC, COGNITO;

        /** The AWS action type, e.g. {@code authenticate-oidc}. */
        public String label() {
            return "authenticate-" + name().toLowerCase(Locale.ROOT);
        }
    }

    public Authenticate {
        Objects.requireNonNull(kind, "kind");
        settings = Sorted.map(settings);
    }

    public static Authenticate of(Kind kind, int order, Map<String, String> settings) {
        return new Authenticate(kind, order, new java.util.TreeMap<>(settings));
    }
}

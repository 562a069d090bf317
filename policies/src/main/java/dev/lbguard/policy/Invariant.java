package dev.lbguard.policy;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.route.Request;
import java.util.Objects;

/**
 * "This request, on this listener, must go there": one entry of {@code invariants}.
 *
 * @param listener the load balancer (its name or address) and the listener's port, {@code LB:PORT}, as
 *                 {@code route --listener} takes it
 * @param source where the entry starts in the policy file
 */
public record Invariant(String name, String listener, Request request, Expectation expect, Severity severity,
                        SourceRef source) {
    public Invariant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
    }

    /** The load balancer part of {@link #listener}. */
    public String loadBalancer() {
        return listener.substring(0, listener.lastIndexOf(':'));
    }

    /** The port part of {@link #listener}. */
    public int port() {
        return Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
    }

    /** Everything but where it stands: two invariants that judge alike. */
    public boolean judgesAlike(Invariant other) {
        return listener.equals(other.listener) && request.equals(other.request) && expect.equals(other.expect)
                && severity == other.severity;
    }
}

package dev.lbguard.policy;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.route.RouteResult;
import java.util.Objects;
import java.util.Optional;

/**
 * One invariant judged on one snapshot.
 *
 * @param status {@code UNKNOWN} when the snapshot cannot tell (a value lbguard could not read decides it, or the
 *               load balancer may be in what was not read): never a pass
 * @param actual where the request goes, in words ({@code forward shop-storefront}, {@code no listener on port
 *               443}, {@code unknown: ...})
 * @param route the evaluator's answer, when the listener exists
 */
public record InvariantResult(Invariant invariant, Status status, String actual, Optional<LoadBalancer> loadBalancer,
                              Optional<Listener> listener, Optional<RouteResult> route) {
    /** Whether the invariant holds. */
    public enum Status { PASSED, FAILED, UNKNOWN }

    public InvariantResult {
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(loadBalancer, "loadBalancer");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(route, "route");
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** The rule that takes the request, or {@code default} for the listener's default action; empty without one. */
    public Optional<String> takenBy() {
        return route.filter(RouteResult::isMatched).map(r -> r.ruleId().map(ElementId::value).orElse("default"));
    }

    /** The element a finding about this result names: the rule that takes the request, else the listener. */
    public Optional<ElementId> element() {
        Optional<ElementId> rule = route.flatMap(RouteResult::ruleId);
        return rule.isPresent() ? rule : listener.map(Listener::id);
    }

    /** Where the rule that takes the request stands (the listener's line for its default action). */
    public Optional<SourceRef> source() {
        Optional<SourceRef> rule = route.flatMap(RouteResult::rule).map(dev.lbguard.model.Rule::source);
        return rule.isPresent() ? rule : listener.map(Listener::source);
    }
}

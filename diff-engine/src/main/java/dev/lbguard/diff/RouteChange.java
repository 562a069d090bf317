package dev.lbguard.diff;

import dev.lbguard.model.ElementId;
import dev.lbguard.route.Request;
import java.util.Objects;

/**
 * A class of requests on one listener whose destination differs between base and head, with one concrete
 * witness request that the route evaluator sends to {@code before} in base and to {@code after} in head.
 *
 * @param loadBalancerName the load balancer's name (its id where the name is unknown)
 * @param listenerLabel e.g. {@code HTTPS:443}
 */
public record RouteChange(ElementId loadBalancer, String loadBalancerName, ElementId listener, String listenerLabel,
                          RequestClass match, Request example, Destination before, Destination after) {
    public RouteChange {
        Objects.requireNonNull(loadBalancer, "loadBalancer");
        Objects.requireNonNull(loadBalancerName, "loadBalancerName");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(listenerLabel, "listenerLabel");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** True when the destination is unknown on a side: the class may have moved, or not. */
    public boolean undecided() {
        return before.kind() == Destination.Kind.UNKNOWN || after.kind() == Destination.Kind.UNKNOWN;
    }
}

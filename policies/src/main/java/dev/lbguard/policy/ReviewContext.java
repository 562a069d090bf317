package dev.lbguard.policy;

import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.RoutingSnapshot;
import java.util.Objects;

/**
 * Everything a rule may read about one change: both snapshots, both diffs, the policy file's invariants
 * judged on both sides with the changes to the policy itself, and the change weighed by logged traffic when
 * logs were given.
 */
public record ReviewContext(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes,
                            PolicyOutcome policy, java.util.Optional<TrafficCounts> traffic) {
    public ReviewContext {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(traffic, "traffic");
    }

    public ReviewContext(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes,
                         PolicyOutcome policy) {
        this(base, head, resources, routes, policy, java.util.Optional.empty());
    }

    /** A change reviewed without a policy file. */
    public ReviewContext(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes) {
        this(base, head, resources, routes, PolicyOutcome.NONE);
    }
}

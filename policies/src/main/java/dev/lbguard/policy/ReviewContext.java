package dev.lbguard.policy;

import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.RoutingSnapshot;
import java.util.Objects;

/**
 * Everything a rule may read about one change: both snapshots, both diffs, and the policy file's invariants
 * judged on both sides with the changes to the policy itself.
 */
public record ReviewContext(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes,
                            PolicyOutcome policy) {
    public ReviewContext {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(policy, "policy");
    }

    /** A change reviewed without a policy file. */
    public ReviewContext(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes) {
        this(base, head, resources, routes, PolicyOutcome.NONE);
    }
}

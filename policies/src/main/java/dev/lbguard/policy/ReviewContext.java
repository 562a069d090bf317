package dev.lbguard.policy;

import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.RoutingSnapshot;
import java.util.Objects;

/** Everything a rule may read about one change: both snapshots and both diffs. */
public record ReviewContext(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes) {
    public ReviewContext {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(routes, "routes");
    }
}

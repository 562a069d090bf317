package dev.lbguard.diff;

import dev.lbguard.model.RoutingSnapshot;

/** Computes the exact {@link RouteDiff} of two snapshots. */
public final class RouteDiffer {
    public RouteDiff diff(RoutingSnapshot base, RoutingSnapshot head) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}

package dev.lbguard.diff;

import dev.lbguard.model.RoutingSnapshot;

/** Computes the {@link ResourceDiff} of two snapshots. */
public final class ResourceDiffer {
    public ResourceDiff diff(RoutingSnapshot base, RoutingSnapshot head) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}

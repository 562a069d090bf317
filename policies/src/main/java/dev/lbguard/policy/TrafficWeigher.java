package dev.lbguard.policy;

import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.RoutingSnapshot;

/** Weighs a change by logged traffic: the requests of the logs decided on both sides (analysis.TrafficWeighting). */
@FunctionalInterface
public interface TrafficWeigher {
    TrafficCounts weigh(RoutingSnapshot base, RoutingSnapshot head, RouteDiff routes);
}

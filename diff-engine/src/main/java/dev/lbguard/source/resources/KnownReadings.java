package dev.lbguard.source.resources;

import dev.lbguard.model.Condition;
import dev.lbguard.source.value.AttributesMemo;
import java.util.List;

/**
 * What one build of a root module's snapshot read, for the next build of the same root module (one at a time):
 * the conditions of rules by their attributes, and whole load balancers by their resources. The evaluation's
 * {@code Reuse} keeps one per root module; values taken over are the very same objects, which is what both compare.
 */
public final class KnownReadings {
    private final AttributesMemo<List<Condition>> conditions = new AttributesMemo<>();
    private final KnownLoadBalancers loadBalancers = new KnownLoadBalancers();

    AttributesMemo<List<Condition>> conditions() {
        return conditions;
    }

    KnownLoadBalancers loadBalancers() {
        return loadBalancers;
    }
}

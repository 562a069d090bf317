package dev.lbguard.diff;

import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.TargetGroup;
import java.util.List;

/**
 * What of git's routing a live source can see. A Terraform state, a plan or the AWS API know AWS load balancers
 * only; the HAProxy Runtime API knows HAProxy only. Comparing git's HAProxy configs with a Terraform state
 * would report them all as "not running", so drift compares each live source with its own family of git.
 */
public enum LiveScope {
    AWS, HAPROXY;

    /** The scope of a live source spec such as {@code aws:eu-west-1} or {@code haproxy:/run/haproxy.sock}. */
    public static LiveScope of(String liveSpec) {
        return liveSpec.startsWith("haproxy:") ? HAPROXY : AWS;
    }

    /** The part of {@code desired} this scope's sources can see. */
    public RoutingSnapshot restrict(RoutingSnapshot desired) {
        List<LoadBalancer> lbs = desired.loadBalancers().stream()
                .filter(lb -> (lb.type() == LoadBalancerType.HAPROXY) == (this == HAPROXY)).toList();
        List<TargetGroup> tgs = desired.targetGroups().stream()
                .filter(tg -> tg.id().value().startsWith("haproxy:") == (this == HAPROXY)).toList();
        return RoutingSnapshot.of(desired.origin(), lbs, tgs, desired.diagnostics(), desired.moves());
    }
}

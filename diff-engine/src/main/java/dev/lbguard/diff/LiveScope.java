package dev.lbguard.diff;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of the desired snapshot a live source can see: HAProxy load balancers and their backends for the
 * HAProxy Runtime API, everything else for the AWS family (state files, plans, the ELBv2 API). A repository that
 * defines both must not read as "every HAProxy backend missing live" when drift asks the AWS side, nor the reverse.
 */
public final class LiveScope {
    private static final String HAPROXY_ID = "haproxy:";

    private LiveScope() {
    }

    /** {@code desired} without the load balancers and target groups {@code live}'s source cannot see. */
    public static RoutingSnapshot seenBy(RoutingSnapshot desired, RoutingSnapshot live) {
        boolean haproxy = ServerOnlyLive.seesServersOnly(live);
        List<LoadBalancer> lbs = desired.loadBalancers().stream()
                .filter(lb -> (lb.type() == LoadBalancerType.HAPROXY) == haproxy).toList();
        Set<ElementId> routedHere = targetGroups(lbs);
        Set<ElementId> routedElsewhere = targetGroups(desired.loadBalancers().stream()
                .filter(lb -> !lbs.contains(lb)).toList());
        // A group no load balancer routes to belongs where its id says; one routed from both families stays.
        List<TargetGroup> groups = desired.targetGroups().stream()
                .filter(tg -> routedHere.contains(tg.id()) || !routedElsewhere.contains(tg.id())
                        && tg.id().value().startsWith(HAPROXY_ID) == haproxy)
                .toList();
        if (lbs.size() == desired.loadBalancers().size() && groups.size() == desired.targetGroups().size()) {
            return desired;
        }
        return new RoutingSnapshot(desired.origin(), lbs, groups, desired.diagnostics(), desired.moves(),
                desired.secrets());
    }

    private static Set<ElementId> targetGroups(List<LoadBalancer> lbs) {
        Set<ElementId> out = new HashSet<>();
        for (LoadBalancer lb : lbs) {
            for (Listener l : lb.listeners()) {
                add(out, l.defaultAction());
                l.rules().forEach(r -> add(out, r.action()));
            }
        }
        return out;
    }

    private static void add(Set<ElementId> out, RuleAction action) {
        if (action.terminal() instanceof RouteAction.Forward f) {
            f.targets().stream().map(WeightedTarget::targetGroup).forEach(out::add);
        }
    }
}

package dev.lbguard.policy.rules;

import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.ElementKind;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the drift rules share: of the elements only one side has, the outermost ones, since a load balancer that
 * is not running stands for its listeners and rules, and one finding says it.
 */
final class DriftElements {
    private DriftElements() {
    }

    /** The changes of {@code type} whose parent element has no change of that type, in diff order. */
    static List<ResourceChange> outermost(List<ResourceChange> changes, ChangeType type, RoutingSnapshot side) {
        Set<ElementId> ids = changes.stream().filter(c -> c.change() == type).map(ResourceChange::id)
                .collect(Collectors.toSet());
        Map<ElementId, ElementId> parents = parents(side);
        return changes.stream()
                .filter(c -> c.change() == type)
                .filter(c -> !parents.containsKey(c.id()) || !ids.contains(parents.get(c.id())))
                .toList();
    }

    /** Each listener's load balancer, each rule's listener, each target's target group. */
    private static Map<ElementId, ElementId> parents(RoutingSnapshot s) {
        Map<ElementId, ElementId> out = new HashMap<>();
        for (LoadBalancer lb : s.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                out.put(l.id(), lb.id());
                for (Rule r : l.rules()) {
                    out.put(r.id(), l.id());
                }
            }
        }
        for (TargetGroup tg : s.targetGroups()) {
            for (Target t : tg.targets()) {
                out.put(t.id(), tg.id());
            }
        }
        return out;
    }

    static String what(ResourceChange c) {
        return c.kind() == ElementKind.TARGET ? "target" : c.kind().label();
    }
}

package dev.lbguard.policy.rules;

import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.Destination;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Lookups the rules share: elements by id, and an element's identity in base when the change renamed it. */
final class Elements {
    private Elements() {
    }

    /** A rule and the listener and load balancer it belongs to. */
    record PlacedRule(LoadBalancer loadBalancer, Listener listener, Rule rule) {
    }

    /** A listener and the load balancer it belongs to. */
    record PlacedListener(LoadBalancer loadBalancer, Listener listener) {
    }

    /** Every rule of the snapshot by id, in load balancer, listener and rule id order. */
    static Map<ElementId, PlacedRule> rules(RoutingSnapshot snapshot) {
        Map<ElementId, PlacedRule> out = new LinkedHashMap<>();
        for (LoadBalancer lb : snapshot.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                for (Rule r : l.rules()) {
                    out.putIfAbsent(r.id(), new PlacedRule(lb, l, r));
                }
            }
        }
        return out;
    }

    /** The value under {@code key}, as an optional: the rules never handle a null. */
    static <K, V> Optional<V> find(Map<K, V> map, K key) {
        return Optional.ofNullable(map.get(key));
    }

    /** Every listener of the snapshot by id. */
    static Map<ElementId, PlacedListener> listeners(RoutingSnapshot snapshot) {
        Map<ElementId, PlacedListener> out = new LinkedHashMap<>();
        for (LoadBalancer lb : snapshot.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                out.putIfAbsent(l.id(), new PlacedListener(lb, l));
            }
        }
        return out;
    }

    /** The identity in base of the head element {@code headId}: its old id when the change renamed it. */
    static ElementId baseId(ElementId headId, ResourceDiff resources) {
        for (ResourceChange c : resources.changes()) {
            if (c.change() == ChangeType.RENAMED && c.id().equals(headId) && c.renamedFrom().isPresent()) {
                return c.renamedFrom().get();
            }
        }
        return headId;
    }

    /** The identity in head of the base element {@code baseId}: its new id when the change renamed it. */
    static ElementId headId(ElementId baseId, ResourceDiff resources) {
        for (ResourceChange c : resources.changes()) {
            if (c.change() == ChangeType.RENAMED && c.renamedFrom().equals(Optional.of(baseId))) {
                return c.id();
            }
        }
        return baseId;
    }

    /**
     * Where the requests of a route change now go in head, as an element and its line: the rule that takes
     * them, else the listener whose default action does. Empty when head has no such listener.
     */
    static Optional<Located> whereTaken(Destination after, ElementId listener, RoutingSnapshot head) {
        Map<ElementId, PlacedRule> rules = rules(head);
        if (after.rule().isPresent() && rules.containsKey(after.rule().get())) {
            Rule r = rules.get(after.rule().get()).rule();
            return Optional.of(new Located(r.id(), r.source()));
        }
        return head.listener(listener).map(l -> new Located(l.id(), l.source()));
    }

    /** An element and the line it stands on. */
    record Located(ElementId id, SourceRef source) {
    }
}

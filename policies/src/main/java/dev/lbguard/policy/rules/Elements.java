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
import dev.lbguard.model.TargetGroup;
import java.util.Collections;
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
        return INDEXES.get().of(snapshot).rules();
    }

    /** The value under {@code key}, as an optional: the rules never handle a null. */
    static <K, V> Optional<V> find(Map<K, V> map, K key) {
        return Optional.ofNullable(map.get(key));
    }

    /** Every listener of the snapshot by id. */
    static Map<ElementId, PlacedListener> listeners(RoutingSnapshot snapshot) {
        return INDEXES.get().of(snapshot).listeners();
    }

    /** Every target group of the snapshot by id (the first, as {@link RoutingSnapshot#targetGroup} finds it). */
    static Map<ElementId, TargetGroup> targetGroups(RoutingSnapshot snapshot) {
        return INDEXES.get().of(snapshot).targetGroups();
    }

    /** A snapshot's rules, listeners and target groups by id, unmodifiable. */
    private record Index(RoutingSnapshot snapshot, Map<ElementId, PlacedRule> rules,
                         Map<ElementId, PlacedListener> listeners, Map<ElementId, TargetGroup> targetGroups) {
        static Index of(RoutingSnapshot snapshot) {
            Map<ElementId, PlacedRule> rules = new LinkedHashMap<>();
            Map<ElementId, PlacedListener> listeners = new LinkedHashMap<>();
            Map<ElementId, TargetGroup> targetGroups = new java.util.HashMap<>();
            for (TargetGroup tg : snapshot.targetGroups()) {
                targetGroups.putIfAbsent(tg.id(), tg);
            }
            for (LoadBalancer lb : snapshot.loadBalancers()) {
                for (Listener l : lb.listeners()) {
                    listeners.putIfAbsent(l.id(), new PlacedListener(lb, l));
                    for (Rule r : l.rules()) {
                        rules.putIfAbsent(r.id(), new PlacedRule(lb, l, r));
                    }
                }
            }
            return new Index(snapshot, Collections.unmodifiableMap(rules), Collections.unmodifiableMap(listeners),
                    Collections.unmodifiableMap(targetGroups));
        }
    }

    /**
     * The indexes of the last two snapshots looked up on this thread: a review's rules each ask for its base's and
     * head's, and indexing a snapshot of 2,000 rules a dozen times per review was a sixth of its time.
     */
    private static final class Indexes {
        private Index last = new Index(null, Map.of(), Map.of(), Map.of());
        private Index other = last;

        Index of(RoutingSnapshot snapshot) {
            if (last.snapshot() != snapshot) {
                Index found = other.snapshot() == snapshot ? other : Index.of(snapshot);
                other = last;
                last = found;
            }
            return last;
        }
    }

    private static final ThreadLocal<Indexes> INDEXES = ThreadLocal.withInitial(Indexes::new);

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

package dev.lbguard.diff;

import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A listener of base and the listener of head that receives the same requests; one side is empty when the
 * other snapshot has no such listener (its requests then reach no listener there).
 */
record ListenerPair(Optional<Placed> base, Optional<Placed> head) {

    /**
     * A listener with the load balancer it belongs to.
     *
     * @param name how reports name the load balancer: its name, with its id where load balancers of other ids share
     *             that name (two roots named apart whose load balancers take one name)
     */
    record Placed(LoadBalancer loadBalancer, Listener listener, String name) {
        String key() {
            return loadBalancer.id().value() + "\u0000" + listener.id().value();
        }
    }

    /** A listener with its own and its load balancer's identity after the declared moves. */
    private record Moved(Placed placed, String listenerId, String loadBalancerId) {
    }

    /** Either side, the head when both exist: what a report names. */
    Placed shown() {
        return head.or(() -> base).orElseThrow();
    }

    /**
     * Pairs listeners by id where they stay on their load balancer's port; then the rest by load balancer id and
     * port, then by load balancer name and port (a listener re-created under a new address still takes the port's
     * traffic). Identities are compared after the declared moves, so a listener or load balancer renamed with
     * {@code moved} is paired with itself. Symmetric, so that swapping base and head swaps the sides of each
     * pair and nothing else.
     */
    static List<ListenerPair> match(RoutingSnapshot base, RoutingSnapshot head, Reach reach) {
        Set<String> shared = sharedNames(base, head, reach);
        Map<String, Moved> b = byId(base, reach, shared);
        Map<String, Moved> h = byId(head, reach, shared);
        Map<String, Placed> baseAt = firstAt(b.values());
        Map<String, Placed> headAt = firstAt(h.values());
        List<ListenerPair> pairs = new ArrayList<>();
        for (String id : new ArrayList<>(b.keySet())) {
            // The same listener moved to another port (or load balancer) takes other requests: its old port's
            // requests now reach no listener, and the new port's are new. Pairing it would hide both.
            if (h.containsKey(id) && samePlace(b.get(id), h.get(id))) {
                pairs.add(new ListenerPair(Optional.of(b.remove(id).placed()), Optional.of(h.remove(id).placed())));
            }
        }
        pairUp(b, h, ListenerPair::place, pairs);
        pairUp(b, h, p -> p.placed().loadBalancer().name() + "\u0000" + p.placed().listener().port(), pairs);
        // A listener left over where the other side still has one on its load balancer's port (two listeners
        // declared on one port, which AWS refuses; one of them removed): that port's requests reach the other
        // side's listener, not no listener.
        b.values().forEach(p -> pairs.add(new ListenerPair(Optional.of(p.placed()), samePort(headAt, p))));
        h.values().forEach(p -> pairs.add(new ListenerPair(samePort(baseAt, p), Optional.of(p.placed()))));
        pairs.sort(Comparator.comparing(ListenerPair::sortKey));
        return pairs;
    }

    private static String place(Moved p) {
        return p.loadBalancerId() + "\u0000" + p.placed().listener().port();
    }

    /** The listener of {@code at} on the port of {@code p}'s load balancer; none where the port is unknown (0). */
    private static Optional<Placed> samePort(Map<String, Placed> at, Moved p) {
        return p.placed().listener().port() == 0 ? Optional.empty() : Optional.ofNullable(at.get(place(p)));
    }

    /** The first listener on each load balancer's port, paired or not. */
    private static Map<String, Placed> firstAt(java.util.Collection<Moved> listeners) {
        Map<String, Placed> out = new java.util.HashMap<>();
        listeners.forEach(p -> out.putIfAbsent(place(p), p.placed()));
        return out;
    }

    private static boolean samePlace(Moved a, Moved b) {
        return a.placed().listener().port() == b.placed().listener().port()
                && a.loadBalancerId().equals(b.loadBalancerId());
    }

    private String sortKey() {
        String bk = base.map(Placed::key).orElse("\uffff");
        String hk = head.map(Placed::key).orElse("\uffff");
        return bk.compareTo(hk) <= 0 ? bk : hk;
    }

    private static void pairUp(Map<String, Moved> b, Map<String, Moved> h, Function<Moved, String> key,
                               List<ListenerPair> pairs) {
        Map<String, List<String>> heads = new TreeMap<>();
        h.forEach((id, p) -> heads.computeIfAbsent(key.apply(p), k -> new ArrayList<>()).add(id));
        for (String id : new ArrayList<>(b.keySet())) {
            List<String> candidates = heads.getOrDefault(key.apply(b.get(id)), List.of());
            Iterator<String> it = candidates.iterator();
            if (it.hasNext()) {
                String match = it.next();
                it.remove();
                pairs.add(new ListenerPair(Optional.of(b.remove(id).placed()), Optional.of(h.remove(match).placed())));
            }
        }
    }

    /** The names that load balancers of different identities take, in either snapshot. */
    private static Set<String> sharedNames(RoutingSnapshot base, RoutingSnapshot head, Reach reach) {
        Map<String, String> identityByName = new java.util.HashMap<>();
        Set<String> shared = new java.util.HashSet<>();
        for (RoutingSnapshot s : List.of(base, head)) {
            for (LoadBalancer lb : s.loadBalancers()) {
                String identity = reach.identity(lb.id()).value();
                String first = identityByName.putIfAbsent(lb.name(), identity);
                if (first != null && !first.equals(identity)) {
                    shared.add(lb.name());
                }
            }
        }
        return shared;
    }

    private static Map<String, Moved> byId(RoutingSnapshot s, Reach reach, Set<String> shared) {
        Map<String, Moved> m = new LinkedHashMap<>();
        List<Moved> all = new ArrayList<>();
        for (LoadBalancer lb : s.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                String name = shared.contains(lb.name()) ? lb.name() + " (" + lb.id() + ")" : lb.name();
                all.add(new Moved(new Placed(lb, l, name), reach.identity(l.id()).value(),
                        reach.identity(lb.id()).value()));
            }
        }
        all.sort(Comparator.comparing(Moved::listenerId).thenComparing(p -> p.placed().listener().id()));
        for (Moved p : all) {
            if (m.putIfAbsent(p.listenerId(), p) != null) {
                // Two listeners of one identity (another root's move gives one the other's): the second is kept
                // under its own id, paired by it or by its port, never dropped with its changes.
                m.putIfAbsent("\u0001" + p.placed().listener().id().value(), p);
            }
        }
        return m;
    }
}

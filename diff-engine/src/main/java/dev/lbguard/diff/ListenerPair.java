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
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A listener of base and the listener of head that receives the same requests; one side is empty when the
 * other snapshot has no such listener (its requests then reach no listener there).
 */
record ListenerPair(Optional<Placed> base, Optional<Placed> head) {

    /** A listener with the load balancer it belongs to. */
    record Placed(LoadBalancer loadBalancer, Listener listener) {
        String key() {
            return loadBalancer.id().value() + "\u0000" + listener.id().value();
        }
    }

    /** Either side, the head when both exist: what a report names. */
    Placed shown() {
        return head.or(() -> base).orElseThrow();
    }

    /**
     * Pairs listeners by id where they stay on their load balancer's port; then the rest by load balancer id and
     * port, then by load balancer name and port (a listener re-created under a new address still takes the port's
     * traffic). Symmetric, so that swapping base and head swaps the sides of each pair and nothing else.
     */
    static List<ListenerPair> match(RoutingSnapshot base, RoutingSnapshot head) {
        Map<String, Placed> b = byId(base);
        Map<String, Placed> h = byId(head);
        List<ListenerPair> pairs = new ArrayList<>();
        for (String id : new ArrayList<>(b.keySet())) {
            // The same listener moved to another port (or load balancer) takes other requests: its old port's
            // requests now reach no listener, and the new port's are new. Pairing it would hide both.
            if (h.containsKey(id) && samePlace(b.get(id), h.get(id))) {
                pairs.add(new ListenerPair(Optional.of(b.remove(id)), Optional.of(h.remove(id))));
            }
        }
        pairUp(b, h, p -> p.loadBalancer().id().value() + "\u0000" + p.listener().port(), pairs);
        pairUp(b, h, p -> p.loadBalancer().name() + "\u0000" + p.listener().port(), pairs);
        b.values().forEach(p -> pairs.add(new ListenerPair(Optional.of(p), Optional.empty())));
        h.values().forEach(p -> pairs.add(new ListenerPair(Optional.empty(), Optional.of(p))));
        pairs.sort(Comparator.comparing(ListenerPair::sortKey));
        return pairs;
    }

    private static boolean samePlace(Placed a, Placed b) {
        return a.listener().port() == b.listener().port()
                && a.loadBalancer().id().value().equals(b.loadBalancer().id().value());
    }

    private String sortKey() {
        String bk = base.map(Placed::key).orElse("\uffff");
        String hk = head.map(Placed::key).orElse("\uffff");
        return bk.compareTo(hk) <= 0 ? bk : hk;
    }

    private static void pairUp(Map<String, Placed> b, Map<String, Placed> h, Function<Placed, String> key,
                               List<ListenerPair> pairs) {
        Map<String, List<String>> heads = new TreeMap<>();
        h.forEach((id, p) -> heads.computeIfAbsent(key.apply(p), k -> new ArrayList<>()).add(id));
        for (String id : new ArrayList<>(b.keySet())) {
            List<String> candidates = heads.getOrDefault(key.apply(b.get(id)), List.of());
            Iterator<String> it = candidates.iterator();
            if (it.hasNext()) {
                String match = it.next();
                it.remove();
                pairs.add(new ListenerPair(Optional.of(b.remove(id)), Optional.of(h.remove(match))));
            }
        }
    }

    private static Map<String, Placed> byId(RoutingSnapshot s) {
        Map<String, Placed> m = new LinkedHashMap<>();
        List<Placed> all = new ArrayList<>();
        for (LoadBalancer lb : s.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                all.add(new Placed(lb, l));
            }
        }
        all.sort(Comparator.comparing(p -> p.listener().id()));
        for (Placed p : all) {
            m.putIfAbsent(p.listener().id().value(), p);
        }
        return m;
    }
}

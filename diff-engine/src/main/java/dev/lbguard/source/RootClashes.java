package dev.lbguard.source;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which roots declare an address another root declares, kept up to date as roots change: a timeline asks at every
 * commit of a history of many roots, of which a commit changes one, and scanning every root's every address each
 * time took a fifth of the walk. The listeners of another stack's load balancer are looked up, not declared:
 * several roots hang rules on them by design, so two lookups of one are no clash.
 */
public final class RootClashes {
    /** One declaration of an address: by which root, and whether it only looked it up. */
    private record Owner(String root, boolean lookedUp) {
        boolean clashesWith(Owner other) {
            return !root.equals(other.root) && !(lookedUp && other.lookedUp);
        }
    }

    private final Map<ElementId, List<Owner>> owners = new HashMap<>();
    private final Map<String, RoutingSnapshot> read = new HashMap<>();
    // For each root, how many of its declarations clash with another root's: a root clashes while above zero.
    private final Map<String, Integer> clashes = new HashMap<>();

    /** The roots among {@code roots} (directory to reading) that share an address, after taking them as the roots. */
    public Set<String> update(Map<String, RoutingSnapshot> roots) {
        if (roots.size() < 2) {
            // One root shares nothing, and a big root's every commit would re-index all its addresses.
            owners.clear();
            read.clear();
            clashes.clear();
            return Set.of();
        }
        for (Iterator<Map.Entry<String, RoutingSnapshot>> it = read.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, RoutingSnapshot> e = it.next();
            if (roots.get(e.getKey()) != e.getValue()) {
                declarations(e.getKey(), e.getValue(), this::remove);
                it.remove();
            }
        }
        roots.forEach((root, snapshot) -> {
            if (read.putIfAbsent(root, snapshot) == null) {
                declarations(root, snapshot, this::add);
            }
        });
        Set<String> out = new TreeSet<>();
        clashes.forEach((root, n) -> {
            if (n > 0) {
                out.add(root);
            }
        });
        return out;
    }

    private interface Declare {
        void at(ElementId id, Owner owner);
    }

    private static void declarations(String root, RoutingSnapshot snapshot, Declare declare) {
        Owner declared = new Owner(root, false);
        Owner looked = new Owner(root, true);
        for (LoadBalancer lb : snapshot.loadBalancers()) {
            Owner byLb = lb.managedElsewhere() ? looked : declared;
            declare.at(lb.id(), byLb);
            for (Listener l : lb.listeners()) {
                declare.at(l.id(), byLb);
                for (Rule r : l.rules()) {
                    declare.at(r.id(), declared);
                }
            }
        }
        for (TargetGroup tg : snapshot.targetGroups()) {
            declare.at(tg.id(), declared);
        }
    }

    private void add(ElementId id, Owner owner) {
        List<Owner> list = owners.computeIfAbsent(id, k -> new ArrayList<>(1));
        count(list, -1);
        list.add(owner);
        count(list, 1);
    }

    private void remove(ElementId id, Owner owner) {
        List<Owner> list = owners.get(id);
        count(list, -1);
        list.remove(owner);
        count(list, 1);
        if (list.isEmpty()) {
            owners.remove(id);
        }
    }

    /** Adds {@code sign} for each declaration of {@code list} that clashes with another of it. */
    private void count(List<Owner> list, int sign) {
        if (list.size() < 2) {
            return; // the common case: an address one root declares
        }
        for (Owner o : list) {
            for (Owner other : list) {
                if (o.clashesWith(other)) {
                    clashes.merge(o.root(), sign, Integer::sum);
                    break;
                }
            }
        }
    }
}

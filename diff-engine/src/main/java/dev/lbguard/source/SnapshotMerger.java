package dev.lbguard.source;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Move;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the snapshots of several configuration roots of one revision (Terraform root modules, HAProxy configs,
 * Ansible trees) into one. Roots that declare one address are named apart first ({@link RootNames}), so no
 * element hides another; a listener of another stack that several roots attach rules to (the platform's HTTPS
 * listener, found by the same lookup) is one listener, whose rules are seen together, as AWS evaluates them.
 */
public final class SnapshotMerger {
    private SnapshotMerger() {
    }

    /** The roots (directory to its reading, in reading order) as one snapshot, those that clash named apart. */
    public static RoutingSnapshot merge(SnapshotOrigin origin, Map<String, RoutingSnapshot> roots) {
        return merge(origin, roots, Set.of());
    }

    /**
     * The two sides of a comparison (root directory to its reading, each), merged and named alike: a root that
     * shares an address on either side is named apart on both, and a root whose directory moved
     * ({@link RootNames#movedRoots}, judged by {@code sameStack}) is named alike under both directories and moved
     * from one to the other in the head, so that its elements are neither destroyed nor renamed.
     *
     * @param apart roots to name apart besides those that clash here (a timeline's, which clash elsewhere)
     */
    public static List<RoutingSnapshot> pair(SnapshotOrigin baseOrigin, Map<String, RoutingSnapshot> base,
                                             SnapshotOrigin headOrigin, Map<String, RoutingSnapshot> head,
                                             Set<String> apart,
                                             java.util.function.BiPredicate<String, String> sameStack) {
        Set<String> both = new java.util.HashSet<>(apart);
        both.addAll(RootNames.clashing(List.of(base, head)));
        List<Move> moved = new ArrayList<>();
        for (String[] p : RootNames.movedRoots(base, head, sameStack)) {
            if (both.contains(p[0]) || both.contains(p[1])) {
                both.add(p[0]);
                both.add(p[1]);
                moved.add(RootNames.move(p[0], p[1], dev.lbguard.diagnostic.SourceRef.file(p[1])));
            }
        }
        RoutingSnapshot after = merge(headOrigin, head, both);
        if (!moved.isEmpty()) {
            List<Move> moves = new ArrayList<>(after.moves());
            moves.addAll(moved);
            after = new RoutingSnapshot(after.origin(), after.loadBalancers(), after.targetGroups(),
                    after.diagnostics(), moves, after.secrets());
        }
        return List.of(merge(baseOrigin, base, both), after);
    }

    /**
     * {@link #merge(SnapshotOrigin, Map)}, naming apart {@code apart} too: the roots that clash on the other side
     * of a comparison, so that both sides name them alike.
     */
    public static RoutingSnapshot merge(SnapshotOrigin origin, Map<String, RoutingSnapshot> roots, Set<String> apart) {
        Set<String> renamed = new java.util.HashSet<>(apart);
        renamed.addAll(RootNames.clashing(List.of(roots)));
        Map<ElementId, LoadBalancer> loadBalancers = new LinkedHashMap<>();
        Map<ElementId, TargetGroup> targetGroups = new LinkedHashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        roots.forEach((root, read) -> {
            RoutingSnapshot one = renamed.contains(root) ? RootNames.apart(root, read) : read;
            diagnostics.addAll(one.diagnostics());
            moves.addAll(one.moves());
            for (LoadBalancer lb : one.loadBalancers()) {
                // Named apart, only the load balancers of another stack meet: their rules join on one listener.
                loadBalancers.merge(lb.id(), lb, (earlier, later) -> SharedListeners.join(earlier, later, diagnostics));
            }
            one.targetGroups().forEach(tg -> targetGroups.put(tg.id(), tg));
        });
        return RoutingSnapshot.of(origin, loadBalancers.values(), targetGroups.values(), diagnostics, moves)
                .withSecrets(dev.lbguard.model.Secrets.of(List.copyOf(roots.values())));
    }
}

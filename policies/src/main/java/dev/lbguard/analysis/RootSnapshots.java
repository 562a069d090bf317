package dev.lbguard.analysis;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Move;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Secrets;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The root modules of a history state seen as one snapshot: all of them, or those a commit's comparison must read
 * (its changed roots and the stacks that share a listener with them).
 */
final class RootSnapshots {
    private RootSnapshots() {
    }

    /** The snapshot of every root module of a state, as one. */
    static RoutingSnapshot full(HistorySnapshots.State state, SnapshotOrigin origin) {
        return merge(state, state.snapshots().keySet(), origin);
    }

    /**
     * The roots a commit's comparison must read: those it changed, and every other root that hangs rules on a
     * listener of another stack one of them hangs rules on, before or after. AWS evaluates all rules of a listener
     * together, so a changed stack's rule that takes requests from an unchanged stack's rule is only seen with
     * both (the same join {@code review} makes).
     */
    static List<String> comparedRoots(HistorySnapshots.State before, HistorySnapshots.State after,
                                      List<String> changed) {
        Set<String> shared = new java.util.HashSet<>();
        for (HistorySnapshots.State s : List.of(before, after)) {
            for (String root : changed) {
                RoutingSnapshot snap = s.snapshots().get(root);
                if (snap != null) {
                    snap.loadBalancers().stream().filter(LoadBalancer::managedElsewhere)
                            .forEach(lb -> shared.add(lb.id().value()));
                }
            }
        }
        TreeSet<String> roots = new TreeSet<>(changed);
        if (shared.isEmpty()) {
            return List.copyOf(roots);
        }
        for (HistorySnapshots.State s : List.of(before, after)) {
            s.snapshots().forEach((root, snap) -> {
                if (snap.loadBalancers().stream().anyMatch(lb -> lb.managedElsewhere()
                        && shared.contains(lb.id().value()))) {
                    roots.add(root);
                }
            });
        }
        return List.copyOf(roots);
    }

    /** The snapshot of these root modules of a state (those that exist there), as one. */
    static RoutingSnapshot merge(HistorySnapshots.State state, java.util.Collection<String> roots,
                                 SnapshotOrigin origin) {
        Map<ElementId, LoadBalancer> lbs = new LinkedHashMap<>();
        Map<ElementId, TargetGroup> tgs = new LinkedHashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        List<RoutingSnapshot> read = new ArrayList<>();
        List<List<LoadBalancer>> byRoot = new ArrayList<>();
        for (String root : roots) {
            RoutingSnapshot s = state.snapshots().get(root);
            if (s == null) {
                continue;
            }
            read.add(s);
            diagnostics.addAll(s.diagnostics());
            moves.addAll(s.moves());
            List<LoadBalancer> unlinked = dev.lbguard.source.SnapshotMerger.unlinkClashingTargets(s, tgs);
            byRoot.add(unlinked);
            for (LoadBalancer lb : unlinked) {
                LoadBalancer earlier = lbs.putIfAbsent(lb.id(), lb);
                if (earlier != null) {
                    // Another stack's listener that several roots (Terragrunt units) hang rules on: seen together.
                    java.util.Optional<LoadBalancer> joined = dev.lbguard.source.SnapshotMerger.joinShared(earlier, lb,
                            diagnostics);
                    joined.ifPresentOrElse(j -> lbs.put(lb.id(), j),
                            () -> diagnostics.add(dev.lbguard.source.SnapshotMerger.clash("load balancer", lb.id(),
                                    lb.source(), earlier.source())));
                }
            }
            for (TargetGroup tg : s.targetGroups()) {
                TargetGroup first = tgs.putIfAbsent(tg.id(), tg);
                if (first != null) {
                    diagnostics.add(dev.lbguard.source.SnapshotMerger.clash("target group", tg.id(), tg.source(),
                            first.source()));
                }
            }
        }
        dev.lbguard.source.SnapshotMerger.nestedClashes(byRoot, diagnostics);
        return RoutingSnapshot.of(origin, lbs.values(), tgs.values(), diagnostics, moves)
                .withSecrets(Secrets.of(read));
    }
}

package dev.lbguard.analysis;

import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The root modules of a history state seen as one snapshot: all of them, or those a commit's comparison must read
 * (its changed roots and the stacks that share a listener with them).
 */
final class RootSnapshots {
    private RootSnapshots() {
    }

    /** The snapshot of every root module of a state, as one, the roots that clash there named apart. */
    static RoutingSnapshot full(HistorySnapshots.State state, SnapshotOrigin origin) {
        return dev.lbguard.source.SnapshotMerger.merge(origin, state.snapshots());
    }

    /** Every root module of two states, as one snapshot each, named alike (see {@link #pair}). */
    static List<RoutingSnapshot> full(HistorySnapshots.State before, HistorySnapshots.State after,
                                      SnapshotOrigin beforeOrigin, SnapshotOrigin afterOrigin,
                                      dev.lbguard.source.git.GitRepository git) {
        return dev.lbguard.source.SnapshotMerger.pair(beforeOrigin, before.snapshots(), afterOrigin,
                after.snapshots(), Set.of(), sameStack(git, before, after));
    }

    /**
     * Whether a directory at one state's commit is the stack another is at the other's ({@link
     * dev.lbguard.source.terraform.SameStack}): asked only where a comparison lost a root and gained one, so the trees
     * are opened then.
     */
    static java.util.function.BiPredicate<String, String> sameStack(dev.lbguard.source.git.GitRepository git,
                                                                    HistorySnapshots.State before,
                                                                   HistorySnapshots.State after) {
        return (dir, other) -> {
            if (before.commit().isEmpty() || after.commit().isEmpty()) {
                return false;
            }
            try {
                return new dev.lbguard.source.terraform.SameStack(git.tree(before.commit()), git.tree(after.commit()))
                        .same(dir, other);
            } catch (dev.lbguard.source.SourceException e) {
                return false;
            }
        };
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

    /**
     * The snapshot of these root modules of a state (those that exist there), as one: merged as one reading of
     * several roots is (SnapshotMerger), {@code apart} named apart, so that a root reads the same in a timeline as
     * in a review.
     */
    static List<RoutingSnapshot> pair(HistorySnapshots.State before, HistorySnapshots.State after,
                                      java.util.Collection<String> roots, SnapshotOrigin beforeOrigin,
                                      SnapshotOrigin afterOrigin, Set<String> apart,
                                      dev.lbguard.source.git.GitRepository git) {
        return dev.lbguard.source.SnapshotMerger.pair(beforeOrigin, read(before, roots), afterOrigin,
                read(after, roots), apart, sameStack(git, before, after));
    }

    private static java.util.Map<String, RoutingSnapshot> read(HistorySnapshots.State state,
                                                              java.util.Collection<String> roots) {
        java.util.Map<String, RoutingSnapshot> read = new java.util.LinkedHashMap<>();
        for (String root : roots) {
            RoutingSnapshot s = state.snapshots().get(root);
            if (s != null) {
                read.put(root, s);
            }
        }
        return read;
    }
}

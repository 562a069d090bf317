package dev.lbguard.analysis;

import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.Baseline;
import dev.lbguard.model.Commit;
import dev.lbguard.policy.ReviewResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rollback of the load-balancer definitions to a target revision: the patch, the review of applying it (the
 * route changes it makes from today), the proof that the patched files route exactly as the target does, and
 * the commits since the target whose changes to those files it undoes.
 *
 * @param mark the known-good mark when the target came from the baseline
 * @param review HEAD against HEAD with the patch applied
 * @param proof the patched files against the target: empty when the rollback restores the target's routing
 * @param undone the commits since the target that changed the patched files, newest first; empty with
 *               {@code undoneKnown} false when the target is not an ancestor of HEAD
 * @param binaries binary files that differ from the target and that the patch leaves as they are
 * @param patchAppliedInMemory false when JGit could not apply the patch (CRLF files) and the proof read the
 *                             target's files as the patch writes them
 */
public record Rollback(Commit head, Commit target, String targetLabel, Optional<Baseline> mark,
                       String patch, List<String> paths, ReviewResult review, RouteDiff proof,
                       List<Undone> undone, boolean undoneKnown, List<String> applied, List<BinaryFile> binaries,
                       boolean patchAppliedInMemory) {
    /** A commit since the target whose changes to the patched files the rollback takes away. */
    public record Undone(Commit commit, List<String> paths, boolean movedRequests) {
        public Undone {
            paths = List.copyOf(paths);
        }
    }

    public Rollback {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(target, "target");
        paths = List.copyOf(paths);
        undone = List.copyOf(undone);
        applied = List.copyOf(applied);
        binaries = List.copyOf(binaries);
    }

    /**
     * True when the patch, applied in memory, routes exactly as the target and both were read completely. A patch
     * JGit could not apply (CRLF files) is not proven: its proof would compare the target with itself.
     */
    public boolean proven() {
        return patchAppliedInMemory && proof.isEmpty() && proof.decided() && review.complete();
    }

    /** A binary file the patch cannot carry: restore it by hand from the target ({@code atTarget}) or delete it. */
    public record BinaryFile(String path, boolean atTarget) {
    }
}

package dev.lbguard.analysis;

import dev.lbguard.diff.RouteDiff;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.model.Baseline;
import dev.lbguard.model.Commit;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.rules.BuiltInRules;
import dev.lbguard.source.SnapshotMerger;
import dev.lbguard.source.dispatch.Configurations;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.git.Commits;
import dev.lbguard.source.git.GitHistory;
import dev.lbguard.source.git.GitRepository;
import dev.lbguard.source.git.RollbackPatch;
import dev.lbguard.source.terraform.SameStack;
import dev.lbguard.source.terraform.eval.Reuse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The rollback to a target revision: the patch that brings the load-balancer definition files back, what it does to
 * routing from HEAD, the proof that the patched files route exactly as the target does, and the commits whose
 * changes it also undoes; with {@code apply}, the patched files written into the work tree (never committed).
 */
public final class RollbackAnalysis {
    private final GitRepository git;
    private final Optional<String> dir;
    private final Configurations.Inputs inputs;
    private final dev.lbguard.policy.Review review;
    private final PolicyContext policy;

    /** @param dir the one root to roll back, or every root when empty */
    public RollbackAnalysis(GitRepository git, Optional<String> dir, Configurations.Inputs inputs) {
        this(git, dir, inputs, dev.lbguard.policy.rules.BuiltInRules.review(), PolicyContext.NONE);
    }

    private RollbackAnalysis(GitRepository git, Optional<String> dir, Configurations.Inputs inputs,
                             dev.lbguard.policy.Review review, PolicyContext policy) {
        this.git = git;
        this.dir = dir;
        this.inputs = inputs;
        this.review = review;
        this.policy = policy;
    }

    /** The rollback weighed by logged traffic: how many of the logged requests going back to known-good moves. */
    public RollbackAnalysis weighedBy(dev.lbguard.policy.TrafficWeigher traffic) {
        return new RollbackAnalysis(git, dir, inputs, dev.lbguard.policy.rules.BuiltInRules.review().weighedBy(traffic),
                policy);
    }

    /**
     * The rollback judged by a policy file: going back must not break what the team promises today (an invariant
     * that holds at HEAD and fails after the rollback is a finding), and its severities and waivers apply.
     */
    public RollbackAnalysis judgedBy(PolicyContext policy) {
        return new RollbackAnalysis(git, dir, inputs, review, policy);
    }

    /**
     * @param to the target as the user named it (a revision, or {@code known-good})
     * @param mark the known-good mark the target is, when it is one
     */
    public Rollback run(String targetRevision, String to, Optional<Baseline> mark, boolean apply)
            throws SourceException {
        RevCommit head = git.resolve("HEAD");
        RevCommit target = git.resolve(targetRevision);
        SourceTree headTree = git.tree(head.name());
        SourceTree targetTree = git.tree(target.name());
        HistorySnapshots snapshots = new HistorySnapshots(git, dir, inputs);
        TreeSet<String> roots = new TreeSet<>();
        TreeSet<String> dirs = new TreeSet<>();
        // What the roots read outside their directories (an Ansible inventory beside the tree) is rolled back too.
        TreeSet<String> files = new TreeSet<>(inputs.terraform().trackedFiles());
        // A root that shares an address with another at either revision is named apart in all four readings.
        java.util.Set<String> apart = new java.util.TreeSet<>();
        for (String rev : List.of(head.name(), target.name())) {
            HistorySnapshots.State state = snapshots.at(rev);
            apart.addAll(dev.lbguard.source.RootNames.clashing(List.of(state.snapshots())));
            state.dirs().forEach((root, read) -> {
                roots.add(root);
                dirs.addAll(read);
            });
            state.reads().values().forEach(r -> {
                files.addAll(r.files());
                dirs.addAll(r.dirs());
            });
        }
        if (roots.isEmpty()) {
            throw new AnalysisException(dir.isPresent()
                    ? Configurations.noConfigurationAt(dir.get(), "HEAD or at " + to)
                    : "no root with load-balancer definitions (Terraform, Ansible or HAProxy) at HEAD or at " + to);
        }
        boolean wholeRoot = roots.contains("") && List.of(headTree, targetTree).stream()
                .anyMatch(t -> Configurations.kindOf(t, "").filter(k -> k != Configurations.Kind.TERRAFORM).isPresent());
        TreeSet<String> affected = affected(List.of(headTree, targetTree), roots, dirs, wholeRoot);
        // A committed --var-file is part of what routes: the rollback brings it back too.
        // The policy file stays as it is: it judges the rollback, and going back must not drop today's promises.
        List<String> kept = policy.judge().exists() && !policy.judge().path().equals(PolicyFile.DEFAULT_PATH)
                ? List.of(PolicyFile.DEFAULT_PATH, policy.judge().path()) : List.of(PolicyFile.DEFAULT_PATH);
        RollbackPatch patcher = new RollbackPatch(git, List.copyOf(dirs), List.copyOf(files), wholeRoot, kept);
        RollbackPatch.Patched patched = patcher.between(head, target);
        SnapshotOrigin patchedOrigin = new SnapshotOrigin(SnapshotOrigin.Kind.OTHER, "", "HEAD + rollback patch");
        // The four readings share most files (the patched tree is the head with the target's routing): each root
        // module takes over what its previous reading computed (see Reuse).
        Reuse.Roots reuse = new Reuse.Roots();
        // Each comparison names its roots alike on both sides, a root whose directory the rollback moves back
        // moved rather than renamed (SnapshotMerger.pair), as review names them.
        Map<String, RoutingSnapshot> targetRoots = read(targetTree, roots, inputs, origin(target, to), reuse);
        List<RoutingSnapshot> proven = SnapshotMerger.pair(patchedOrigin,
                read(patched.tree(), roots, inputs, patchedOrigin, reuse), origin(target, to), targetRoots, apart,
                new SameStack(patched.tree(), targetTree)::same);
        RouteDiff proof = new RouteDiffer().diff(proven.get(0), proven.get(1));
        List<RoutingSnapshot> reviewed = SnapshotMerger.pair(origin(head, "HEAD"),
                read(headTree, affected, inputs, origin(head, "HEAD"), reuse), patchedOrigin,
                read(patched.tree(), affected, inputs, patchedOrigin, reuse), apart,
                new SameStack(headTree, patched.tree())::same);
        ReviewResult review = this.review.review(reviewed.get(0), reviewed.get(1), policy);
        List<Rollback.Undone> undone = new ArrayList<>();
        boolean known = undone(head, target, patcher, snapshots, undone);
        List<String> applied = apply ? applyToWorkTree(headTree, patched) : List.of();
        return new Rollback(Commits.of(head), Commits.of(target), to, mark, patched.patch(), patched.paths(), review,
                proof, undone, known, applied, patched.binaries().stream()
                .map(b -> new Rollback.BinaryFile(b.path(), b.atTarget())).toList(), patched.appliedInMemory());
    }

    /**
     * The roots the patch changes: those rolled back and, outside {@code --dir}, every root that reads a patched
     * directory or one below it (a module both call), or every root when a committed var file is patched (every
     * root module reads it). What the rollback does to them is reviewed; the proof is about the roots rolled back.
     */
    private TreeSet<String> affected(List<SourceTree> trees, TreeSet<String> roots, TreeSet<String> dirs,
                                     boolean wholeRoot) {
        TreeSet<String> affected = new TreeSet<>(roots);
        if (dir.isEmpty()) {
            return affected;
        }
        HistorySnapshots all = new HistorySnapshots(git, Optional.empty(), inputs);
        boolean varFiles = !inputs.terraform().trackedFiles().isEmpty();
        for (SourceTree tree : trees) {
            all.roots(tree).forEach((root, read) -> {
                boolean patched = read.stream().anyMatch(r -> dirs.stream().anyMatch(d -> d.isEmpty()
                        ? wholeRoot || r.isEmpty() : r.equals(d) || r.startsWith(d + "/")));
                if (varFiles || patched) {
                    affected.add(root);
                }
            });
        }
        return affected;
    }

    /** The commits since the target that changed the patched files; false when the target is not an ancestor. */
    private boolean undone(RevCommit head, RevCommit target, RollbackPatch patcher, HistorySnapshots snapshots,
                           List<Rollback.Undone> out) throws SourceException {
        if (!git.isAncestor(target, head)) {
            return false;
        }
        GitHistory history = new GitHistory(git);
        TimelineResult t = new TimelineAnalysis(snapshots).analyse(history.range(target.name(), head.name()),
                Optional.empty(), done -> { });
        List<TimelineEntry> entries = new ArrayList<>(t.entries());
        entries.sort((a, b) -> b.commit().time().compareTo(a.commit().time()));
        for (TimelineEntry e : entries) {
            Commit c = e.commit();
            List<String> paths = history.changedPaths(c.parents().isEmpty() ? Optional.empty()
                    : Optional.of(c.parents().get(0)), c.id()).stream().filter(patcher::inScope).toList();
            if (!paths.isEmpty()) {
                out.add(new Rollback.Undone(c, paths, !e.routingNeutral()));
            }
        }
        return true;
    }

    /** Writes the patched files into the work tree, after checking they are as HEAD has them. */
    private List<String> applyToWorkTree(SourceTree headTree, RollbackPatch.Patched patched)
            throws SourceException {
        Path root = git.workTree().orElseThrow(() -> new AnalysisException("--apply needs a work tree; this repository "
                + "is bare"));
        List<String> dirty = new ArrayList<>();
        for (String p : patched.paths()) {
            Path file = root.resolve(p);
            try {
                boolean same = headTree.isFile(p) ? Files.isRegularFile(file)
                        && Arrays.equals(Files.readAllBytes(file), headTree.read(p)) : !Files.exists(file);
                if (!same) {
                    dirty.add(p);
                }
            } catch (IOException e) {
                dirty.add(p);
            }
        }
        if (!dirty.isEmpty()) {
            throw new AnalysisException("--apply refuses to overwrite uncommitted changes in " + String.join(", ", dirty)
                    + "; commit or stash them first (or apply the patch by hand)");
        }
        try {
            for (String p : patched.paths()) {
                Path file = root.resolve(p);
                if (patched.tree().isFile(p)) {
                    Files.createDirectories(file.getParent());
                    Files.write(file, patched.tree().read(p));
                } else {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new AnalysisException("--apply could not write the work tree: " + e.getMessage());
        }
        return patched.paths();
    }

    private static Map<String, RoutingSnapshot> read(SourceTree tree, TreeSet<String> roots,
                                                     Configurations.Inputs inputs, SnapshotOrigin origin,
                                                     Reuse.Roots reuse) {
        // A root that holds no configuration at this revision (not created yet, or deleted) has no load balancers.
        List<String> present = roots.stream().filter(r -> (r.isEmpty() || tree.isDirectory(r))
                && !Configurations.holdsNoConfiguration(tree, r)).toList();
        return Configurations.readRoots(tree, present, inputs, origin, Optional.of(reuse));
    }

    private static SnapshotOrigin origin(RevCommit c, String label) {
        return new SnapshotOrigin(SnapshotOrigin.Kind.GIT_REVISION, c.name(), label);
    }
}

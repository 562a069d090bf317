package dev.lbguard.cli.command;

import dev.lbguard.cli.ExitCode;
import dev.lbguard.cli.UsageException;
import dev.lbguard.cli.history.HistorySnapshots;
import dev.lbguard.cli.history.Rollback;
import dev.lbguard.cli.history.TimelineAnalysis;
import dev.lbguard.cli.history.TimelineEntry;
import dev.lbguard.cli.history.TimelineResult;
import dev.lbguard.cli.report.RollbackReport;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.policy.Review;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.source.Configurations;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.git.Baselines;
import dev.lbguard.source.git.CommitInfo;
import dev.lbguard.source.git.GitHistory;
import dev.lbguard.source.git.GitRepository;
import dev.lbguard.source.git.RollbackPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollback}: the patch back to the known-good load-balancer definitions, with the proof that it restores them. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Write the patch (git apply-able) that brings the load-balancer definition files back to the "
                + "target revision, with the route changes it makes from HEAD, the proof that the patched files route "
                + "exactly as the target does, and the commits whose changes to those files it also undoes.",
            "The text report ends with the patch, and git apply skips the report before it: "
                + "lbguard rollback > rollback.patch && git apply rollback.patch."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the patch restores the target's routing", "1:the rollback itself has findings at or "
                + "above --fail-on", "2:usage error (no known-good mark, unknown revision, dirty files for --apply)",
            "3:the proof failed or something could not be read: the patch may not restore the target's routing"})
public final class RollbackCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--to", paramLabel = "REV", defaultValue = "known-good",
            description = "The revision to go back to, or known-good (the mark of 'lbguard baseline mark'). "
                    + "Default: ${DEFAULT-VALUE}.")
    String to;

    @Option(names = "--apply", description = "Also write the target's files into the work tree (never commits; "
            + "refuses when those files have uncommitted changes).")
    boolean apply;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            description = "Exit 1 when the rollback itself has a finding at least this severe: "
                    + "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    FailOn failOn;

    public RollbackCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (options.format == OutputFormat.SARIF) {
            throw new UsageException("rollback writes text, markdown or json, not sarif");
        }
        Path repoDir = options.repo == null ? Path.of("").toAbsolutePath() : options.repo;
        Rollback rollback;
        try (GitRepository git = GitRepository.open(repoDir)) {
            rollback = rollback(git);
        } catch (SourceException e) {
            throw new UsageException(e.getMessage());
        }
        if (options.format == OutputFormat.TEXT) {
            ReportOutput.write(options, spec.commandLine().getOut(), RollbackReport.text(rollback,
                    ReportOutput.style(options, environment, System.console() != null)),
                    rollback.patch(), // never redacted: it must apply as proven
                    dev.lbguard.cli.report.Redaction.secretsOf(rollback.review()));
        } else {
            ReportOutput.write(options, spec.commandLine().getOut(), options.format == OutputFormat.JSON
                    ? RollbackReport.json(rollback) : RollbackReport.markdown(rollback),
                    dev.lbguard.cli.report.Redaction.secretsOf(rollback.review()));
        }
        if (!rollback.proven()) {
            return ExitCode.INCOMPLETE.code();
        }
        return failOn.failsOn(rollback.review().findings()) ? ExitCode.FINDINGS.code() : ExitCode.CLEAN.code();
    }

    private Rollback rollback(GitRepository git) throws SourceException {
        Optional<Baselines.Mark> mark = Optional.empty();
        String targetRev = to;
        if (to.equals("known-good")) {
            mark = Optional.of(new Baselines(git).current().orElseThrow(() -> new UsageException(BaselineCommand.NONE)));
            targetRev = mark.get().commit();
        }
        RevCommit head = git.resolve("HEAD");
        RevCommit target = git.resolve(targetRev);
        SourceTree headTree = git.tree(head.name());
        SourceTree targetTree = git.tree(target.name());
        Optional<String> dir = Workspace.dirIn(git, options);
        Configurations.Inputs inputs = SnapshotOptions.inputs(options, environment);
        HistorySnapshots snapshots = new HistorySnapshots(git, dir, inputs);
        TreeSet<String> roots = new TreeSet<>();
        TreeSet<String> dirs = new TreeSet<>();
        // What the roots read outside their directories (an Ansible inventory beside the tree) is rolled back too.
        TreeSet<String> files = new TreeSet<>(inputs.terraform().trackedFiles());
        for (String rev : List.of(head.name(), target.name())) {
            HistorySnapshots.State state = snapshots.at(rev);
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
            throw new UsageException(dir.isPresent()
                    ? "--dir " + dir.get() + " is not a directory at HEAD or at " + to
                    : "no root with load-balancer definitions (Terraform, Ansible or HAProxy) at HEAD or at " + to);
        }
        boolean wholeRoot = roots.contains("") && List.of(headTree, targetTree).stream()
                .anyMatch(t -> Configurations.kindOf(t, "").filter(k -> k != Configurations.Kind.TERRAFORM).isPresent());
        TreeSet<String> affected = affected(git, dir, inputs, List.of(headTree, targetTree), roots, dirs, wholeRoot);
        // A committed --var-file is part of what routes: the rollback brings it back too.
        RollbackPatch patcher = new RollbackPatch(git, List.copyOf(dirs), List.copyOf(files), wholeRoot);
        RollbackPatch.Patched patched = patcher.between(head, target);
        SnapshotOrigin patchedOrigin = new SnapshotOrigin(SnapshotOrigin.Kind.OTHER, "", "HEAD + rollback patch");
        RoutingSnapshot targetSnap = read(targetTree, roots, inputs, origin(target, to));
        RouteDiff proof = new RouteDiffer().diff(read(patched.tree(), roots, inputs, patchedOrigin), targetSnap);
        ReviewResult review = new Review().review(read(headTree, affected, inputs, origin(head, "HEAD")),
                read(patched.tree(), affected, inputs, patchedOrigin));
        List<Rollback.Undone> undone = new ArrayList<>();
        boolean known = undone(git, head, target, patcher, snapshots, undone);
        List<String> applied = apply ? applyToWorkTree(git, headTree, patched) : List.of();
        return new Rollback(CommitInfo.of(head), CommitInfo.of(target), to, mark, patched.patch(), patched.paths(), review,
                proof, undone, known, applied, patched.binaries(), patched.appliedInMemory());
    }

    /**
     * The roots the patch changes: those rolled back and, outside {@code --dir}, every root that reads a patched
     * directory or one below it (a module both call), or every root when a committed var file is patched (every
     * root module reads it). What the rollback does to them is reviewed; the proof is about the roots rolled back.
     */
    private static TreeSet<String> affected(GitRepository git, Optional<String> dir, Configurations.Inputs inputs,
                                            List<SourceTree> trees, TreeSet<String> roots, TreeSet<String> dirs,
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
    private boolean undone(GitRepository git, RevCommit head, RevCommit target, RollbackPatch patcher,
                           HistorySnapshots snapshots, List<Rollback.Undone> out) throws SourceException {
        try (RevWalk walk = new RevWalk(git.jgit())) {
            if (!walk.isMergedInto(walk.parseCommit(target), walk.parseCommit(head))) {
                return false;
            }
        } catch (IOException e) {
            throw new SourceException("cannot relate " + to + " to HEAD: " + e.getMessage(), e);
        }
        GitHistory history = new GitHistory(git);
        TimelineResult t = new TimelineAnalysis(snapshots).analyse(history.range(target.name(), head.name()),
                Optional.empty(), done -> { });
        List<TimelineEntry> entries = new ArrayList<>(t.entries());
        entries.sort((a, b) -> b.commit().time().compareTo(a.commit().time()));
        for (TimelineEntry e : entries) {
            CommitInfo c = e.commit();
            List<String> paths = history.changedPaths(c.parents().isEmpty() ? Optional.empty()
                    : Optional.of(c.parents().get(0)), c.id()).stream().filter(patcher::inScope).toList();
            if (!paths.isEmpty()) {
                out.add(new Rollback.Undone(c, paths, !e.routingNeutral()));
            }
        }
        return true;
    }

    /** Writes the patched files into the work tree, after checking they are as HEAD has them. */
    private List<String> applyToWorkTree(GitRepository git, SourceTree headTree, RollbackPatch.Patched patched)
            throws SourceException {
        Path root = git.workTree().orElseThrow(() -> new UsageException("--apply needs a work tree; this repository "
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
            throw new UsageException("--apply refuses to overwrite uncommitted changes in " + String.join(", ", dirty)
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
            throw new UsageException("--apply could not write the work tree: " + e.getMessage());
        }
        return patched.paths();
    }

    private static RoutingSnapshot read(SourceTree tree, TreeSet<String> roots, Configurations.Inputs inputs,
                                        SnapshotOrigin origin) {
        List<String> present = roots.stream().filter(r -> r.isEmpty() || tree.isDirectory(r)).toList();
        return Configurations.read(tree, present, inputs, origin);
    }

    private static SnapshotOrigin origin(RevCommit c, String label) {
        return new SnapshotOrigin(SnapshotOrigin.Kind.GIT_REVISION, c.name(), label);
    }
}

package dev.lbguard.cli.command;

import dev.lbguard.policy.PolicyContext;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.file.PolicyFileException;
import dev.lbguard.policy.file.PolicyFileReader;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.git.GitRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --policy}: where the routing policy is read. By default {@code lbguard.yml} at the repository's root, read
 * at the revision being judged (the base of a review), so that a change cannot loosen the policy that judges it. A
 * file given inside the repository is read at that revision too; one outside it is read from disk as it is.
 */
final class PolicyOption {
    @Option(names = "--policy", paramLabel = "FILE", description = "The policy file (default: lbguard.yml at the "
            + "root of the repository, read at the revision judged; a file outside the repository is read from disk).")
    Path file;

    /** The policy at {@code rev} (a git revision, WORKTREE, or null for files on disk); none when there is no file. */
    PolicyFile at(CommonOptions options, String rev) throws PolicyFileException {
        Path cwd = Path.of("").toAbsolutePath();
        Path repoDir = options.repo == null ? cwd : options.repo.toAbsolutePath();
        Optional<Path> outside = file == null ? Optional.empty() : Optional.of(cwd.resolve(file).normalize());
        try (GitRepository repo = GitRepository.open(repoDir)) {
            Path root = repo.workTree().orElse(repoDir).toAbsolutePath().normalize();
            String inRepo = PolicyFile.DEFAULT_PATH;
            if (outside.isPresent()) {
                if (!outside.get().startsWith(root)) {
                    return fromDisk(outside.get());
                }
                inRepo = root.relativize(outside.get()).toString().replace('\\', '/');
            }
            SourceTree tree = repo.tree(rev == null ? GitRepository.WORKTREE : rev);
            if (!tree.isFile(inRepo)) {
                if (file != null) {
                    throw new UsageException("--policy " + file + ": no such file at " + (rev == null ? "the work tree"
                            : rev));
                }
                return PolicyFile.none();
            }
            return PolicyFileReader.read(inRepo, tree.read(inRepo));
        } catch (SourceException e) {
            if (outside.isPresent()) {
                return fromDisk(outside.get());
            }
            Path onDisk = repoDir.resolve(PolicyFile.DEFAULT_PATH);
            return Files.isRegularFile(onDisk) ? fromDisk(onDisk) : PolicyFile.none();
        } catch (IOException e) {
            throw new UsageException("cannot read the policy file: " + e.getMessage());
        }
    }

    /** The policy at {@code rev}, a policy file lbguard cannot use being a usage error that lists every problem. */
    PolicyFile require(CommonOptions options, String rev) {
        try {
            return at(options, rev);
        } catch (PolicyFileException e) {
            throw unusable(e);
        }
    }

    /**
     * The policy standing at {@code rev}, judging an incident's analyses (timeline, rollback). A default
     * {@code lbguard.yml} lbguard cannot read judges nothing and says so in the report, so that an incident is never
     * held up by the policy file; one named with {@code --policy} must be usable.
     */
    PolicyContext standing(CommonOptions options, String rev) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try {
            PolicyFile f = at(options, rev);
            return new PolicyContext(f, f, today);
        } catch (PolicyFileException broken) {
            if (file != null) {
                throw unusable(broken);
            }
            PolicyFileException.Problem first = broken.problems().get(0);
            return new PolicyContext(PolicyFile.none(), PolicyFile.none(), today, java.util.List.of(),
                    java.util.List.of(new dev.lbguard.policy.PolicyOutcome.Warning("the policy file cannot be read ("
                            + first.message() + "), so nothing was judged by it", dev.lbguard.diagnostic.SourceRef.of(
                            first.path(), first.line(), first.column()))));
        }
    }

    /**
     * The policies of a change: the base's judges (a policy file lbguard cannot read there is a usage error), the
     * head's is compared with it (one it cannot read is reported, not fatal: the change is what breaks it).
     */
    PolicyContext forChange(CommonOptions options, String base, String head) {
        PolicyFile judge;
        try {
            judge = at(options, base);
        } catch (PolicyFileException broken) {
            return repairedBy(options, head, broken);
        }
        try {
            return new PolicyContext(judge, at(options, head), LocalDate.now(ZoneOffset.UTC));
        } catch (PolicyFileException e) {
            return new PolicyContext(judge, PolicyFile.none(), LocalDate.now(ZoneOffset.UTC),
                    e.problems().stream().map(PolicyFileException.Problem::toString).toList());
        }
    }

    /**
     * A base whose policy file cannot be read judges nothing; the change is judged by its own policy file, if that
     * one reads, so that the pull request repairing a broken file is not refused for the breakage it repairs.
     */
    private PolicyContext repairedBy(CommonOptions options, String head, PolicyFileException broken) {
        PolicyFile proposed;
        try {
            proposed = at(options, head);
        } catch (PolicyFileException alsoBroken) {
            throw unusable(alsoBroken);
        }
        PolicyFileException.Problem first = broken.problems().get(0);
        return new PolicyContext(proposed, proposed, LocalDate.now(ZoneOffset.UTC), java.util.List.of(),
                java.util.List.of(new dev.lbguard.policy.PolicyOutcome.Warning("the policy file before the change cannot"
                        + " be read (" + first.message() + (broken.problems().size() > 1 ? ", and "
                        + (broken.problems().size() - 1) + " more" : "") + "); the change is judged by its own policy "
                        + "file", dev.lbguard.diagnostic.SourceRef.of(first.path(), first.line(), first.column()))));
    }

    static UsageException unusable(PolicyFileException e) {
        return new UsageException("the policy file cannot be used; fix it and run again:\n  "
                + e.getMessage().replace("\n", "\n  "));
    }

    private static PolicyFile fromDisk(Path p) throws PolicyFileException {
        if (!Files.isRegularFile(p)) {
            throw new UsageException("--policy " + p + " is not a file");
        }
        try {
            return PolicyFileReader.read(p.toString(), Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UsageException("cannot read --policy " + p + ": " + e.getMessage());
        }
    }
}

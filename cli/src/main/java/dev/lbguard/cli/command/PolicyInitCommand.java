package dev.lbguard.cli.command;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.file.PolicyFileWriter;
import dev.lbguard.policy.invariant.StarterPolicy;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.git.GitRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code policy init}: a starter {@code lbguard.yml} with one invariant per rule and default action, so that a team
 * starts at full coverage and edits from there. Never overwrites a file.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a starter lbguard.yml from the routing at a revision: one invariant per rule and default "
                + "action, with a request that rule takes and where it goes today. Never overwrites an existing file.")
public final class PolicyInitCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Mixin
    RevisionOption revision;

    @Option(names = "--file", paramLabel = "FILE", description = "Where to write it (default: lbguard.yml at the root "
            + "of the repository's work tree; - for standard output).")
    String file;

    public PolicyInitCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Path target = file == null ? defaultTarget() : file.equals("-") ? null : Path.of(file).toAbsolutePath();
        if (target != null && Files.exists(target)) {
            throw new UsageException(target + " exists; lbguard never overwrites a policy file. Move it away, or write "
                    + "the starter elsewhere with --file FILE (or --file - for standard output) and merge by hand");
        }
        RoutingSnapshot snapshot = SnapshotOptions.load(options, environment, revision.rev);
        StarterPolicy starter = StarterPolicy.of(snapshot, PolicyFile.DEFAULT_PATH);
        String text = PolicyFileWriter.write(starter.invariants(), List.of(
                "lbguard routing policy: written by 'lbguard policy init' from " + revision.rev + ".",
                "One invariant per rule and default action: a request the rule takes and where it goes today.",
                "Rename them, and give requests your users really send; see docs/policy-file.md."),
                starter.notes());
        if (target == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            ReportOutput.writeAtomically(target, text, "--file");
            if (!options.quiet) {
                spec.commandLine().getErr().println("lbguard: wrote " + starter.invariants().size() + " invariants to "
                        + target + (starter.notes().isEmpty() ? "" : "; " + starter.notes().size()
                        + " not written (listed at its end)"));
            }
        }
        return snapshot.complete() && starter.notes().isEmpty() ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
    }

    private Path defaultTarget() {
        Path cwd = Path.of("").toAbsolutePath();
        Path repoDir = options.repo == null ? cwd : options.repo.toAbsolutePath();
        try (GitRepository repo = GitRepository.open(repoDir)) {
            return repo.workTree().orElseThrow(() -> new UsageException("the repository has no work tree to write "
                    + "lbguard.yml into; give --file FILE")).resolve(PolicyFile.DEFAULT_PATH);
        } catch (SourceException e) {
            return repoDir.resolve(PolicyFile.DEFAULT_PATH);
        }
    }
}

package dev.lbguard.cli.command;

import dev.lbguard.analysis.AnalysisException;
import dev.lbguard.analysis.Rollback;
import dev.lbguard.analysis.RollbackAnalysis;
import dev.lbguard.cli.report.Redaction;
import dev.lbguard.cli.report.RollbackReport;
import dev.lbguard.model.Baseline;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.git.Baselines;
import dev.lbguard.source.git.GitRepository;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
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
                + "lbguard rollback --fail-on never > rollback.patch && git apply rollback.patch."},
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

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when the rollback itself has a finding no waiver accepts at least this severe: "
                    + "${COMPLETION-CANDIDATES}. Default: fail_on of the policy file, else high.")
    FailOn failOn;

    @Mixin
    PolicyOption policy;

    @Mixin
    TrafficOption traffic;

    public RollbackCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The weigher of {@code --traffic}, the log reduced to what the rules of HEAD and the target read. */
    private Optional<dev.lbguard.policy.TrafficWeigher> weigher(String target) {
        if (!traffic.given()) {
            return Optional.empty();
        }
        try {
            return traffic.weigher(SnapshotOptions.loadPair(options, environment, target, "HEAD"));
        } catch (UsageException e) {
            return traffic.weigher(); // no load balancer at one end: requests kept whole
        }
    }

    @Override
    public Integer call() {
        if (options.format == OutputFormat.SARIF) {
            throw new UsageException("rollback writes text, markdown or json, not sarif");
        }
        Path repoDir = options.repo == null ? Path.of("").toAbsolutePath() : options.repo;
        traffic.given();
        Rollback rollback;
        try (GitRepository git = GitRepository.open(repoDir)) {
            Optional<Baseline> mark = to.equals("known-good")
                    ? Optional.of(new Baselines(git).current().orElseThrow(() -> new UsageException(BaselineCommand.NONE)))
                    : Optional.empty();
            // HEAD's policy judges: going back must keep today's promises (an invariant added since the target).
            RollbackAnalysis analysis = new RollbackAnalysis(git, Workspace.dirIn(git, options),
                    SnapshotOptions.inputs(options, environment)).judgedBy(policy.standing(options, "HEAD"));
            String target = mark.map(Baseline::commit).orElse(to);
            rollback = weigher(target).map(analysis::weighedBy).orElse(analysis).run(target, to, mark,
                    apply);
        } catch (SourceException | AnalysisException e) {
            throw new UsageException(e.getMessage());
        }
        if (options.format == OutputFormat.TEXT) {
            ReportOutput.write(options, spec.commandLine().getOut(), RollbackReport.text(rollback,
                    ReportOutput.style(options, environment)),
                    rollback.patch(), // never redacted: it must apply as proven
                    Redaction.secretsOf(rollback.review()));
        } else {
            ReportOutput.write(options, spec.commandLine().getOut(), options.format == OutputFormat.JSON
                    ? RollbackReport.json(rollback) : RollbackReport.markdown(rollback),
                    Redaction.secretsOf(rollback.review()));
        }
        // As every command: findings at or above --fail-on first (1), then whatever is not sure (3).
        if (FailOn.or(failOn, rollback.review().policy().judge()).failsOn(rollback.review().findings())) {
            return ExitCode.FINDINGS.code();
        }
        return rollback.proven() ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
    }
}

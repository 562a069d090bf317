package dev.lbguard.cli.command;

import dev.lbguard.analysis.AuditAnalysis;
import dev.lbguard.analysis.AuditResult;
import dev.lbguard.analysis.DriftAnalysis;
import dev.lbguard.cli.report.AuditReport;
import dev.lbguard.model.Baseline;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.Finding;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.git.Baselines;
import dev.lbguard.source.git.GitRepository;
import dev.lbguard.source.live.dispatch.LiveSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: for cron. Drift of what runs against the branch head and against the last known-good revision,
 * with a history line and a Prometheus textfile, and exit codes a scheduler can act on.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Drift of the live load balancer against the branch head and against the known-good revision "
                + "(lbguard baseline), for scheduled runs. Writes text or json.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no drift at or above --fail-on", "1:drift at or above --fail-on (an invariant of the policy "
                + "file that holds in git and fails live included)",
            "2:usage error, or the live source, the repository or its policy file cannot be read (the --prom file "
                + "then says lbguard_audit_inputs_read 0)", "3:the analysis is incomplete", "70:internal error"})
public final class AuditCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--live", paramLabel = "SOURCE", required = true,
            description = "What is running: tfstate:PATH, tfshow:PATH, plan:PATH, aws:REGION[?endpoint=URL], "
                    + "haproxy:SOCKET|HOST:PORT or snapshot:FILE.")
    String live;

    @Option(names = "--rev", paramLabel = "REV", defaultValue = "HEAD",
            description = "The branch head to compare with. Default: ${DEFAULT-VALUE}.")
    String rev;

    @Option(names = "--state", paramLabel = "PATH",
            description = "A Terraform state file whose ARNs pair live elements (from aws:) with the addresses in git.")
    Path state;

    @Option(names = "--history", paramLabel = "FILE", description = "Append one JSON line per audit to FILE.")
    Path history;

    @Option(names = "--prom", paramLabel = "FILE",
            description = "Write a Prometheus textfile (for node_exporter's textfile collector), atomically.")
    Path prom;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding no waiver accepts is at least this severe: ${COMPLETION-CANDIDATES}. "
                    + "Default: fail_on of the policy file, else high.")
    FailOn failOn;

    @Mixin
    PolicyOption policy;

    public AuditCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (options.format != OutputFormat.TEXT && options.format != OutputFormat.JSON) {
            throw new UsageException("audit writes text or json; use drift for markdown and sarif");
        }
        Instant now = When.now(environment);
        try {
            return audit(now);
        } catch (UsageException e) {
            recordFailure(now, e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            // A bug or exhausted memory (exit 70) must not leave the last good numbers up either.
            recordFailure(now, "internal error: " + e.getClass().getSimpleName());
            throw e;
        }
    }

    /** The scheduler sees the failure, and so does monitoring: the last good numbers must not stay up. */
    private void recordFailure(Instant now, String error) {
        if (history != null) {
            append(history, AuditReport.failedHistoryLine(live, now, error));
        }
        if (prom != null) {
            ReportOutput.writeAtomically(prom, AuditReport.failedPrometheus(live, now), "--prom");
        }
    }

    private int audit(Instant now) {
        Optional<Baseline> mark;
        try (GitRepository repo = BaselineCommand.open(options)) {
            mark = new Baselines(repo).current();
        } catch (SourceException e) {
            throw new UsageException(e.getMessage());
        }
        // The branch head's policy judges what runs against both revisions: its invariants are today's promises.
        PolicyFile file = policy.require(options, rev);
        PolicyContext judged = new PolicyContext(file, file, LocalDate.ofInstant(now, ZoneOffset.UTC));
        AuditResult audit;
        try {
            RoutingSnapshot liveSnapshot = LiveSources.open(live, environment).read();
            audit = new AuditAnalysis(DriftAnalysis.withState(Optional.ofNullable(state)),
                    revision -> SnapshotOptions.load(options, environment, revision))
                    .run(live, now, liveSnapshot, rev, mark, judged);
        } catch (SourceException e) {
            throw new UsageException(e.getMessage());
        }
        String out = options.format == OutputFormat.JSON ? AuditReport.json(audit)
                : AuditReport.text(audit, ReportOutput.style(options, environment));
        if (history != null) {
            append(history, AuditReport.historyLine(audit));
        }
        if (prom != null) {
            // Metric names, labels and numbers only: nothing sensitive, and redaction could break the format.
            ReportOutput.writeAtomically(prom, AuditReport.prometheus(audit), "--prom");
        }
        ReportOutput.write(options, spec.commandLine().getOut(), out, audit.secrets());
        List<Finding> findings = new ArrayList<>(audit.head().result().findings());
        audit.knownGood().ifPresent(k -> findings.addAll(k.result().findings()));
        return FailOn.or(failOn, file).exitCode(findings, audit.complete());
    }

    /** Appends one line, starting a new line first if the file's last one was left without its line feed. */
    private static void append(Path file, String line) {
        try {
            String text = line; // built from JSON whose values are hidden as it was written
            if (Files.isRegularFile(file) && Files.size(file) > 0) {
                try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
                    f.seek(f.length() - 1);
                    if (f.read() != '\n') {
                        text = "\n" + text;
                    }
                }
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UsageException("cannot append to --history " + file + ": " + e.getMessage());
        }
    }
}

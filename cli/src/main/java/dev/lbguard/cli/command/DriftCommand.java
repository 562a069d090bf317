package dev.lbguard.cli.command;

import dev.lbguard.analysis.DriftAnalysis;
import dev.lbguard.analysis.DriftResult;
import dev.lbguard.cli.report.DriftReport;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Secrets;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.live.LiveSource;
import dev.lbguard.source.live.dispatch.LiveSources;
import dev.lbguard.source.live.SnapshotJson;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drift}: does what is running still match git, and which requests does the difference send elsewhere. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Compare the routing git declares at a revision with the live load balancer: elements missing "
                + "live, unmanaged ones, changed settings, the requests that reach a different destination, findings "
                + "and risk. SOURCE is tfstate:PATH, tfshow:PATH (terraform show -json), plan:PATH (terraform show "
                + "-json of a plan), aws:REGION[?endpoint=URL], haproxy:SOCKET|HOST:PORT or snapshot:FILE "
                + "(saved with --save-live).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no drift at or above --fail-on",
            "1:drift at or above --fail-on (an invariant of the policy file that holds in git and fails live included)",
            "2:usage error or unusable input (the live source or the policy file could not be read)",
            "3:analysis incomplete: something that may affect routing could not be read"})
public final class DriftCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--rev", paramLabel = "REV", defaultValue = "HEAD",
            description = "The revision that says what should run (or WORKTREE). Default: ${DEFAULT-VALUE}.")
    String rev;

    @Option(names = "--live", paramLabel = "SOURCE", required = true,
            description = "What is running: tfstate:PATH, tfshow:PATH, plan:PATH, aws:REGION[?endpoint=URL], "
                    + "haproxy:SOCKET|HOST:PORT or snapshot:FILE.")
    String live;

    @Option(names = "--save-live", paramLabel = "FILE",
            description = "Also save the live snapshot as JSON, to compare again later with --live snapshot:FILE.")
    Path saveLive;

    @Option(names = "--state", paramLabel = "PATH",
            description = "A Terraform state file whose ARNs pair live elements (from aws:) with the addresses in git.")
    Path state;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding no waiver accepts is at least this severe: ${COMPLETION-CANDIDATES}. "
                    + "Default: fail_on of the policy file, else high.")
    FailOn failOn;

    @Mixin
    PolicyOption policy;

    @Mixin
    TrafficOption traffic;

    public DriftCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        traffic.given();
        // The policy at the revision that says what should run judges both sides: what runs has no policy file.
        PolicyFile file = policy.require(options, rev);
        PolicyContext judged = new PolicyContext(file, file, LocalDate.now(ZoneOffset.UTC));
        RoutingSnapshot desired = SnapshotOptions.load(options, environment, rev);
        DriftResult drift;
        try {
            LiveSource source = LiveSources.open(live, environment);
            RoutingSnapshot liveSnapshot = source.read();
            if (saveLive != null) {
                save(liveSnapshot, Secrets.of(List.of(desired, liveSnapshot)));
            }
            DriftAnalysis analysis = DriftAnalysis.withState(Optional.ofNullable(state));
            Optional<dev.lbguard.policy.TrafficWeigher> weigher = traffic.weigher(List.of(desired, liveSnapshot));
            drift = weigher.map(analysis::weighedBy).orElse(analysis).run(desired, liveSnapshot, source, judged);
        } catch (SourceException e) {
            throw new UsageException(e.getMessage());
        }
        String out = switch (options.format) {
            case JSON -> DriftReport.json(drift);
            case MARKDOWN -> DriftReport.markdown(drift);
            case SARIF -> DriftReport.sarif(drift, VersionProvider.current());
            case TEXT -> DriftReport.text(drift, ReportOutput.style(options, environment));
        };
        ReportOutput.write(options, spec.commandLine().getOut(), out, drift.secrets());
        return FailOn.or(failOn, file).exitCode(drift.result());
    }

    /** Atomically, sensitive values hidden: a saved snapshot travels (a CI artifact), unlike the state it came from. */
    private void save(RoutingSnapshot snapshot, Secrets secrets) {
        String json = SnapshotJson.write(snapshot);
        if (!secrets.isEmpty()) {
            try {
                com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
                json = mapper.writeValueAsString(dev.lbguard.cli.report.Redaction.hideSensitive(mapper.readTree(json), secrets))
                        + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write a snapshot", e);
            }
        }
        ReportOutput.writeAtomically(saveLive, json, "--save-live");
    }
}

package dev.lbguard.cli.command;

import dev.lbguard.cli.ExitCode;
import dev.lbguard.cli.UsageException;
import dev.lbguard.cli.VersionProvider;
import dev.lbguard.cli.report.DriftReport;
import dev.lbguard.diff.LiveMatch;
import dev.lbguard.diff.LiveMatcher;
import dev.lbguard.diff.LiveScope;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.diff.ServerOnlyLive;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.Review;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.RiskScoring;
import dev.lbguard.policy.RuleCatalog;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.live.LiveSource;
import dev.lbguard.source.live.LiveSources;
import dev.lbguard.source.live.SnapshotJson;
import dev.lbguard.source.live.TfStateSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
            "1:drift at or above --fail-on",
            "2:usage error or unusable input (the live source could not be read)",
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

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            description = "Exit 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES}. "
                    + "Default: ${DEFAULT-VALUE}.")
    FailOn failOn;

    public DriftCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        RoutingSnapshot desired = SnapshotOptions.load(options, environment, rev);
        RoutingSnapshot liveSnapshot;
        Optional<RoutingSnapshot> planned;
        Map<String, ElementId> knownIds = new TreeMap<>();
        try {
            LiveSource source = LiveSources.open(live, environment);
            liveSnapshot = source.read();
            planned = source.nextApply();
            knownIds.putAll(knownIds(state));
        } catch (SourceException e) {
            throw new UsageException(e.getMessage());
        }
        if (saveLive != null) {
            save(liveSnapshot, dev.lbguard.model.Secrets.of(java.util.List.of(desired, liveSnapshot)));
        }
        Optional<DriftReport.NextApply> next = planned.map(p ->
                new DriftReport.NextApply(liveSnapshot, p, new RouteDiffer().diff(liveSnapshot, p)));
        DriftReport report = compare(desired, liveSnapshot, knownIds, next);
        ReviewResult result = report.result();
        String out = switch (options.format) {
            case JSON -> report.json();
            case MARKDOWN -> report.markdown();
            case SARIF -> report.sarif(VersionProvider.current());
            case TEXT -> report.text(ReportOutput.style(options, environment, System.console() != null));
        };
        ReportOutput.write(options, spec.commandLine().getOut(), out, report.secrets());
        if (failOn.failsOn(result.findings())) {
            return ExitCode.FINDINGS.code();
        }
        return result.complete() ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
    }

    /** Drift of one desired snapshot against the live one: pairing, then the review with the drift rules. */
    static DriftReport compare(RoutingSnapshot desired, RoutingSnapshot live, Map<String, ElementId> knownIds,
                               Optional<DriftReport.NextApply> next) {
        // Only what the live source can see is compared: an HAProxy in git is not "missing" from an AWS state.
        RoutingSnapshot wanted = LiveScope.seenBy(desired, live);
        // The HAProxy Runtime API shows backends and servers only; the routing it cannot see is git's, not missing.
        RoutingSnapshot compared = ServerOnlyLive.seesServersOnly(live) ? ServerOnlyLive.complete(wanted, live) : live;
        LiveMatch match = new LiveMatcher().match(wanted, compared, knownIds);
        ReviewResult result = new Review(RuleCatalog.drift(), RiskScoring.DEFAULT).review(wanted, match.live());
        return new DriftReport(result, match, next);
    }

    /** The ARNs a state file maps to Terraform addresses, for pairing API elements with git's. */
    static Map<String, ElementId> knownIds(Path state) throws SourceException {
        Map<String, ElementId> ids = new TreeMap<>();
        if (state != null) {
            TfStateSource.of(state).addressesByArn().forEach((arn, address) -> ids.put(arn, ElementId.of(address)));
        }
        return ids;
    }

    /** Atomically, sensitive values hidden: a saved snapshot travels (a CI artifact), unlike the state it came from. */
    private void save(RoutingSnapshot snapshot, dev.lbguard.model.Secrets secrets) {
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

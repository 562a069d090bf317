package dev.lbguard.cli.command;

import dev.lbguard.analysis.PolicyCheck;
import dev.lbguard.cli.report.CheckReport;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.rules.BuiltInRules;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.live.dispatch.LiveSources;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code check}: does the routing keep every invariant of the policy file, and how much of it do they cover. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check every invariant of the policy file (lbguard.yml) at a revision, or on what runs with "
                + "--live: where each request goes and whether that is what the invariant expects; then, per "
                + "listener, the rules no invariant exercises.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every invariant holds (and coverage is at least --fail-under)",
            "1:an invariant fails, or coverage is under --fail-under",
            "2:usage error or unusable input (a policy file lbguard cannot read)",
            "3:analysis incomplete: an invariant cannot be decided, or something that may affect routing could not "
                    + "be read"})
public final class CheckCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Mixin
    RevisionOption revision;

    @Mixin
    PolicyOption policy;

    @Option(names = "--live", paramLabel = "SOURCE", description = "Check what runs instead of the revision: "
            + "tfstate:PATH, tfshow:PATH, plan:PATH, aws:REGION[?endpoint=URL], haproxy:SOCKET|HOST:PORT or "
            + "snapshot:FILE (the policy is still read at --rev).")
    String live;

    @Option(names = "--fail-under", paramLabel = "PCT", description = "Exit 1 when the invariants exercise less than "
            + "this percentage of the rules (0 to 100).")
    Double failUnder;

    @Mixin
    TrafficOption traffic;

    public CheckCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (options.format == OutputFormat.SARIF) {
            throw new UsageException("check writes text, json or markdown, not sarif");
        }
        if (failUnder != null && (failUnder < 0 || failUnder > 100 || failUnder.isNaN())) {
            throw new UsageException("--fail-under " + failUnder + " is not a percentage from 0 to 100");
        }
        PolicyFile file = policy.require(options, revision.rev);
        if (!file.exists()) {
            throw new UsageException("no policy file: lbguard.yml is not at the root of the repository at "
                    + revision.rev + "; write one with 'lbguard policy init', or name one with --policy FILE");
        }
        RoutingSnapshot snapshot;
        if (live != null) {
            try {
                snapshot = LiveSources.open(live, environment).read();
            } catch (SourceException e) {
                throw new UsageException(e.getMessage());
            }
        } else {
            snapshot = SnapshotOptions.load(options, environment, revision.rev);
        }
        PolicyCheck.Result result = PolicyCheck.run(snapshot, file, BuiltInRules.standard(),
                LocalDate.now(ZoneOffset.UTC), failUnder == null ? OptionalDouble.empty() : OptionalDouble.of(failUnder));
        PolicyCheck.Result checked = result;
        result = traffic.log(dev.lbguard.analysis.TrafficProjection.of(snapshot)).map(checked::weighedBy)
                .orElse(checked);
        String out = switch (options.format) {
            case JSON -> CheckReport.json(result);
            case MARKDOWN -> CheckReport.markdown(result);
            default -> CheckReport.text(result, ReportOutput.style(options, environment));
        };
        ReportOutput.write(options, spec.commandLine().getOut(), out, snapshot.secrets());
        if (result.failed() > 0 || result.coverageTooLow()) {
            return ExitCode.FINDINGS.code();
        }
        return result.complete() ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
    }
}

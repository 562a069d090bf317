package dev.lbguard.cli.command;

import dev.lbguard.cli.report.RoutesReport;
import dev.lbguard.model.RoutingSnapshot;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code routes}: the routing table at a revision. */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = "Print the routing table at a revision: per load balancer and listener, the rules in "
                + "evaluation order with their conditions and destination; unreachable rules are marked.")
public final class RoutesCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Mixin
    RevisionOption revision;

    public RoutesCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (options.format != OutputFormat.TEXT && options.format != OutputFormat.JSON) {
            throw new UsageException("routes writes text or json, not " + options.format.name().toLowerCase());
        }
        RoutingSnapshot snapshot = SnapshotOptions.load(options, environment, revision.rev);
        RoutesReport report = new RoutesReport();
        String out = options.format == OutputFormat.JSON ? report.json(snapshot)
                : report.text(snapshot, ReportOutput.style(options, environment));
        ReportOutput.write(options, spec.commandLine().getOut(), out, snapshot.secrets());
        return snapshot.complete() ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
    }
}

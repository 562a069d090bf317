package dev.lbguard.cli.command;

import dev.lbguard.cli.report.ReviewJson;
import dev.lbguard.cli.report.ReviewMarkdown;
import dev.lbguard.cli.report.ReviewSarif;
import dev.lbguard.cli.report.ReviewText;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.policy.Review;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.rules.BuiltInRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code review}: which requests go somewhere else after a change, and how dangerous that is. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Compare the routing of two revisions: resource changes, route changes (which requests now "
                + "reach a different destination, with an example of each), findings and risk.")
public final class ReviewCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--base", paramLabel = "REV", required = true,
            description = "The revision before the change, e.g. origin/main.")
    String base;

    @Option(names = "--head", paramLabel = "REV", defaultValue = "HEAD",
            description = "The revision after the change (or WORKTREE). Default: ${DEFAULT-VALUE}.")
    String head;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding no waiver accepts is at least this severe: ${COMPLETION-CANDIDATES}. "
                    + "Default: fail_on of the policy file, else high.")
    FailOn failOn;

    @Mixin
    PolicyOption policy;

    @Mixin
    TrafficOption traffic;

    public ReviewCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        traffic.readEarly();
        ReviewResult result;
        PolicyContext judged;
        try {
            judged = policy.forChange(options, base, head);
            List<RoutingSnapshot> pair = SnapshotOptions.loadPair(options, environment, base, head);
            Review review = BuiltInRules.review();
            result = traffic.weigher(pair).map(review::weighedBy).orElse(review)
                    .review(pair.get(0), pair.get(1), judged);
        } finally {
            traffic.stopEarly();
        }
        ReportOutput.write(options, spec.commandLine().getOut(), render("review", result),
                dev.lbguard.cli.report.Redaction.secretsOf(result));
        return FailOn.or(failOn, judged.judge()).exitCode(result);
    }

    String render(String title, ReviewResult result) {
        return switch (options.format) {
            case JSON -> ReviewJson.write(title, result);
            case MARKDOWN -> ReviewMarkdown.write(title, result);
            case SARIF -> ReviewSarif.write(result, BuiltInRules.standard(), VersionProvider.current());
            case TEXT -> ReviewText.write("lbguard " + title, result,
                    ReportOutput.style(options, environment));
        };
    }
}

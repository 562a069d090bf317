package dev.lbguard.cli.command;

import dev.lbguard.cli.report.ReviewJson;
import dev.lbguard.cli.report.ReviewMarkdown;
import dev.lbguard.cli.report.ReviewSarif;
import dev.lbguard.cli.report.ReviewText;
import dev.lbguard.cli.report.TrafficSection;
import dev.lbguard.analysis.TrafficWeighting;
import dev.lbguard.source.traffic.TrafficSources;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.PolicyContext;
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

    @Option(names = "--traffic", paramLabel = "SOURCE", description = "Weigh the change by logged traffic: ALB access "
            + "logs (alb:PATH), HAProxy HTTP logs (haproxy:PATH) or jsonl:PATH, a file or a directory of them, "
            + ".gz or plain; the prefix may be left out (repeatable).")
    List<String> traffic = new java.util.ArrayList<>();

    public ReviewCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PolicyContext judged = policy.forChange(options, base, head);
        List<RoutingSnapshot> pair = SnapshotOptions.loadPair(options, environment, base, head);
        ReviewResult result = BuiltInRules.review().review(pair.get(0), pair.get(1), judged);
        java.util.Optional<TrafficWeighting.Counts> weighed = java.util.Optional.empty();
        if (!traffic.isEmpty()) {
            try {
                weighed = java.util.Optional.of(TrafficWeighting.weigh(result, TrafficSources.read(traffic,
                        TrafficWeighting.projection(result.base(), result.head()))));
            } catch (dev.lbguard.source.SourceException e) {
                throw new UsageException(e.getMessage());
            }
            result = TrafficWeighting.withRisk(result, weighed.get());
        }
        ReportOutput.write(options, spec.commandLine().getOut(), render("review", result, weighed),
                dev.lbguard.cli.report.Redaction.secretsOf(result));
        return FailOn.or(failOn, judged.judge()).exitCode(result);
    }

    String render(String title, ReviewResult result) {
        return render(title, result, java.util.Optional.empty());
    }

    private String render(String title, ReviewResult result, java.util.Optional<TrafficWeighting.Counts> weighed) {
        if (weighed.isPresent()) {
            TrafficWeighting.Counts c = weighed.get();
            return switch (options.format) {
                case JSON -> {
                    com.fasterxml.jackson.databind.node.ObjectNode root = ReviewJson.object(title, result);
                    TrafficSection.json(root, c);
                    yield dev.lbguard.cli.report.Json.write(root, dev.lbguard.cli.report.Redaction.secretsOf(result));
                }
                case MARKDOWN -> TrafficSection.withHeadline(ReviewMarkdown.write(title, result,
                        TrafficSection.markdown(result, c)), "**" + TrafficSection.headline(c) + "**");
                case SARIF -> ReviewSarif.write(result, BuiltInRules.standard(), VersionProvider.current());
                case TEXT -> TrafficSection.withHeadline(ReviewText.write("lbguard " + title, result,
                        ReportOutput.style(options, environment), TrafficSection.text(result, c)),
                        TrafficSection.headline(c));
            };
        }
        return switch (options.format) {
            case JSON -> ReviewJson.write(title, result);
            case MARKDOWN -> ReviewMarkdown.write(title, result);
            case SARIF -> ReviewSarif.write(result, BuiltInRules.standard(), VersionProvider.current());
            case TEXT -> ReviewText.write("lbguard " + title, result,
                    ReportOutput.style(options, environment));
        };
    }
}

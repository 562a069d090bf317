package dev.lbguard.cli.report;

import dev.lbguard.diff.AttributeChange;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.Finding;
import dev.lbguard.policy.Inconclusive;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.Risk;
import java.util.List;

/** The text form of a review, for a terminal: verdict, route changes, findings, resource changes, status. */
public final class ReviewText {
    private ReviewText() {
    }

    public static String write(String title, ReviewResult r, Style style) {
        return write(title, r, style, "");
    }

    /** The report with {@code extra} sections (already formatted, e.g. drift's unpaired elements) before the status. */
    public static String write(String title, ReviewResult r, Style style, String extra) {
        StringBuilder s = new StringBuilder();
        s.append(style.bold(title + ": " + Origins.text(r.base().origin()) + " -> " + Origins.text(r.head().origin())))
                .append('\n');
        s.append(riskStyle(r.risk(), style, "RISK " + r.risk().label().toUpperCase(java.util.Locale.ROOT)))
                .append("  ").append(Verdict.sentence(r)).append('\n');
        String policy = PolicySection.header(r.policy());
        s.append(policy.isEmpty() ? "" : style.dim(policy) + "\n");
        r.traffic().ifPresent(t -> s.append(TrafficSection.headline(r)).append('\n'));
        s.append('\n');
        if (!r.routes().changes().isEmpty()) {
            s.append(style.bold("Route changes")).append('\n');
            routeChanges(s, r.routes().changes(), r.base(), r.head(), style, "", r.traffic());
            s.append('\n');
        }
        r.traffic().ifPresent(t -> TrafficSection.text(s, t, style));
        if (!r.findings().isEmpty()) {
            s.append(style.bold("Findings")).append('\n');
            findings(s, r.findings(), style, "");
            s.append('\n');
        }
        if (!r.resources().changes().isEmpty()) {
            s.append(style.bold("Resource changes")).append('\n');
            resourceChanges(s, r.resources().changes(), style, "");
            s.append('\n');
        }
        PolicySection.text(s, r.policy(), r.head().origin().isWhatRuns(), style);
        s.append(extra);
        for (Inconclusive i : r.inconclusives()) {
            s.append(style.yellow("  inconclusive " + i.ruleId() + ": " + i.reason())).append('\n');
        }
        s.append(Status.text(r.diagnostics(), r.inconclusives().size(), style));
        return s.toString();
    }

    /** Route changes grouped by listener, each line indented by {@code indent} (timeline nests them). */
    public static void routeChanges(StringBuilder s, List<RouteChange> changes, RoutingSnapshot base,
                                    RoutingSnapshot head, Style style, String indent) {
        routeChanges(s, changes, base, head, style, indent, java.util.Optional.empty());
    }

    /** As above, each change with the logged requests it moves when the change was weighed by traffic. */
    public static void routeChanges(StringBuilder s, List<RouteChange> changes, RoutingSnapshot base,
                                    RoutingSnapshot head, Style style, String indent,
                                    java.util.Optional<dev.lbguard.policy.TrafficCounts> traffic) {
        String listener = "";
        for (int i = 0; i < changes.size(); i++) {
            RouteChange c = changes.get(i);
            String l = c.loadBalancerName() + " " + c.listenerLabel();
            if (!l.equals(listener)) {
                s.append(indent).append("  ").append(l).append('\n');
                listener = l;
            }
            s.append(indent).append("    ").append(c.match().describe()).append('\n');
            s.append(indent).append("      e.g.   ").append(RouteReport.describe(c.example(), c.match().constrains("source-ip"))).append('\n');
            String[] both = Destinations.summaries(c, base, head);
            s.append(indent).append("      before ").append(both[0])
                    .append(style.dim(c.before().rule().map(id -> "  (" + id + ")").orElse(""))).append('\n');
            s.append(indent).append("      after  ").append(style.bold(both[1]))
                    .append(style.dim(c.after().rule().map(id -> "  (" + id + ")").orElse(""))).append('\n');
            if (traffic.isPresent() && i < traffic.get().perChange().size()) {
                s.append(indent).append("      moves  ").append(TrafficSection.change(traffic.get().perChange().get(i)))
                        .append('\n');
            }
        }
    }

    /** Findings with their message and fix, indented by {@code indent}. */
    public static void findings(StringBuilder s, List<Finding> findings, Style style, String indent) {
        for (Finding f : findings) {
            s.append(indent).append("  ").append(severityStyle(f, style)).append(' ').append(f.ruleId()).append(' ')
                    .append(f.title()).append("  ").append(style.dim(f.source().toString())).append('\n');
            s.append(indent).append("      ").append(f.message()).append('\n');
            s.append(indent).append("      fix: ").append(f.remediation()).append('\n');
            f.waived().ifPresent(w -> s.append(indent).append("      ").append(style.yellow(PolicySection.waived(w)))
                    .append('\n'));
        }
    }

    /**
     * True when an element keeps its address in a root named apart whose directory moved
     * ({@code root["envs/prod"].x} to {@code root["envs/production"].x}): a move lbguard infers, not a moved block.
     */
    static boolean rootMoved(String from, String to) {
        int f = from.indexOf("\"].");
        int t = to.indexOf("\"].");
        return from.startsWith("root[\"") && to.startsWith("root[\"") && f > 0 && t > 0
                && from.substring(f).equals(to.substring(t));
    }

    /** Resource changes with their attribute changes, indented by {@code indent}. */
    public static void resourceChanges(StringBuilder s, List<ResourceChange> changes, Style style, String indent) {
        for (ResourceChange c : changes) {
            s.append(indent).append(String.format("  %-9s %-13s %s", c.change().label(), c.kind().label(), c.id()))
                    .append(c.renamedFrom().map(f -> " (from " + f + (!c.declaredMove() ? ""
                            : rootMoved(f.value(), c.id().value()) ? ", root directory moved" : ", moved block")
                            + ")").orElse(""))
                    .append("  ").append(style.dim(c.source().toString())).append('\n');
            for (AttributeChange a : c.attributes()) {
                s.append(indent).append("      ").append(a.path()).append(": ").append(AttributeValues.literal(a.before())).append(" -> ")
                        .append(AttributeValues.literal(a.after())).append('\n');
            }
        }
    }

    private static String severityStyle(Finding f, Style style) {
        String label = String.format("%-8s", f.severity().label().toUpperCase(java.util.Locale.ROOT));
        return switch (f.severity()) {
            case CRITICAL, HIGH -> style.red(label);
            case MEDIUM -> style.yellow(label);
            default -> label;
        };
    }

    public static String riskStyle(Risk risk, Style style, String text) {
        return switch (risk) {
            case CRITICAL, HIGH -> style.red(style.bold(text));
            case MEDIUM -> style.yellow(style.bold(text));
            case NONE -> style.green(style.bold(text));
            default -> style.bold(text);
        };
    }
}

package dev.lbguard.cli.report;

import dev.lbguard.diff.ResourceChange;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.model.ElementId;
import dev.lbguard.policy.Finding;
import dev.lbguard.policy.Inconclusive;
import dev.lbguard.policy.ReviewResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A review as a GitHub pull-request comment: the verdict on the first line, a table of route changes, the
 * findings, then resource changes, a diagram and diagnostics folded in {@code <details>}. Never longer than
 * GitHub's 65,536 characters: tables are cut with a note saying how much was left out.
 */
public final class ReviewMarkdown {
    /** GitHub refuses comments longer than this. */
    public static final int MAX_LENGTH = 65_536;
    /** A marker CI jobs look for, to update their one comment instead of adding one per push. */
    public static final String MARKER = "<!-- lbguard:review -->";

    private ReviewMarkdown() {
    }

    public static String write(String title, ReviewResult r) {
        return write(title, r, "");
    }

    /** The comment with {@code extra} sections (already formatted markdown) after the resource changes. */
    public static String write(String title, ReviewResult r, String extra) {
        int limit = Integer.MAX_VALUE;
        String out = render(title, r, limit, extra);
        while (out.length() > MAX_LENGTH && limit > 1) {
            limit = Math.min(limit, Math.max(r.routes().changes().size(), r.resources().changes().size())) / 2;
            out = render(title, r, limit, extra);
        }
        if (out.length() > MAX_LENGTH) {
            String note = "\n\n_Report truncated at " + MAX_LENGTH + " characters; the JSON and SARIF reports are "
                    + "complete._\n";
            out = out.substring(0, MAX_LENGTH - note.length()) + note;
        }
        return out;
    }

    private static String render(String title, ReviewResult r, int rows, String extra) {
        StringBuilder s = new StringBuilder();
        s.append(icon(r)).append(" **lbguard ").append(title).append(": ")
                .append(r.risk().label().toUpperCase(java.util.Locale.ROOT)).append(" risk.** ")
                .append(Verdict.sentence(r)).append('\n').append(MARKER).append("\n\n");
        s.append('`').append(Origins.text(r.base().origin())).append("` → `").append(Origins.text(r.head().origin()))
                .append("`\n\n");
        String policy = PolicySection.header(r.policy());
        if (!policy.isEmpty()) {
            s.append("_").append(cell(policy)).append("_\n\n");
        }
        r.traffic().ifPresent(t -> s.append("**").append(cell(TrafficSection.headline(r))).append("**\n\n"));
        List<RouteChange> routes = r.routes().changes();
        if (!routes.isEmpty()) {
            s.append("#### Route changes\n\n| Listener | Requests | Example | Before | After |")
                    .append(r.traffic().isPresent() ? " Logged requests moved |" : "").append("\n|---|---|---|---|---|")
                    .append(r.traffic().isPresent() ? "---|" : "").append('\n');
            for (int i = 0; i < Math.min(rows, routes.size()); i++) {
                RouteChange c = routes.get(i);
                s.append("| ").append(cell(c.loadBalancerName() + " " + c.listenerLabel())).append(" | ")
                        .append(code(c.match().describe())).append(" | ").append(code(RouteReport.describe(c.example(), c.match().constrains("source-ip"))))
                        .append(" | ").append(cell(Destinations.summaries(c, r.base(), r.head())[0])).append(" | **")
                        .append(cell(Destinations.summaries(c, r.base(), r.head())[1])).append("** |");
                if (r.traffic().isPresent() && i < r.traffic().get().perChange().size()) {
                    s.append(' ').append(cell(TrafficSection.change(r.traffic().get().perChange().get(i)))).append(" |");
                }
                s.append('\n');
            }
            more(s, routes.size(), rows, "route changes");
            s.append('\n');
        }
        r.traffic().ifPresent(t -> TrafficSection.markdown(s, t));
        if (!r.findings().isEmpty()) {
            s.append("#### Findings\n\n| Severity | Rule | Where | Finding |\n|---|---|---|---|\n");
            for (Finding f : r.findings()) {
                s.append("| ").append(f.severity().label()).append(f.waived().isPresent() ? " (waived)" : "").append(" | ").append(f.ruleId()).append(' ')
                        .append(cell(f.title())).append(" | ").append(code(f.source().toString())).append(" | ")
                        .append(cell(f.message())).append("<br>_Fix:_ ").append(cell(f.remediation()))
                        .append(f.waived().map(w -> "<br>_" + cell(PolicySection.waived(w)) + "_").orElse(""))
                        .append(" |\n");
            }
            s.append('\n');
        }
        List<ResourceChange> resources = r.resources().changes();
        if (!resources.isEmpty()) {
            s.append("<details><summary>Resource changes (").append(resources.size()).append(")</summary>\n\n")
                    .append("| Change | Kind | Address | Where | Attributes |\n|---|---|---|---|---|\n");
            for (ResourceChange c : resources.subList(0, Math.min(rows, resources.size()))) {
                StringBuilder attrs = new StringBuilder();
                c.attributes().forEach(a -> attrs.append(attrs.length() == 0 ? "" : "<br>").append(a.path())
                        .append(": ").append(AttributeValues.literal(a.before())).append(" → ").append(AttributeValues.literal(a.after())));
                s.append("| ").append(c.change().label())
                        .append(c.renamedFrom().map(f -> " from " + f + (c.declaredMove() ? " (moved)" : "")).orElse(""))
                        .append(" | ").append(c.kind().label()).append(" | ").append(code(c.id().value())).append(" | ")
                        .append(code(c.source().toString())).append(" | ").append(cell(attrs.toString())).append(" |\n");
            }
            more(s, resources.size(), rows, "resource changes");
            s.append("\n</details>\n\n");
        }
        PolicySection.markdown(s, r.policy(), r.head().origin().isWhatRuns());
        s.append(extra);
        diagrams(s, r);
        List<String> inconclusive = new ArrayList<>();
        for (Inconclusive i : r.inconclusives()) {
            inconclusive.add(i.ruleId() + ": " + cell(i.reason()));
        }
        s.append(Status.markdown(r.diagnostics(), inconclusive));
        return s.toString();
    }

    private static void diagrams(StringBuilder s, ReviewResult r) {
        Map<ElementId, String> changed = new LinkedHashMap<>();
        for (RouteChange c : r.routes().changes()) {
            changed.putIfAbsent(c.listener(), c.loadBalancerName() + " " + c.listenerLabel());
        }
        if (changed.isEmpty()) {
            return;
        }
        s.append("<details><summary>The changed listeners, before and after</summary>\n\n");
        changed.forEach((id, title) -> s.append(MermaidDiagram.of(title, r.base().listener(id), r.base(),
                r.head().listener(id), r.head())).append('\n'));
        s.append("</details>\n\n");
    }

    private static void more(StringBuilder s, int total, int shown, String what) {
        if (total > shown) {
            s.append("\n_…and ").append(total - shown).append(" more ").append(what)
                    .append(", left out to stay within GitHub's comment size; the JSON and SARIF reports list all._\n");
        }
    }

    private static String icon(ReviewResult r) {
        if (!r.complete()) {
            return "⚠️";
        }
        return switch (r.risk()) {
            case CRITICAL, HIGH -> "🔴";
            case MEDIUM -> "🟠";
            case LOW -> "🟡";
            case NONE -> "🟢";
        };
    }

    static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", "<br>");
    }

    /** A finding as one list item, for reports that list findings rather than tabulate them. */
    static String findingItem(dev.lbguard.policy.Finding f) {
        return "- **" + f.severity().label() + "** " + f.ruleId() + ' ' + cell(f.title()) + " (`" + f.source()
                + "`): " + cell(f.message()) + f.waived().map(w -> " _" + cell(PolicySection.waived(w)) + "_")
                .orElse("") + '\n';
    }

    static String code(String s) {
        return "`" + s.replace("`", "'").replace("|", "\\|") + "`";
    }
}

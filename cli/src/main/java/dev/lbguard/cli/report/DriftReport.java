package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.analysis.DriftResult;
import dev.lbguard.diff.LiveMatch;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.rules.BuiltInRules;
import java.util.List;
import java.util.Optional;

/**
 * A drift in every format: the review of git (base) against live (head), plus what only drift has: the
 * elements not running and those not in git, and for a plan what the next apply would do to routing.
 */
public final class DriftReport {
    private DriftReport() {
    }

    public static String text(DriftResult d, Style style) {
        ReviewResult result = d.result();
        LiveMatch match = d.match();
        Optional<DriftResult.NextApply> nextApply = d.nextApply();
        StringBuilder s = new StringBuilder();
        unpairedText(s, style, "Missing live (declared in git, not running)", match.missingLive());
        unpairedText(s, style, "Unmanaged (running, not declared in git)", match.unmanaged());
        nextApply.ifPresent(n -> {
            s.append(style.bold("What the next apply would do to routing")).append('\n');
            if (n.routes().isEmpty()) {
                s.append("  No request would reach a different destination.\n");
            }
            String listener = "";
            for (RouteChange c : n.routes().changes()) {
                String l = c.loadBalancerName() + " " + c.listenerLabel();
                if (!l.equals(listener)) {
                    s.append("  ").append(l).append('\n');
                    listener = l;
                }
                s.append("    ").append(c.match().describe()).append('\n');
                s.append("      e.g.   ").append(RouteReport.describe(c.example())).append('\n');
                String[] both = Destinations.summaries(c, n.prior(), n.planned());
                s.append("      now    ").append(both[0]).append('\n');
                s.append("      after  ").append(both[1]).append('\n');
            }
            s.append('\n');
        });
        return ReviewText.write("lbguard drift", result, style, s.toString());
    }

    private static void unpairedText(StringBuilder s, Style style, String title, List<LiveMatch.Unpaired> items) {
        if (items.isEmpty()) {
            return;
        }
        s.append(style.bold(title)).append('\n');
        for (LiveMatch.Unpaired u : items) {
            s.append(String.format("  %-13s %s", u.kind().label(), u.id()))
                    .append(u.name().equals(u.id().value()) ? "" : " (" + u.name() + ")")
                    .append("  ").append(style.dim(u.source().toString())).append('\n');
        }
        s.append('\n');
    }

    public static String markdown(DriftResult d) {
        ReviewResult result = d.result();
        LiveMatch match = d.match();
        Optional<DriftResult.NextApply> nextApply = d.nextApply();
        StringBuilder s = new StringBuilder();
        unpairedMarkdown(s, "Missing live (declared in git, not running)", match.missingLive());
        unpairedMarkdown(s, "Unmanaged (running, not declared in git)", match.unmanaged());
        nextApply.ifPresent(n -> {
            s.append("#### What the next apply would do to routing\n\n");
            if (n.routes().isEmpty()) {
                s.append("No request would reach a different destination.\n\n");
                return;
            }
            s.append("| Listener | Requests | Example | Now | After apply |\n|---|---|---|---|---|\n");
            for (RouteChange c : n.routes().changes()) {
                s.append("| ").append(ReviewMarkdown.cell(c.loadBalancerName() + " " + c.listenerLabel()))
                        .append(" | ").append(ReviewMarkdown.code(c.match().describe()))
                        .append(" | ").append(ReviewMarkdown.code(RouteReport.describe(c.example())))
                        .append(" | ").append(ReviewMarkdown.cell(Destinations.summaries(c, n.prior(), n.planned())[0]))
                        .append(" | ").append(ReviewMarkdown.cell(Destinations.summaries(c, n.prior(), n.planned())[1]))
                        .append(" |\n");
            }
            s.append('\n');
        });
        return ReviewMarkdown.write("drift", result, s.toString());
    }

    private static void unpairedMarkdown(StringBuilder s, String title, List<LiveMatch.Unpaired> items) {
        if (items.isEmpty()) {
            return;
        }
        s.append("#### ").append(title).append("\n\n| Kind | Address | Name | Where |\n|---|---|---|---|\n");
        for (LiveMatch.Unpaired u : items) {
            s.append("| ").append(u.kind().label()).append(" | ").append(ReviewMarkdown.code(u.id().value()))
                    .append(" | ").append(ReviewMarkdown.cell(u.name())).append(" | ")
                    .append(ReviewMarkdown.code(u.source().toString())).append(" |\n");
        }
        s.append('\n');
    }

    public static String json(DriftResult d) {
        ReviewResult result = d.result();
        LiveMatch match = d.match();
        Optional<DriftResult.NextApply> nextApply = d.nextApply();
        ObjectNode root = ReviewJson.object("drift", result);
        root.set("missingLive", unpairedJson(match.missingLive()));
        root.set("unmanaged", unpairedJson(match.unmanaged()));
        nextApply.ifPresent(n -> {
            ObjectNode next = root.putObject("nextApply");
            next.put("complete", n.prior().complete() && n.planned().complete() && n.routes().decided());
            next.set("routeChanges", ReviewJson.routeChanges(n.routes().changes(), n.prior(), n.planned()));
            next.put("requestClassesCompared", n.routes().classesCompared());
        });
        return Json.write(root, d.secrets());
    }

    private static ArrayNode unpairedJson(List<LiveMatch.Unpaired> items) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (LiveMatch.Unpaired u : items) {
            ObjectNode n = a.addObject();
            n.put("kind", u.kind().label());
            n.put("address", u.id().value());
            n.put("name", u.name());
            RoutesReport.location(n, u.source());
        }
        return a;
    }

    public static String sarif(DriftResult d, String version) {
        return ReviewSarif.write(d.result(), BuiltInRules.drift(), version, d.secrets());
    }
}

package dev.lbguard.cli.report;

import dev.lbguard.analysis.RequestProbe;
import dev.lbguard.analysis.TimelineEntry;
import dev.lbguard.analysis.TimelineResult;
import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.Commit;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.ReviewResult;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The text form of a timeline, for an engineer in an incident: the ranked load-balancer commits with their
 * route changes, the net change of the window, and the commits that moved no request because they touched
 * no load-balancer definition.
 */
public final class TimelineText {
    /** Minutes are enough to line commits up with an incident; UTC so that every reader sees the same time. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TimelineText() {
    }

    public static String write(TimelineResult t, Style style) {
        StringBuilder s = new StringBuilder();
        ReviewResult net = t.net();
        s.append(style.bold("lbguard timeline: " + Origins.text(net.base().origin()) + " -> "
                + Origins.text(net.head().origin()))).append('\n');
        s.append(ReviewText.riskStyle(t.risk(), style, "RISK " + t.risk().label().toUpperCase(Locale.ROOT)))
                .append("  ").append(TimelineSummary.sentence(t)).append('\n');
        s.append(style.dim(TimelineSummary.FIRST_PARENT)).append('\n');
        String policy = PolicySection.header(net.policy());
        s.append(policy.isEmpty() ? "" : style.dim(policy) + "\n");
        net.traffic().ifPresent(c -> s.append(style.dim(TimelineSummary.BY_TRAFFIC)).append('\n'));
        s.append('\n');
        t.request().ifPresent(p -> s.append("Following ").append(RouteReport.describe(p)).append("\n\n"));
        t.invariant().ifPresent(trail -> InvariantTrailSection.text(s, t, trail, style));
        int rank = 1;
        for (TimelineEntry e : t.entries()) {
            entry(s, rank++, e, t, style);
        }
        if (!t.otherEntries().isEmpty()) {
            s.append(style.bold(t.invariant().isPresent()
                    ? "Load-balancer commits that did not change the invariant's result"
                    : "Load-balancer commits that did not move this request")).append('\n');
            for (TimelineEntry e : t.otherEntries()) {
                s.append("  ").append(line(e.commit())).append("  ").append(e.review().risk().label()).append('\n');
            }
            s.append('\n');
        }
        s.append(style.bold("Net change over the window: " + Origins.text(net.base().origin()) + " -> "
                + Origins.text(net.head().origin()))).append('\n');
        s.append("  ").append(ReviewText.riskStyle(net.risk(), style, "RISK "
                + net.risk().label().toUpperCase(Locale.ROOT))).append("  ").append(Verdict.sentence(net)).append('\n');
        net.traffic().ifPresent(c -> s.append("  ").append(TrafficSection.headline(net)).append('\n'));
        if (t.request().isPresent()) {
            moves(s, t.netRequestMoves(), net.base(), net.head(), "  ");
        } else if (t.invariant().isPresent()) {
            s.append("  ").append(InvariantTrailSection.net(t.invariant().get())).append('\n');
        } else if (!net.routes().changes().isEmpty()) {
            ReviewText.routeChanges(s, net.routes().changes(), net.base(), net.head(), style, "", net.traffic());
        }
        s.append('\n');
        net.traffic().ifPresent(c -> TrafficSection.text(s, c, style));
        PolicySection.text(s, net.policy(), false, style);
        if (!t.unrelated().isEmpty()) {
            s.append(style.bold("Commits that touched no load-balancer definition (no request moved)")).append('\n');
            for (Commit c : t.unrelated()) {
                s.append("  ").append(line(c)).append('\n');
            }
            s.append('\n');
        }
        s.append(Status.text(diagnostics(t), style));
        return s.toString();
    }

    private static void entry(StringBuilder s, int rank, TimelineEntry e, TimelineResult t, Style style) {
        ReviewResult r = e.review();
        Commit c = e.commit();
        s.append(style.bold("#" + rank)).append("  ")
                .append(ReviewText.riskStyle(r.risk(), style, String.format("%-8s", r.risk().label()
                        .toUpperCase(Locale.ROOT)))).append(' ').append(c.shortId()).append("  ")
                .append(TIME.format(c.time())).append("  ").append(c.author()).append(" <").append(c.email())
                .append(">\n");
        s.append("    ").append(style.bold(c.subject())).append(c.isMerge() ? style.dim("  (merge)") : "").append('\n');
        for (Commit m : e.mergedCommits()) {
            s.append("    brought in ").append(line(m)).append('\n');
        }
        s.append("    ").append(sentence(r)).append('\n');
        r.traffic().filter(w -> !r.routes().changes().isEmpty())
                .ifPresent(w -> s.append("    ").append(TrafficSection.headline(r)).append('\n'));
        if (!e.requestMoves().isEmpty()) {
            moves(s, e.requestMoves(), r.base(), r.head(), "    ");
        }
        t.invariant().ifPresent(trail -> InvariantTrailSection.entryText(s, trail, c, style, "    "));
        if (!r.routes().changes().isEmpty()) {
            s.append("    Route changes\n");
            ReviewText.routeChanges(s, r.routes().changes(), r.base(), r.head(), style, "    ", r.traffic());
        }
        if (!r.findings().isEmpty()) {
            s.append("    Findings\n");
            ReviewText.findings(s, r.findings(), style, "    ");
        }
        if (r.routes().changes().isEmpty() && !r.resources().changes().isEmpty()) {
            s.append("    Resource changes\n");
            ReviewText.resourceChanges(s, r.resources().changes(), style, "    ");
        }
        s.append('\n');
    }

    private static void moves(StringBuilder s, List<RequestProbe.Move> moves, RoutingSnapshot base,
                              RoutingSnapshot head, String indent) {
        for (RequestProbe.Move m : moves) {
            s.append(indent).append("the request on ").append(m.loadBalancer()).append(' ').append(m.listener())
                    .append(": ").append(Destinations.summary(m.before(), base)).append(" -> ")
                    .append(Destinations.summary(m.after(), head)).append(m.moved() ? "" : " (unchanged)").append('\n');
        }
    }

    /** A commit that changed load-balancer files but nothing lbguard models is a refactor, not "no change". */
    static String sentence(ReviewResult r) {
        if (r.complete() && r.routes().changes().isEmpty() && r.resources().changes().isEmpty()
                && r.findings().isEmpty()) {
            return "Routing unchanged: the load-balancer files changed, the routing they define did not.";
        }
        return Verdict.sentence(r);
    }

    static String line(Commit c) {
        return c.shortId() + "  " + TIME.format(c.time()) + "  " + c.author() + "  " + c.subject();
    }

    /** Every diagnostic met over the window, once. */
    static List<Diagnostic> diagnostics(TimelineResult t) {
        return Diagnostic.union(t.net().diagnostics(),
                t.entries().stream().flatMap(e -> e.review().diagnostics().stream()).toList());
    }
}

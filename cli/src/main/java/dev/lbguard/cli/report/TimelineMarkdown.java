package dev.lbguard.cli.report;

import dev.lbguard.analysis.RequestProbe;
import dev.lbguard.analysis.TimelineEntry;
import dev.lbguard.analysis.TimelineResult;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.model.Commit;
import dev.lbguard.policy.Finding;
import dev.lbguard.policy.ReviewResult;
import java.util.List;
import java.util.Locale;

/** A timeline for an incident channel or ticket: a ranked table of commits, then each commit's details. */
public final class TimelineMarkdown {
    private TimelineMarkdown() {
    }

    public static String write(TimelineResult t) {
        ReviewResult net = t.net();
        StringBuilder s = new StringBuilder();
        s.append("**lbguard timeline: ").append(t.risk().label().toUpperCase(Locale.ROOT)).append(" risk.** ")
                .append(TimelineSummary.sentence(t)).append("\n\n");
        s.append('`').append(Origins.text(net.base().origin())).append("` → `").append(Origins.text(net.head().origin()))
                .append("`. _").append(TimelineSummary.FIRST_PARENT)
                .append(net.traffic().isPresent() ? " " + TimelineSummary.BY_TRAFFIC : "").append("_\n\n");
        String policy = PolicySection.header(net.policy());
        if (!policy.isEmpty()) {
            s.append("_").append(cell(policy)).append("_\n\n");
        }
        t.request().ifPresent(p -> s.append("Following `").append(RouteReport.describe(p)).append("`.\n\n"));
        t.invariant().ifPresent(trail -> InvariantTrailSection.markdown(s, t, trail));
        if (!t.entries().isEmpty()) {
            boolean weighed = net.traffic().isPresent();
            s.append("| # | Risk | Commit | When | Author | Subject | Route changes | Findings |")
                    .append(weighed ? " Logged requests moved |" : "").append("\n|---|---|---|---|---|---|---|---|")
                    .append(weighed ? "---|" : "").append('\n');
            int rank = 1;
            for (TimelineEntry e : t.entries()) {
                Commit c = e.commit();
                s.append("| ").append(rank++).append(" | ").append(e.review().risk().label()).append(" | `")
                        .append(c.shortId()).append("` | ").append(TimelineText.TIME.format(c.time())).append(" | ")
                        .append(cell(c.author())).append(" | ").append(cell(c.subject())).append(" | ")
                        .append(e.review().routes().changes().size()).append(" | ")
                        .append(e.review().findings().size()).append(" |")
                        .append(e.review().traffic().map(w -> " " + TrafficSection.number(w.moved()) + " ("
                                + TrafficSection.percent(w.share()) + ") |").orElse("")).append('\n');
            }
            s.append('\n');
        }
        int rank = 1;
        for (TimelineEntry e : t.entries()) {
            ReviewResult r = e.review();
            s.append("#### ").append(rank++).append(". `").append(e.commit().shortId()).append("` ")
                    .append(cell(e.commit().subject())).append("\n\n");
            for (Commit m : e.mergedCommits()) {
                s.append("- brought in `").append(m.shortId()).append("` ").append(cell(m.author())).append(": ")
                        .append(cell(m.subject())).append('\n');
            }
            s.append(e.mergedCommits().isEmpty() ? "" : "\n").append(TimelineText.sentence(r)).append("\n\n");
            r.traffic().filter(w -> !r.routes().changes().isEmpty())
                    .ifPresent(w -> s.append(cell(TrafficSection.headline(r))).append("\n\n"));
            for (RequestProbe.Move m : e.requestMoves()) {
                s.append("- the request on ").append(m.loadBalancer()).append(' ').append(m.listener()).append(": ")
                        .append(cell(Destinations.summary(m.before(), r.base()))).append(" → **")
                        .append(cell(Destinations.summary(m.after(), r.head()))).append("**\n");
            }
            t.invariant().ifPresent(trail -> InvariantTrailSection.entryMarkdown(s, trail, e.commit()));
            routes(s, r);
            for (Finding f : r.findings()) {
                s.append(ReviewMarkdown.findingItem(f));
            }
            s.append('\n');
        }
        s.append("#### Net change over the window\n\n").append(net.risk().label().toUpperCase(Locale.ROOT))
                .append(" risk. ").append(Verdict.sentence(net)).append("\n\n");
        t.invariant().ifPresent(trail -> s.append(InvariantTrailSection.net(trail)).append(".\n\n"));
        net.traffic().ifPresent(c -> s.append("**").append(cell(TrafficSection.headline(net))).append("**\n\n"));
        routes(s, net);
        net.traffic().ifPresent(c -> TrafficSection.markdown(s, c));
        PolicySection.markdown(s, net.policy(), false);
        String diagnostics = Status.markdown(TimelineText.diagnostics(t), List.of());
        if (!diagnostics.isEmpty()) {
            s.append(diagnostics).append('\n');
        }
        if (!t.unrelated().isEmpty()) {
            s.append("<details><summary>Commits that touched no load-balancer definition (").append(t.unrelated().size())
                    .append(")</summary>\n\n");
            for (Commit c : t.unrelated()) {
                s.append("- `").append(c.shortId()).append("` ").append(TimelineText.TIME.format(c.time())).append(' ')
                        .append(cell(c.author())).append(": ").append(cell(c.subject())).append('\n');
            }
            s.append("\n</details>\n");
        }
        return s.toString();
    }

    private static void routes(StringBuilder s, ReviewResult r) {
        if (r.routes().changes().isEmpty()) {
            return;
        }
        s.append("| Listener | Requests | Before | After |").append(r.traffic().isPresent() ? " Logged requests moved |" : "")
                .append("\n|---|---|---|---|").append(r.traffic().isPresent() ? "---|" : "").append('\n');
        List<RouteChange> changes = r.routes().changes();
        for (int i = 0; i < changes.size(); i++) {
            RouteChange c = changes.get(i);
            s.append("| ").append(cell(c.loadBalancerName() + " " + c.listenerLabel())).append(" | `")
                    .append(c.match().describe().replace("`", "'").replace("|", "\\|")).append("` | ")
                    .append(cell(Destinations.summaries(c, r.base(), r.head())[0])).append(" | **")
                    .append(cell(Destinations.summaries(c, r.base(), r.head())[1])).append("** |");
            if (r.traffic().isPresent() && i < r.traffic().get().perChange().size()) {
                s.append(' ').append(cell(TrafficSection.change(r.traffic().get().perChange().get(i)))).append(" |");
            }
            s.append('\n');
        }
        s.append('\n');
    }

    private static String cell(String s) {
        return ReviewMarkdown.cell(s);
    }
}

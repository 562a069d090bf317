package dev.lbguard.cli.report;

import dev.lbguard.analysis.TimelineEntry;
import dev.lbguard.analysis.TimelineResult;

/** The one-sentence summary every timeline format opens with. */
final class TimelineSummary {
    static final String FIRST_PARENT = "Commits along first parents (git log --first-parent): a merge is one commit, "
            + "the change it brought to the branch.";
    static final String BY_TRAFFIC = "Ranked by the logged requests each commit sends to another destination (--traffic), then by risk.";

    private TimelineSummary() {
    }

    static String sentence(TimelineResult t) {
        int all = t.window().commits().size();
        int lb = t.entries().size() + t.otherEntries().size();
        long moving = t.entries().stream().filter(e -> !e.routingNeutral()).count();
        StringBuilder s = new StringBuilder();
        if (!t.complete()) {
            s.append("Analysis INCOMPLETE: something that may affect routing could not be read. ");
        }
        s.append(Verdict.plural(all, "commit")).append(" in the window; ")
                .append(lb).append(" changed load-balancer definitions");
        if (t.invariant().isPresent()) {
            s.append(", ").append(t.entries().size()).append(" of them changed the invariant's result");
            t.invariant().get().breaking().map(b -> b.commit())
                    .ifPresent(c -> s.append(" (broken by ").append(c.shortId()).append(' ').append(c.subject()).append(')'));
        } else if (t.request().isPresent()) {
            s.append(", ").append(t.entries().size()).append(" of them moved")
                    .append(" the request");
            t.entries().stream().findFirst().map(TimelineEntry::commit)
                    .ifPresent(c -> s.append(" (riskiest: ").append(c.shortId()).append(' ').append(c.subject()).append(')'));
        } else {
            s.append(", ").append(moving).append(" of them moved requests");
        }
        return s.append('.').toString();
    }
}

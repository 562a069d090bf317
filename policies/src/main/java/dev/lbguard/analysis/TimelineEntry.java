package dev.lbguard.analysis;

import dev.lbguard.model.Commit;
import dev.lbguard.policy.ReviewResult;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One commit of a timeline that changed load-balancer definitions: its review against its first parent, over
 * the root modules it changed, where the followed request went before and after it (if one is followed), and
 * for a merge the commits it brought in (whose authors wrote the change). Its review's snapshots keep only what
 * a report names (origins, target groups, diagnostics), not the load balancers.
 */
public record TimelineEntry(Commit commit, List<String> modules, ReviewResult review,
                            List<RequestProbe.Move> requestMoves, List<Commit> mergedCommits) {
    /**
     * With logged traffic, the commit that sent most logged requests to another destination first (in an incident,
     * the one that moved the users), then the one that moved most; then the riskiest; then the commit that moved
     * most request classes, most findings; then the newest.
     */
    public static final Comparator<TimelineEntry> RANKING = Comparator
            .comparingDouble((TimelineEntry e) -> -e.review().traffic().map(dev.lbguard.policy.TrafficCounts::shifted)
                    .orElse(0.0))
            .thenComparingLong((TimelineEntry e) -> -e.review().traffic().map(dev.lbguard.policy.TrafficCounts::moved)
                    .orElse(0L))
            .thenComparing((TimelineEntry e) -> e.review().risk(), Comparator.reverseOrder())
            .thenComparing(e -> -e.review().routes().changes().size())
            .thenComparing(e -> -e.review().findings().size())
            .thenComparing((TimelineEntry e) -> e.commit().time(), Comparator.reverseOrder())
            .thenComparing(e -> e.commit().id());

    public TimelineEntry {
        Objects.requireNonNull(commit, "commit");
        modules = List.copyOf(modules);
        Objects.requireNonNull(review, "review");
        requestMoves = List.copyOf(requestMoves);
        mergedCommits = List.copyOf(mergedCommits);
    }

    /** True when no request class reaches a different destination after this commit. */
    public boolean routingNeutral() {
        return review.routes().changes().isEmpty();
    }
}

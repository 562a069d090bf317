package dev.lbguard.analysis;

import dev.lbguard.model.Commit;
import dev.lbguard.model.HistoryWindow;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.Risk;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every load-balancer change of a window of history, ranked, with the net change over the whole window and the
 * commits that changed no load-balancer definition.
 *
 * @param entries the commits that changed load-balancer definitions (with {@code --request}: only those that
 *                moved the request; with {@code --invariant}: only those after which the invariant came out
 *                otherwise), ranked by {@link TimelineEntry#RANKING}
 * @param otherEntries with {@code --request} or {@code --invariant}, the load-balancer commits that did not move
 *                     the request or change the invariant's result; else empty
 * @param net the review of the window's first state against its last, over every root module
 * @param unrelated the commits that touched no load-balancer definition, newest first
 * @param netRequestMoves with {@code --request}, where the request went at the start and goes at the end
 * @param invariant with {@code --invariant}, the invariant's result at the start and the end and the commits that
 *                  changed it
 */
public record TimelineResult(HistoryWindow window, List<TimelineEntry> entries, List<TimelineEntry> otherEntries,
                             ReviewResult net, List<Commit> unrelated, Optional<RequestProbe> request,
                             List<RequestProbe.Move> netRequestMoves, Optional<InvariantTrail> invariant) {
    public TimelineResult {
        Objects.requireNonNull(window, "window");
        entries = List.copyOf(entries);
        otherEntries = List.copyOf(otherEntries);
        Objects.requireNonNull(net, "net");
        unrelated = List.copyOf(unrelated);
        Objects.requireNonNull(request, "request");
        netRequestMoves = List.copyOf(netRequestMoves);
        Objects.requireNonNull(invariant, "invariant");
    }

    /** Whether the timeline follows one request or one invariant, and so ranks only the commits that touched it. */
    public boolean follows() {
        return request.isPresent() || invariant.isPresent();
    }

    /** The worst of every commit's risk and the net change's. */
    public Risk risk() {
        Risk worst = net.risk();
        for (TimelineEntry e : entries) {
            worst = worst.atLeast(e.review().risk());
        }
        return worst;
    }

    /**
     * True when every snapshot of the window was read completely, no rule was inconclusive, and a followed
     * invariant was decided at every step (else which commit broke it is not certain).
     */
    public boolean complete() {
        return net.complete() && entries.stream().allMatch(e -> e.review().complete())
                && otherEntries.stream().allMatch(e -> e.review().complete())
                && invariant.map(InvariantTrail::decided).orElse(true);
    }

    /** Every finding of every reported commit and of the net change. */
    public List<dev.lbguard.policy.Finding> allFindings() {
        List<dev.lbguard.policy.Finding> all = new java.util.ArrayList<>(net.findings());
        entries.forEach(e -> all.addAll(e.review().findings()));
        return all;
    }
}

package dev.lbguard.analysis;

import dev.lbguard.diff.LiveMatch;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Secrets;
import dev.lbguard.policy.InvariantResult;
import dev.lbguard.policy.PolicyOutcome;
import dev.lbguard.policy.ReviewResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The drift of what runs from what git declares: the review of git (base) against live (head), the elements not
 * running and those not in git, and for a plan what the next apply would do to routing.
 *
 * @param nextApply the route diff of the live state against the plan's planned values, with both snapshots
 */
public record DriftResult(ReviewResult result, LiveMatch match, Optional<NextApply> nextApply) {

    /** The secrets of the snapshots compared (desired, live, and the plan's next apply): hidden in every format. */
    public Secrets secrets() {
        List<RoutingSnapshot> read = new ArrayList<>(List.of(result.base(), result.head(), match.live()));
        nextApply.ifPresent(n -> read.addAll(List.of(n.prior(), n.planned())));
        return Secrets.of(read);
    }

    /** Each invariant of the judging policy as it fares on what runs, in the policy file's order. */
    public List<InvariantResult> liveInvariants() {
        return result.policy().invariants().stream().map(PolicyOutcome.Judgement::head).toList();
    }

    /** What the next apply would do to routing: the plan's prior state against its planned values. */
    public record NextApply(RoutingSnapshot prior, RoutingSnapshot planned, RouteDiff routes) {
    }
}

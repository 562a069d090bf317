package dev.lbguard.analysis;

import dev.lbguard.model.Baseline;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.PolicyContext;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** The audit: one live snapshot against git's head and against the known-good mark, both as drift. */
public final class AuditAnalysis {
    private final DriftAnalysis drift;
    private final Function<String, RoutingSnapshot> desiredAt;

    /** @param desiredAt git's routing at a revision, read as the command's options say */
    public AuditAnalysis(DriftAnalysis drift, Function<String, RoutingSnapshot> desiredAt) {
        this.drift = drift;
        this.desiredAt = desiredAt;
    }

    /**
     * @param policy the policy file of the branch head, judging both drifts: its invariants are the team's
     *               promises today, whichever revision what runs is compared with
     */
    public AuditResult run(String liveLabel, Instant at, RoutingSnapshot live, String headRevision,
                           Optional<Baseline> mark, PolicyContext policy) {
        DriftResult head = drift.compare(desiredAt.apply(headRevision), live, Optional.empty(), policy);
        Optional<DriftResult> knownGood = mark.map(m -> drift.compare(desiredAt.apply(m.commit()), live,
                Optional.empty(), policy));
        return new AuditResult(liveLabel, at, head, mark, knownGood);
    }
}

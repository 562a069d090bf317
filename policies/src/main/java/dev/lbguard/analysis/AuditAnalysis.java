package dev.lbguard.analysis;

import dev.lbguard.model.Baseline;
import dev.lbguard.model.RoutingSnapshot;
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

    public AuditResult run(String liveLabel, Instant at, RoutingSnapshot live, String headRevision,
                           Optional<Baseline> mark) {
        DriftResult head = drift.compare(desiredAt.apply(headRevision), live, Optional.empty());
        Optional<DriftResult> knownGood = mark.map(m -> drift.compare(desiredAt.apply(m.commit()), live,
                Optional.empty()));
        return new AuditResult(liveLabel, at, head, mark, knownGood);
    }
}

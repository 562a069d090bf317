package dev.lbguard.analysis;

import dev.lbguard.model.Baseline;
import dev.lbguard.model.Secrets;
import dev.lbguard.policy.InvariantResult;
import dev.lbguard.policy.Risk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An audit for cron: what runs against the branch head and against the last known-good revision.
 *
 * @param live the live source as the user named it
 * @param at when the audit ran
 * @param knownGood the drift against the known-good mark, when the repository has one
 */
public record AuditResult(String live, Instant at, DriftResult head, Optional<Baseline> mark,
                          Optional<DriftResult> knownGood) {

    public boolean complete() {
        return head.result().complete() && knownGood.map(k -> k.result().complete()).orElse(true);
    }

    /** The worse of the two risks. */
    public Risk risk() {
        Risk r = head.result().risk();
        return knownGood.map(k -> k.result().risk().compareTo(r) > 0 ? k.result().risk() : r).orElse(r);
    }

    /** The secrets of the snapshots both drifts compared. */
    public Secrets secrets() {
        return head.secrets().and(knownGood.map(DriftResult::secrets).orElse(Secrets.NONE));
    }

    /**
     * The invariants of the judging policy that fail on what runs, whether or not they hold in git: what runs is
     * what clients meet. Judged in the drift against the branch head (the live side is the same in both drifts).
     */
    public List<InvariantResult> invariantsFailingLive() {
        return head.liveInvariants().stream().filter(InvariantResult::failed).toList();
    }

    public Optional<Long> secondsSinceKnownGood() {
        return mark.map(m -> Math.max(0, Duration.between(m.when(), at).getSeconds()));
    }
}

package dev.lbguard.policy;

import dev.lbguard.diagnostic.SourceRef;
import java.util.List;
import java.util.Objects;

/**
 * What the policy file did in one review: the policy that judged, each of its invariants on both sides, how
 * the change alters the policy, and warnings about the policy itself (an expired waiver, a waiver or setting
 * naming a rule that does not exist, a waiver that matches no element).
 */
public record PolicyOutcome(PolicyFile judge, List<Judgement> invariants, List<PolicyChange> changes,
                            List<Warning> warnings) {
    /** An invariant judged before and after the change. */
    public record Judgement(Invariant invariant, InvariantResult base, InvariantResult head) {
        /** Held before and fails after: the change broke it. */
        public boolean broken() {
            return base.passed() && head.failed();
        }
    }

    /** A problem with the policy file that does not stop the review. */
    public record Warning(String message, SourceRef source) {
        public Warning {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(source, "source");
        }
    }

    public static final PolicyOutcome NONE = new PolicyOutcome(PolicyFile.none(), List.of(), List.of(), List.of());

    public PolicyOutcome {
        Objects.requireNonNull(judge, "judge");
        invariants = List.copyOf(invariants);
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }
}

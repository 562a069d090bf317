package dev.lbguard.diff;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.RuleAction;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a class of requests goes in one snapshot: the rule that takes it (empty for the listener's default
 * action), its action, or no listener at all, or unknown (the evaluator could not decide, with why).
 */
public record Destination(Optional<ElementId> rule, Optional<RuleAction> action, Kind kind, String reason) {
    /** Whether the destination is a decided action, no listener (connection refused), or unknown. */
    public enum Kind { ACTION, NO_LISTENER, UNKNOWN }

    public Destination {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public static Destination noListener() {
        return new Destination(Optional.empty(), Optional.empty(), Kind.NO_LISTENER, "");
    }
}

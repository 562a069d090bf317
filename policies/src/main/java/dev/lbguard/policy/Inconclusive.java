package dev.lbguard.policy;

import java.util.Objects;

/** A rule that could not decide because some of its inputs were unresolved; it says why instead of guessing. */
public record Inconclusive(String ruleId, String reason) {
    public Inconclusive {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(reason, "reason");
    }
}

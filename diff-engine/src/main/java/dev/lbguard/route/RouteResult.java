package dev.lbguard.route;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rule takes a request and what it does, or why that cannot be known.
 *
 * @param rule MATCHED: the winning rule, empty for the listener's default action; UNKNOWN: the rule that
 *             made the answer unknown, empty when it is the default action
 * @param action MATCHED: the action taken; UNKNOWN: the action of {@code rule} when only its destination
 *               is unknown (an unresolved target group), else empty
 * @param reason {@code ""} when MATCHED; otherwise why the answer is unknown
 */
public record RouteResult(Status status, Optional<Rule> rule, Optional<RuleAction> action, String reason) {
    /** Whether the evaluator could decide. */
    public enum Status { MATCHED, UNKNOWN }

    public RouteResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        if (status == Status.MATCHED && (action.isEmpty() || !reason.isEmpty())) {
            throw new IllegalArgumentException("a match has an action and no reason");
        }
    }

    static RouteResult matched(Optional<Rule> rule, RuleAction action) {
        return new RouteResult(Status.MATCHED, rule, Optional.of(action), "");
    }

    static RouteResult unknown(Optional<Rule> rule, Optional<RuleAction> action, String reason) {
        return new RouteResult(Status.UNKNOWN, rule, action, reason);
    }

    public boolean isMatched() {
        return status == Status.MATCHED;
    }

    /** True when the listener's default action took the request. */
    public boolean isDefault() {
        return status == Status.MATCHED && rule.isEmpty();
    }

    public Optional<ElementId> ruleId() {
        return rule.map(Rule::id);
    }
}

package dev.lbguard.model;

import dev.lbguard.diagnostic.SourceRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A listener rule: it takes a request when all its conditions match (AND) and no rule of lower priority
 * took it first. Conditions are a set (sorted, deduplicated).
 *
 * @param conditions the ALB conditions; empty for an HAProxy rule
 * @param expression the HAProxy condition ({@link AclExpr#TRUE} when unconditional); empty for an ALB rule
 */
public record Rule(ElementId id, SourceRef source, Priority priority, List<Condition> conditions, RuleAction action,
                   Optional<AclExpr> expression) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(priority, "priority");
        conditions = Sorted.set(conditions);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(expression, "expression");
    }

    /** An ALB rule. */
    public Rule(ElementId id, SourceRef source, Priority priority, List<Condition> conditions, RuleAction action) {
        this(id, source, priority, conditions, action, Optional.empty());
    }

    /** An HAProxy rule at position {@code priority} of its frontend. */
    public static Rule haproxy(ElementId id, SourceRef source, Priority priority, AclExpr expression,
                               RuleAction action) {
        return new Rule(id, source, priority, List.of(), action, Optional.of(expression));
    }

    /** True when the rule takes every request that reaches it (no ALB condition, or an HAProxy {@code TRUE}). */
    public boolean isUnconditional() {
        return conditions.isEmpty() && expression.map(e -> e.equals(AclExpr.TRUE)).orElse(true);
    }

    /** True when a condition or the priority could not be evaluated. */
    public boolean hasUnknowns() {
        return !priority.isKnown() || conditions.stream().anyMatch(Condition::isUnknown)
                || expression.map(AclExpr::hasUnknown).orElse(false);
    }
}

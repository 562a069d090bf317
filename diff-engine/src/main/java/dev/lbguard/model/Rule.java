package dev.lbguard.model;

import dev.lbguard.diagnostic.SourceRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A listener rule: it takes a request when its {@link RuleMatch} holds and no rule of lower priority took it
 * first. An ALB rule matches on conditions (AND, a sorted set), an HAProxy rule on an ACL expression.
 */
public record Rule(ElementId id, SourceRef source, Priority priority, RuleMatch match, RuleAction action) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(action, "action");
    }

    /** An ALB rule. */
    public Rule(ElementId id, SourceRef source, Priority priority, List<Condition> conditions, RuleAction action) {
        this(id, source, priority, new RuleMatch.Conditions(conditions), action);
    }

    /** An HAProxy rule at position {@code priority} of its frontend. */
    public static Rule haproxy(ElementId id, SourceRef source, Priority priority, AclExpr expression,
                               RuleAction action) {
        return new Rule(id, source, priority, new RuleMatch.Acl(expression), action);
    }

    /** The ALB conditions; empty for an HAProxy rule. */
    public List<Condition> conditions() {
        return match instanceof RuleMatch.Conditions alb ? alb.conditions() : List.of();
    }

    /** The HAProxy condition ({@link AclExpr#TRUE} when unconditional); empty for an ALB rule. */
    public Optional<AclExpr> expression() {
        return match instanceof RuleMatch.Acl haproxy ? Optional.of(haproxy.expression()) : Optional.empty();
    }

    /** True when the rule takes every request that reaches it (no ALB condition, or an HAProxy {@code TRUE}). */
    public boolean isUnconditional() {
        if (match instanceof RuleMatch.Acl haproxy) {
            return haproxy.expression().equals(AclExpr.TRUE);
        }
        return conditions().isEmpty();
    }

    /** True when a condition or the priority could not be evaluated. */
    public boolean hasUnknowns() {
        if (!priority.isKnown()) {
            return true;
        }
        if (match instanceof RuleMatch.Acl haproxy) {
            return haproxy.expression().hasUnknown();
        }
        return conditions().stream().anyMatch(Condition::isUnknown);
    }
}

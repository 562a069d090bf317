package dev.lbguard.model;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Rule} matches on: ALB conditions or an HAProxy ACL expression, never both. The listener's
 * {@link RuleSemantics} says which kind its rules are; Java 17 has no exhaustive pattern switch, so callers
 * test the kind with {@code instanceof}.
 */
public sealed interface RuleMatch permits RuleMatch.Conditions, RuleMatch.Acl {

    /** An ALB rule's conditions: all must match (AND). A set (sorted, deduplicated); empty matches every request. */
    record Conditions(List<Condition> conditions) implements RuleMatch {
        public Conditions {
            conditions = Sorted.set(conditions);
        }
    }

    /** An HAProxy rule's {@code if}/{@code unless} condition; {@link AclExpr#TRUE} when it has none. */
    record Acl(AclExpr expression) implements RuleMatch {
        public Acl {
            Objects.requireNonNull(expression, "expression");
        }
    }
}

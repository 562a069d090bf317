package dev.lbguard.model;

import dev.lbguard.diagnostic.SourceRef;
import java.util.List;
import java.util.Objects;

/**
 * A listener rule: it takes a request when all its conditions match (AND) and no rule of lower priority
 * took it first. Conditions are a set (sorted, deduplicated).
 */
public record Rule(ElementId id, SourceRef source, Priority priority, List<Condition> conditions, RuleAction action) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(priority, "priority");
        conditions = Sorted.set(conditions);
        Objects.requireNonNull(action, "action");
    }

    /** True when a condition or the priority could not be evaluated. */
    public boolean hasUnknowns() {
        return !priority.isKnown() || conditions.stream().anyMatch(Condition::isUnknown);
    }
}

package dev.lbguard.route;

import dev.lbguard.model.Rule;
import java.util.Objects;

/** A rule that can never take a request, because an earlier rule takes every request it would match. */
public record UnreachableRule(Rule rule, Rule shadowedBy, String reason) {
    public UnreachableRule {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(shadowedBy, "shadowedBy");
        Objects.requireNonNull(reason, "reason");
    }
}

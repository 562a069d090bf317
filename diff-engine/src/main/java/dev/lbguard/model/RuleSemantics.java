package dev.lbguard.model;

/**
 * How a listener picks the rule that takes a request. The evaluator keeps one implementation per kind, so no
 * source decides semantics and no analysis mixes them.
 */
public enum RuleSemantics {
    /**
     * ALB: rules by ascending priority, each an AND of {@link Condition}s whose values are ORed, wildcards;
     * then the default action.
     */
    ALB,
    /**
     * HAProxy: rules in file order ({@link Priority} is the position), the first whose {@link AclExpr} holds
     * wins ({@code http-request} rules before {@code use_backend}); then {@code default_backend}.
     */
    HAPROXY
}

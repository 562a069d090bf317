package dev.lbguard.policy;

/**
 * One risk check. {@link #evaluate} is pure: it reads the context and returns findings, never prints,
 * throws on bad input or keeps state, so rules can run in any order.
 */
public interface PolicyRule {
    RuleInfo info();

    RuleResult evaluate(ReviewContext ctx);
}

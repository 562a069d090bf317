package dev.lbguard.policy;

/**
 * One risk check. {@link #evaluate} is pure: it reads the context and returns findings, never prints,
 * throws on bad input or keeps state, so rules can run in any order.
 *
 * <p>The context's snapshots hold only the load balancers the change touches ({@link dev.lbguard.diff.ChangeScope}):
 * a rule that reports on something a change leaves as it was (as LBG010 reports every shared priority) must have
 * that something count as touched there, and {@code ChangeScopeProperties} must cover it.
 */
public interface PolicyRule {
    RuleInfo info();

    RuleResult evaluate(ReviewContext ctx);
}

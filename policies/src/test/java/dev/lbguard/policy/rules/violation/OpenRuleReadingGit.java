package dev.lbguard.policy.rules.violation;

import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;

/** A deliberate violation for {@code PolicyLayeringTest}: a rule that is not final, reads git and prints. */
public class OpenRuleReadingGit implements PolicyRule {
    @Override
    public RuleInfo info() {
        return null;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        System.err.println(dev.lbguard.source.git.GitRepository.WORKTREE);
        try {
            dev.lbguard.source.git.GitRepository.open(java.nio.file.Path.of("."));
        } catch (Exception e) {
            return null;
        }
        return null;
    }
}

package dev.lbguard.policy.rules;

import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;

/**
 * LBG203, medium, drift only: something is running that git does not declare, such as a rule added in the
 * console. Medium because it routes requests nobody reviewed and the next apply may delete it without warning.
 */
public final class Unmanaged implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG203", Severity.MEDIUM,
            "Running but not declared in git",
            "An element on the live load balancer is not in git: it routes requests without review, and the next "
                    + "terraform apply removes it (or leaves it, unnoticed, if Terraform does not manage its parent).",
            "Import it into Terraform (an import block) and commit it, or delete it from the load balancer.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (ResourceChange c : DriftElements.outermost(ctx.resources().changes(), ChangeType.ADDED, ctx.head())) {
            out.add(INFO.finding(DriftElements.what(c) + " " + c.id() + " is running in " + ctx.head().origin().label()
                    + " but not declared in git", c.id(), c.source()));
        }
        return out.build();
    }
}

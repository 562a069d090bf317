package dev.lbguard.policy.rules;

import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;

/**
 * LBG202, high, drift only: git declares a load balancer, listener, rule, target group or target that is not
 * running. High because whatever git routes through it does not happen: requests fall through to another rule or
 * get connection refused. Reported on the declaring line in git, once for the outermost missing element.
 */
public final class MissingLive implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG202", Severity.HIGH,
            "Declared in git but not running",
            "Git says this element routes requests, but the live load balancer does not have it: someone deleted it "
                    + "outside Terraform, or an apply failed or never ran. Requests git sends there go elsewhere.",
            "Run terraform plan and apply to re-create it, or remove it from git if it was retired on purpose.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (ResourceChange c : DriftElements.outermost(ctx.resources().changes(), ChangeType.REMOVED, ctx.base())) {
            out.add(INFO.finding(DriftElements.what(c) + " " + c.id() + " is declared in git but not running in "
                    + ctx.head().origin().label(), c.id(), c.source()));
        }
        return out.build();
    }
}

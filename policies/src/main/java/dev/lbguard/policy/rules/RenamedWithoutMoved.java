package dev.lbguard.policy.rules;

import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;

/**
 * LBG013, high: an element changed its identity (a Terraform address) without a {@code moved} block, so the
 * tool destroys the old one and creates a new one. High because for a load balancer that means a new DNS
 * name, for a listener or rule a window without it, and for a target group in use a failed apply.
 */
public final class RenamedWithoutMoved implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG013", Severity.HIGH,
            "Renamed without a moved block (destroy and re-create)",
            "A rename that Terraform is not told about is a destroy followed by a create. Between the two the "
                    + "element does not exist: its requests fall through to other rules or are refused, a new "
                    + "load balancer gets a new DNS name, and a target group still in use cannot be destroyed.",
            "Add a moved block (moved { from = <old address>  to = <new address> }) in the same change, or keep "
                    + "the old address.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (ResourceChange c : ctx.resources().changes()) {
            if (c.change() == ChangeType.RENAMED && !c.declaredMove()) {
                out.add(INFO.finding(c.kind().label() + " " + c.renamedFrom().map(Object::toString).orElse("?")
                        + " is renamed to " + c.id() + " without a moved block: it will be destroyed and re-created",
                        c.id(), c.source()));
            }
        }
        return out.build();
    }
}

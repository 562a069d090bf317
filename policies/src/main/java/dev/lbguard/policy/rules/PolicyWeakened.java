package dev.lbguard.policy.rules;

import dev.lbguard.model.ElementId;
import dev.lbguard.policy.PolicyChange;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;

/**
 * LBG017, medium: the change weakens the policy file that judges changes: an invariant removed or changed, a
 * waiver added or extended, a rule disabled or a severity lowered, {@code fail_on} raised. The change is still
 * judged by the policy before it (so deleting an invariant does not hide that the change breaks it); this
 * finding makes sure the weakening itself is reviewed. Reported where the change stands in the new file (in
 * the old one for what it removes).
 */
public final class PolicyWeakened implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG017", Severity.MEDIUM,
            "Routing policy weakened",
            "lbguard.yml holds what must never change in routing and which findings are accepted. A change that "
                    + "loosens it in the same pull request as a routing change can hide that change's risk from "
                    + "every later review, audit and timeline.",
            "Weaken the policy in a pull request of its own, reviewed by the invariant's or rule's owners; give a "
                    + "waiver a reason and the nearest expiry that works.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (PolicyChange c : ctx.policy().changes()) {
            if (c.weakens()) {
                out.add(INFO.finding(c.subject() + " " + c.kind().label() + (c.detail().isEmpty() ? "" : ": "
                        + c.detail()), ElementId.of(c.source().path() + "#" + c.subject()), c.source()));
            }
        }
        return out.build();
    }
}

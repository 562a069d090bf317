package dev.lbguard.policy.rules;

import dev.lbguard.diff.AttributeChange;
import dev.lbguard.diff.AttributeValue;
import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import java.util.stream.Collectors;

/**
 * LBG204, low, drift only: an element runs with other settings than git declares. Low on its own, because a
 * change that moves requests is also LBG201; this one makes sure no drift goes unmentioned.
 */
public final class LiveConfigurationDiffers implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG204", Severity.LOW,
            "Live settings differ from git",
            "The element runs with settings that git does not declare; the next terraform apply overwrites them.",
            "Commit the live settings to git if they are wanted, or run terraform apply to restore git's.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (ResourceChange c : ctx.resources().changes()) {
            if (c.change() != ChangeType.MODIFIED && c.change() != ChangeType.RENAMED) {
                continue;
            }
            // What git sets but lbguard could not evaluate is not known to differ: the rule says it cannot tell.
            String unknown = c.attributes().stream().filter(a -> a.before() instanceof AttributeValue.Unknown)
                    .map(a -> a.path() + " (" + ((AttributeValue.Unknown) a.before()).reason() + ")")
                    .collect(Collectors.joining(", "));
            if (!unknown.isEmpty()) {
                out.add(INFO.inconclusive("cannot compare " + DriftElements.what(c) + " " + c.id()
                        + " with what runs: git's " + unknown + " could not be evaluated"));
            }
            String paths = c.attributes().stream().filter(a -> !(a.before() instanceof AttributeValue.Unknown))
                    .map(AttributeChange::path).collect(Collectors.joining(", "));
            if (paths.isEmpty() && !unknown.isEmpty() && c.change() == ChangeType.MODIFIED) {
                continue;
            }
            out.add(INFO.finding(DriftElements.what(c) + " " + c.id() + " differs live: "
                    + (paths.isEmpty() ? "its identity" : paths), c.id(), c.source()));
        }
        return out.build();
    }
}

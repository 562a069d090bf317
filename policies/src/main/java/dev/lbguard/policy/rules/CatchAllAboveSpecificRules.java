package dev.lbguard.policy.rules;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleMatch;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.rules.Elements.PlacedRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * LBG003, high: the change puts a catch-all rule (one that matches every request) in front of other rules
 * of its listener. High because every rule behind it stops receiving traffic at once; it is the classic
 * "catch-all added with priority 1" mistake.
 */
public final class CatchAllAboveSpecificRules implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG003", Severity.HIGH,
            "Catch-all rule placed above specific rules",
            "A rule whose conditions match every request (path /* or *, host *) takes all traffic of its "
                    + "listener that reaches it. Every rule with a higher priority number is then dead, and "
                    + "the backends behind them silently lose their traffic.",
            "Give the catch-all rule the highest priority number on the listener, or move what it does into "
                    + "the listener's default action, which always runs last.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        Map<ElementId, PlacedRule> baseRules = Elements.rules(ctx.base());
        for (PlacedRule p : Elements.rules(ctx.head()).values()) {
            if (!p.listener().evaluatesRules() || !catchAll(p.rule())) {
                continue;
            }
            Set<ElementId> behind = behind(p.listener(), p.rule());
            Optional<PlacedRule> before = Elements.find(baseRules, Elements.baseId(p.rule().id(), ctx.resources()));
            if (before.isPresent() && catchAll(before.get().rule())) {
                // Only rules newly put behind the catch-all are news; the rest were already dead in base.
                for (ElementId old : behind(before.get().listener(), before.get().rule())) {
                    behind.remove(Elements.headId(old, ctx.resources()));
                }
            }
            if (!behind.isEmpty()) {
                out.add(INFO.finding(p.rule().id() + " (priority " + p.rule().priority() + ") matches every request "
                        + "on " + p.listener().label() + " and now stands in front of "
                        + behind.stream().map(ElementId::value).collect(Collectors.joining(", ")),
                        p.rule().id(), p.rule().source()));
            }
        }
        return out.build();
    }

    /**
     * True when every condition matches any request. ALB rules need at least one condition, so a catch-all
     * is written as path {@code /*} or {@code *}, or host {@code *}; conditions with unknowns never count.
     */
    static boolean catchAll(Rule rule) {
        if (rule.match() instanceof RuleMatch.Acl) {
            // HAProxy: a use_backend with no condition (or one that is always true) takes everything after it.
            return rule.priority().isKnown() && rule.isUnconditional();
        }
        return rule.priority().isKnown() && rule.conditions().stream().allMatch(CatchAllAboveSpecificRules::universal);
    }

    private static boolean universal(Condition c) {
        if (c.isUnknown()) {
            return false;
        }
        List<String> v = c.values();
        // ALB request paths always start with a slash, so "/*" matches them all.
        return c.type() == ConditionType.PATH_PATTERN && (v.contains("*") || v.contains("/*"))
                || c.type() == ConditionType.HOST_HEADER && v.contains("*");
    }

    /** The rules of the listener that the evaluator tries after {@code rule}. */
    private static Set<ElementId> behind(Listener listener, Rule rule) {
        Set<ElementId> out = new TreeSet<>();
        for (Rule r : listener.rules()) {
            if (r.priority().isKnown() && r.priority().value() > rule.priority().value()) {
                out.add(r.id());
            }
        }
        return out;
    }
}

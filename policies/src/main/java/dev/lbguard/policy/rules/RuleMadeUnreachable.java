package dev.lbguard.policy.rules;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Rule;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.rules.Elements.PlacedListener;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.route.UnreachableRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * LBG004, high: after the change a rule can never take a request, because a rule tried before it takes
 * every request it would match. High because whatever the rule was for (a backend, a redirect, a block)
 * no longer happens, and nothing fails loudly. Reported on the dead rule; {@link RuleShadowsExistingRules}
 * and {@link CatchAllAboveSpecificRules} report the cause where they recognise it.
 */
public final class RuleMadeUnreachable implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG004", Severity.HIGH,
            "Rule made unreachable by the change",
            "A rule that an earlier rule fully covers never takes a request. Its backend, redirect or fixed "
                    + "response silently stops applying, and the configuration still looks as if it did.",
            "Reorder the priorities so the more specific rule comes first, narrow the earlier rule, or delete "
                    + "the dead rule if it is no longer wanted.");

    private final RouteEvaluator evaluator = new RouteEvaluator();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        Set<ElementId> unreachableInBase = new TreeSet<>();
        Set<ElementId> baseRules = Elements.rules(ctx.base()).keySet();
        Map<ElementId, PlacedListener> baseListeners = Elements.listeners(ctx.base());
        Map<ElementId, PlacedListener> headListeners = Elements.listeners(ctx.head());
        // A listener the change left as it was has the same dead rules on both sides, none made dead by the change:
        // only the others are analysed (most of a big root's listeners, in a timeline's commits).
        for (PlacedListener l : baseListeners.values()) {
            if (!unchanged(l, headListeners)) {
                evaluator.unreachableRules(l.listener()).forEach(u -> unreachableInBase.add(u.rule().id()));
            }
        }
        for (PlacedListener l : headListeners.values()) {
            List<UnreachableRule> dead = unchanged(l, baseListeners) ? List.of()
                    : evaluator.unreachableRules(l.listener());
            for (UnreachableRule u : dead) {
                ElementId inBase = Elements.baseId(u.rule().id(), ctx.resources());
                if (unreachableInBase.contains(inBase)) {
                    continue;
                }
                Rule r = u.rule();
                String what = baseRules.contains(inBase) ? " can no longer take any request: " : " is added but can never take a request: ";
                out.add(INFO.finding(r.id() + " (priority " + r.priority() + ") on " + l.listener().label() + what
                        + u.reason(), r.id(), r.source()));
            }
            if (l.listener().rules().stream().anyMatch(Rule::hasUnknowns)) {
                out.add(INFO.inconclusive("listener " + l.listener().id() + " has rules whose priority or conditions "
                        + "could not be evaluated; rules they may cover are not reported"));
            }
        }
        return out.build();
    }

    private static boolean unchanged(PlacedListener l, Map<ElementId, PlacedListener> otherSide) {
        PlacedListener other = otherSide.get(l.listener().id());
        return other != null && other.listener().routesAs(l.listener());
    }
}

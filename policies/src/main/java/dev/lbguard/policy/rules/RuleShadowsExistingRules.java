package dev.lbguard.policy.rules;

import dev.lbguard.diff.RouteChange;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Rule;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.rules.Elements.PlacedRule;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.route.UnreachableRule;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * LBG002, high: a new or changed rule takes requests that an existing rule used to take, wholly (the
 * existing rule becomes unreachable) or in part (some request classes move to it). High because the moved
 * requests silently reach another backend; the finding stands on the rule that does the taking, where the
 * fix belongs. {@link RuleMadeUnreachable} reports the victims.
 */
public final class RuleShadowsExistingRules implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG002", Severity.HIGH,
            "New or changed rule shadows existing rules",
            "Rules are tried in priority order and the first match wins. A new or re-prioritised rule whose "
                    + "conditions overlap an existing rule's takes those requests away from it, usually by "
                    + "accident: a broad path pattern or a priority number that is too low.",
            "Give the new rule a higher priority number than the rules it overlaps, or narrow its conditions "
                    + "(host, path, header) so that it only matches the requests it is meant for.");

    private final RouteEvaluator evaluator = new RouteEvaluator();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        Map<ElementId, PlacedRule> baseRules = Elements.rules(ctx.base());
        Map<ElementId, PlacedRule> headRules = Elements.rules(ctx.head());
        Set<ElementId> changed = new TreeSet<>();
        for (PlacedRule p : headRules.values()) {
            Optional<Rule> before = Elements.find(baseRules, Elements.baseId(p.rule().id(), ctx.resources()))
                    .map(PlacedRule::rule);
            if (before.isEmpty() || !before.get().priority().equals(p.rule().priority())
                    || !before.get().match().equals(p.rule().match())) {
                changed.add(p.rule().id());
            }
        }
        if (changed.isEmpty()) {
            // Only a new or re-prioritised rule, or one with new conditions, takes requests (every finding below
            // names one): most commits change actions, and deciding shadowing is the cost of this rule.
            return out.build();
        }
        Set<ElementId> unreachableInBase = new TreeSet<>();
        for (Elements.PlacedListener l : Elements.listeners(ctx.base()).values()) {
            evaluator.unreachableRules(l.listener()).forEach(u -> unreachableInBase.add(u.rule().id()));
        }
        // Per taking rule: the rules it takes from, with how (wholly, or an example request class).
        Map<ElementId, Map<ElementId, String>> taken = new TreeMap<>();
        for (Elements.PlacedListener l : Elements.listeners(ctx.head()).values()) {
            if (!changedRuleOn(l.listener(), changed)) {
                continue; // a rule shadows only rules of its own listener
            }
            for (UnreachableRule u : evaluator.unreachableRules(l.listener())) {
                ElementId victimInBase = Elements.baseId(u.rule().id(), ctx.resources());
                if (changed.contains(u.shadowedBy().id()) && baseRules.containsKey(victimInBase)
                        && !unreachableInBase.contains(victimInBase)) {
                    taken.computeIfAbsent(u.shadowedBy().id(), k -> new TreeMap<>())
                            .put(u.rule().id(), "all of its requests");
                }
            }
            if (hasUnknowns(l.listener())) {
                out.add(INFO.inconclusive("listener " + l.listener().id() + " has rules whose priority or conditions "
                        + "could not be evaluated, so shadowing by or of them is not decided"));
            }
        }
        for (RouteChange rc : ctx.routes().changes()) {
            // A side that depends on a value lbguard could not read names the rule it was evaluating, not one
            // that takes the requests: that change is undecided (inconclusive below), never a taking.
            if (rc.before().rule().isEmpty() || rc.after().rule().isEmpty() || rc.undecided()) {
                continue;
            }
            ElementId victim = rc.before().rule().get();
            ElementId taker = rc.after().rule().get();
            ElementId victimInHead = Elements.headId(victim, ctx.resources());
            if (!changed.contains(taker) || victimInHead.equals(taker) || !headRules.containsKey(victimInHead)) {
                continue;
            }
            taken.computeIfAbsent(taker, k -> new TreeMap<>())
                    .putIfAbsent(victimInHead, "requests such as " + rc.match().describe());
        }
        for (Map.Entry<ElementId, Map<ElementId, String>> e : taken.entrySet()) {
            Rule taker = headRules.get(e.getKey()).rule();
            StringBuilder msg = new StringBuilder();
            msg.append(taker.id()).append(" (priority ").append(taker.priority()).append(") now takes ");
            String sep = "";
            for (Map.Entry<ElementId, String> v : e.getValue().entrySet()) {
                msg.append(sep).append(v.getValue()).append(" from ").append(v.getKey());
                sep = "; ";
            }
            out.add(INFO.finding(msg.toString(), taker.id(), taker.source()));
        }
        return out.build();
    }

    private static boolean changedRuleOn(Listener listener, Set<ElementId> changed) {
        return listener.rules().stream().anyMatch(r -> changed.contains(r.id()));
    }

    private static boolean hasUnknowns(Listener listener) {
        return listener.rules().stream().anyMatch(Rule::hasUnknowns);
    }
}

package dev.lbguard.policy.rules;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.rules.Elements.PlacedListener;
import dev.lbguard.policy.rules.Elements.PlacedRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * LBG006, medium: one change cuts over most traffic, either because more than half of the compared request
 * classes move, or because the weights of a forward swing by 50 points or more (blue 100 / green 0 to
 * 0 / 100). Medium: a deliberate cut-over is normal, but doing it in one step leaves no canary; the risk
 * score raises such changes further by blast radius.
 */
public final class MostTrafficCutOver implements PolicyRule {
    /** Percentage points of a forward's traffic that must change hands to count as a cut-over. */
    static final double SWING_POINTS = 50;
    /** More than this share of the compared request classes moving counts as a cut-over of most traffic. */
    static final double SHARE = 0.5;

    private static final RuleInfo INFO = RuleInfo.of("LBG006", Severity.MEDIUM,
            "Most traffic cut over in one change",
            "Moving most requests at once, by rewriting rules or by swinging forward weights, gives no "
                    + "early warning: if the new destination misbehaves, every user notices before anyone can "
                    + "roll back.",
            "Shift traffic in steps (for example weights 90/10, then 50/50, then 0/100) with a check of the "
                    + "new target group's error rate between steps, or confirm the cut-over is intended.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        Set<ElementId> flagged = new TreeSet<>();
        Map<ElementId, PlacedRule> baseRules = Elements.rules(ctx.base());
        for (PlacedRule p : Elements.rules(ctx.head()).values()) {
            Elements.find(baseRules, Elements.baseId(p.rule().id(), ctx.resources())).ifPresent(before ->
                    swing(ctx, before.rule().action(), p.rule().action(), p.rule().id(), p.rule().source(), out, flagged));
        }
        Map<ElementId, PlacedListener> baseListeners = Elements.listeners(ctx.base());
        for (PlacedListener p : Elements.listeners(ctx.head()).values()) {
            Elements.find(baseListeners, Elements.baseId(p.listener().id(), ctx.resources())).ifPresent(before ->
                    swing(ctx, before.listener().defaultAction(), p.listener().defaultAction(), p.listener().id(),
                            p.listener().source(), out, flagged));
        }
        if (ctx.routes().shareMoved() > SHARE) {
            widest(ctx).filter(l -> !flagged.contains(l.id())).ifPresent(l -> out.add(INFO.finding(
                    ctx.routes().movedServed() + " of " + ctx.routes().servedCompared() + " request classes ("
                            + Math.round(ctx.routes().shareMoved() * 100) + "%) reach a different destination after "
                            + "this change, most of them arriving on " + l.id(), l.id(), l.source())));
        }
        return out.build();
    }

    private static void swing(ReviewContext ctx, RuleAction before, RuleAction after, ElementId element,
                              SourceRef source, RuleResult.Builder out, Set<ElementId> flagged) {
        Map<ElementId, Double> was = shares(Actions.targets(before.terminal()), ctx, true);
        Map<ElementId, Double> now = shares(Actions.targets(after.terminal()), ctx, false);
        if (was.isEmpty() || now.isEmpty()) {
            return;
        }
        double gained = 0;
        StringBuilder detail = new StringBuilder();
        Set<ElementId> all = new TreeSet<>(was.keySet());
        all.addAll(now.keySet());
        for (ElementId tg : all) {
            double a = was.getOrDefault(tg, 0.0);
            double b = now.getOrDefault(tg, 0.0);
            gained += Math.max(0, b - a);
            if (Math.round(a) != Math.round(b)) {
                detail.append(detail.length() == 0 ? "" : ", ").append(ctx.head().targetGroupName(tg))
                        .append(' ').append(Math.round(a)).append("% to ").append(Math.round(b)).append('%');
            }
        }
        if (gained >= SWING_POINTS && flagged.add(element)) {
            out.add(INFO.finding(element + " moves " + Math.round(gained) + "% of its traffic in one step: " + detail,
                    element, source));
        }
    }

    /** Each target group's share of a forward in percent, keyed by its head identity; empty when not a forward. */
    private static Map<ElementId, Double> shares(List<WeightedTarget> targets, ReviewContext ctx, boolean inBase) {
        Map<ElementId, Double> out = new TreeMap<>();
        int total = targets.stream().mapToInt(WeightedTarget::weight).sum();
        if (total == 0) {
            return out;
        }
        for (WeightedTarget t : targets) {
            ElementId key = inBase ? Elements.headId(t.targetGroup(), ctx.resources()) : t.targetGroup();
            out.merge(key, 100.0 * t.weight() / total, Double::sum);
        }
        return out;
    }

    /** The listener (in head, else in base) with the most route changes of requests it served before. */
    private static Optional<Elements.Located> widest(ReviewContext ctx) {
        Map<ElementId, Integer> counts = new TreeMap<>();
        for (RouteChange rc : ctx.routes().changes()) {
            if (RouteDiff.movesServed(rc)) {
                counts.merge(rc.listener(), 1, Integer::sum);
            }
        }
        Optional<ElementId> top = counts.entrySet().stream()
                .max(Map.Entry.<ElementId, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .map(Map.Entry::getKey);
        return top.flatMap(id -> ctx.head().listener(id).or(() -> ctx.base().listener(id)))
                .map(l -> new Elements.Located(l.id(), l.source()));
    }
}

package dev.lbguard.policy.rules;

import dev.lbguard.diff.Destination;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * LBG005, high: requests move to a target group that has no registered targets, or whose health check is
 * disabled. High because the first means 503s for every moved request and the second means the load
 * balancer keeps sending to dead targets. A group an Auto Scaling group or ECS service of the configuration fills
 * ({@link TargetGroup#registeredBy}) is not empty; one filled from outside the configuration (another stack, a
 * Kubernetes controller) is invisible to lbguard, so an empty group may be a false alarm there; the docs say so.
 */
public final class TrafficToUnservedTargetGroup implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG005", Severity.HIGH,
            "Traffic moved to a target group without targets or health checks",
            "A target group with no registered targets answers 503 to every request it gets. A target group "
                    + "with health checks disabled treats every target as healthy, so a crashed target keeps "
                    + "receiving its share of requests.",
            "Register targets (or attach the Auto Scaling group or service) before routing to the target "
                    + "group, and keep its health check enabled.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        Set<String> reported = new TreeSet<>();
        for (RouteChange rc : ctx.routes().changes()) {
            if (rc.after().kind() == Destination.Kind.UNKNOWN) {
                continue;
            }
            // Where the requests went before is unknown: they may have gone to the same group already.
            boolean beforeUnknown = rc.before().kind() == Destination.Kind.UNKNOWN;
            Set<ElementId> before = servedBy(rc.before());
            for (ElementId tgId : servedBy(rc.after())) {
                Optional<TargetGroup> tg = ctx.head().targetGroup(tgId);
                Optional<Elements.Located> at = Elements.whereTaken(rc.after(), rc.listener(), ctx.head());
                if (tg.isEmpty() || at.isEmpty() || before.contains(tgId)) {
                    continue;
                }
                Optional<String> problem = problem(tg.get());
                String enabledUnknown = tg.get().healthCheck().unknown().get("enabled");
                if (beforeUnknown && problem.isPresent() && mayHaveServed(ctx, rc, tgId)
                        && reported.add(at.get().id() + " " + tgId)) {
                    out.add(INFO.inconclusive("requests on " + rc.loadBalancerName() + " " + rc.listenerLabel()
                            + " such as " + rc.match().describe() + " go to target group " + tg.get().name()
                            + ", which " + problem.get() + "; where they went before is unknown"));
                } else if (problem.isEmpty() && enabledUnknown != null && reported.add(at.get().id() + " " + tgId)) {
                    out.add(INFO.inconclusive("requests now go to target group " + tg.get().name()
                            + ", and whether its health check is enabled is unknown (" + enabledUnknown + ")"));
                } else if (problem.isPresent() && reported.add(at.get().id() + " " + tgId)) {
                    out.add(INFO.finding("requests on " + rc.loadBalancerName() + " " + rc.listenerLabel()
                            + " such as " + rc.match().describe() + " now go to target group " + tg.get().name()
                            + ", which " + problem.get(), at.get().id(), at.get().source()));
                }
            }
        }
        return out.build();
    }

    /**
     * Whether the group may have taken these requests before, where that is unknown. Unknown at a rule of the
     * listener (a condition lbguard could not evaluate): that rule, or one after it, or the default, may have taken
     * them; unknown because the listener is another stack's (its own rules and default are not seen): nothing of
     * this configuration took them there.
     */
    private static boolean mayHaveServed(ReviewContext ctx, RouteChange rc, ElementId tgId) {
        Optional<ElementId> at = rc.before().rule();
        Optional<Listener> listener = ctx.base().listener(rc.listener());
        if (at.isEmpty() || listener.isEmpty()) {
            return false;
        }
        ElementId was = Elements.baseId(tgId, ctx.resources());
        List<dev.lbguard.model.Rule> rules = listener.get().rules();
        int from = 0;
        while (from < rules.size() && !rules.get(from).id().equals(at.get())) {
            from++;
        }
        return java.util.stream.Stream.concat(rules.subList(Math.min(from, rules.size()), rules.size()).stream()
                        .map(dev.lbguard.model.Rule::action), java.util.stream.Stream.of(listener.get().defaultAction()))
                .flatMap(a -> Actions.targets(a.terminal()).stream())
                .anyMatch(t -> t.targetGroup().equals(was));
    }

    private static Optional<String> problem(TargetGroup tg) {
        if (tg.targets().isEmpty() && tg.registeredBy().isEmpty()) {
            return Optional.of("has no registered targets in this configuration");
        }
        if (!tg.healthCheck().enabled()) {
            return Optional.of("has its health check disabled");
        }
        return Optional.empty();
    }

    /** The target groups that get a share (weight above 0) of the requests sent to this destination. */
    private static Set<ElementId> servedBy(Destination d) {
        Set<ElementId> out = new TreeSet<>();
        if (d.kind() != Destination.Kind.ACTION || d.action().isEmpty()) {
            return out;
        }
        List<WeightedTarget> targets = Actions.targets(d.action().get().terminal());
        for (WeightedTarget t : targets) {
            if (t.weight() > 0 && t.isResolved()) {
                out.add(t.targetGroup());
            }
        }
        return out;
    }
}

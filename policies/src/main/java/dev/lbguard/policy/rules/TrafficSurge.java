package dev.lbguard.policy.rules;

import dev.lbguard.diff.RouteChange;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.TrafficCounts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * LBG018, high: with {@code --traffic}, a target group that was there before the change would receive many times
 * the logged requests it received (20 by default, {@code traffic.surge} in the policy file). Sized for traffic it
 * never had, it is the outage of this project's origin story: the requests are routed, to servers that cannot take
 * them. A new target group taking traffic is a rollout, not a surge; a gain under the policy's medium share of the
 * logged requests and under a hundred requests is too small to be one; without logs the rule says nothing.
 */
public final class TrafficSurge implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG018", Severity.HIGH,
            "Target group would receive many times its logged traffic",
            "A target group is sized (targets, autoscaling limits, connection pools, downstream quotas) for the "
                    + "traffic it has been getting. A change that sends it many times that, measured on the load "
                    + "balancer's own logs, overloads it the moment it applies, and the errors look like the "
                    + "application failing, not like the routing change that caused them.",
            "Check that the change sends these requests where intended; if it does, scale the target group for "
                    + "its new load before the change applies, or move the traffic in steps with weighted forwards.");

    private static final double MINIMUM_GAIN = 100;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        if (ctx.traffic().isEmpty()) {
            return out.build();
        }
        TrafficCounts traffic = ctx.traffic().get();
        double surge = ctx.policy().judge().traffic().surge();
        // A gain that is both under the medium share of the logged requests and under a hundred requests is not
        // worth a finding however many times a tiny load it is (one probe request becoming thirty); a hundred
        // requests more on a small group is, whatever else the log holds.
        double floor = Math.min(ctx.policy().judge().traffic().medium() * traffic.requests(), MINIMUM_GAIN);
        for (TrafficCounts.DestinationLoad load : traffic.destinations()) {
            if (load.targetGroup().isEmpty() || !load.existedBefore() || load.factor() < surge
                    || load.after() - load.before() < floor) {
                continue;
            }
            ElementId group = load.targetGroup().get();
            Optional<TargetGroup> tg = ctx.head().targetGroup(group);
            String message = String.format(Locale.ROOT, "%s would receive %s logged requests after the change, "
                            + "%s before (%s; the policy's surge is %sx)", load.label(), count(load.after()),
                    count(load.before()), load.before() < 1 ? "it had none" : times(load.factor()) + " as many",
                    times(surge));
            Optional<Elements.Located> at = busiestChangeTo(ctx, traffic, group);
            if (at.isPresent()) {
                out.add(INFO.finding(message, at.get().id(), at.get().source()));
            } else if (tg.isPresent()) {
                out.add(INFO.finding(message, tg.get().id(), tg.get().source()));
            }
        }
        return out.build();
    }

    /** The rule or listener of the route change that sends the group the most requests: where the reviewer looks. */
    private static Optional<Elements.Located> busiestChangeTo(ReviewContext ctx, TrafficCounts traffic,
                                                              ElementId group) {
        List<RouteChange> changes = ctx.routes().changes();
        int best = -1;
        for (int i = 0; i < changes.size() && i < traffic.perChange().size(); i++) {
            boolean sends = changes.get(i).after().action()
                    .map(a -> Actions.targets(a.terminal()).stream().map(WeightedTarget::targetGroup).toList())
                    .orElse(List.of()).contains(group);
            if (sends && (best < 0 || traffic.perChange().get(i).requests() > traffic.perChange().get(best).requests())) {
                best = i;
            }
        }
        return best < 0 ? Optional.empty()
                : Elements.whereTaken(changes.get(best).after(), changes.get(best).listener(), ctx.head());
    }

    private static String count(double n) {
        return String.format(Locale.ROOT, "%,d", Math.round(n));
    }

    private static String times(double f) {
        return f == Math.rint(f) ? String.valueOf((long) f) : String.format(Locale.ROOT, "%.1f", f);
    }
}

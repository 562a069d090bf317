package dev.lbguard.policy.rules;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * LBG015, high: a route (a rule, or a listener's default action) whose every forwarded target group has
 * registered targets and none of them takes traffic, by what a live source says (unhealthy, draining, in
 * maintenance, weight 0). High because every request the route takes then fails. Only live sources report
 * target status, so on configuration alone the rule stays quiet; groups with no targets at all are LBG005's
 * concern (and may be filled by an Auto Scaling group lbguard cannot see), so they do not count either way.
 */
public final class RouteToTargetsTakingNoTraffic implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG015", Severity.HIGH,
            "Route leads only to targets that take no traffic",
            "Every target behind the route is unhealthy, draining, in maintenance or weighted to zero, so the "
                    + "load balancer has nowhere to send the requests the route takes: they fail (ALB answers "
                    + "503, HAProxy 503 or a closed connection) until a target comes back.",
            "Bring a target back (fix its health check, end the drain or maintenance, restore its weight), "
                    + "register healthy targets, or send the route to a target group that serves.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        RoutingSnapshot head = ctx.head();
        // A finding needs a group whose targets all take no traffic: without any such target, none (the usual
        // case on configuration alone, where targets carry no status), and no route need be looked at.
        if (head.targetGroups().stream().flatMap(g -> g.targets().stream()).allMatch(Target::takesTraffic)) {
            return out.build();
        }
        for (LoadBalancer lb : head.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                if (l.evaluatesRules()) {
                    for (Rule r : l.rulesInEvaluationOrder()) {
                        check(head, r.action(), lb.name() + " " + l.label() + " rule priority " + r.priority(),
                                r.id(), r.source()).ifPresent(out::add);
                    }
                }
                check(head, l.defaultAction(), lb.name() + " " + l.label() + " default action", l.id(), l.source())
                        .ifPresent(out::add);
            }
        }
        return out.build();
    }

    private static Optional<dev.lbguard.policy.Finding> check(RoutingSnapshot head, RuleAction action, String route,
                                                             ElementId element, SourceRef source) {
        List<TargetGroup> groups = new ArrayList<>();
        for (WeightedTarget w : Actions.targets(action.terminal())) {
            if (w.weight() == 0) {
                continue;
            }
            Optional<TargetGroup> tg = w.isResolved() ? head.targetGroup(w.targetGroup()) : Optional.empty();
            if (tg.isEmpty()) {
                // An unresolved or missing group is another rule's finding; this one cannot tell what it serves.
                return Optional.empty();
            }
            groups.add(tg.get());
        }
        boolean anyStatus = groups.stream().anyMatch(g -> !g.targets().isEmpty());
        boolean anyServing = groups.stream().flatMap(g -> g.targets().stream()).anyMatch(Target::takesTraffic);
        if (groups.isEmpty() || !anyStatus || anyServing) {
            return Optional.empty();
        }
        String why = groups.stream().filter(g -> !g.targets().isEmpty())
                .map(g -> g.name() + " (" + g.targets().stream().map(RouteToTargetsTakingNoTraffic::describe)
                        .collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
        return Optional.of(INFO.finding("requests taken by " + route + " go only to targets that take no traffic: "
                + why, element, source));
    }

    /** E.g. {@code 10.0.1.15:8080 draining} or {@code 127.0.0.1:19002 weight 0}. */
    private static String describe(Target t) {
        String where = t.targetId() + (t.port().isPresent() ? ":" + t.port().getAsInt() : "");
        Optional<TargetStatus> s = t.status();
        if (s.isEmpty()) {
            return where;
        }
        String state = s.get().state() != TargetStatus.State.HEALTHY ? s.get().state().label()
                : s.get().weight().isPresent() && s.get().weight().getAsInt() == 0 ? "weight 0" : "healthy";
        return where + " " + state + (s.get().reason().isEmpty() ? "" : " [" + s.get().reason() + "]");
    }
}

package dev.lbguard.diff;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Move;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Small builders for snapshots made directly from model records in diff tests. */
final class Snapshots {
    private Snapshots() {
    }

    static final SourceRef SRC = SourceRef.of("lb.tf", 1, 1);
    static final HealthCheck HEALTH = new HealthCheck(true, "HTTP", "traffic-port", "/", "200", 30, 5, 3, 3);
    static final RuleAction NOT_FOUND = RuleAction.of(new RouteAction.FixedResponse("404", "text/plain", ""));

    static RuleAction forward(String tg) {
        return RuleAction.of(RouteAction.Forward.to(ElementId.of(tg)));
    }

    /** A weighted forward: {@code "tg.a", 80, "tg.b", 20}. */
    static RuleAction weighted(Object... groupsAndWeights) {
        List<WeightedTarget> targets = new ArrayList<>();
        for (int i = 0; i < groupsAndWeights.length; i += 2) {
            targets.add(WeightedTarget.of(ElementId.of((String) groupsAndWeights[i]), (Integer) groupsAndWeights[i + 1]));
        }
        return RuleAction.of(new RouteAction.Forward(targets, Optional.empty()));
    }

    static Rule rule(String id, int priority, RuleAction action, Condition... conditions) {
        return new Rule(ElementId.of(id), SRC, Priority.of(priority), List.of(conditions), action);
    }

    static Listener listener(String id, Rule... rules) {
        return new Listener(ElementId.of(id), SRC, "HTTPS", 443, Optional.of("ELBSecurityPolicy-TLS13-1-2-2021-06"),
                List.of("arn:cert/a"), NOT_FOUND, List.of(rules));
    }

    static LoadBalancer lb(String id, Listener... listeners) {
        return new LoadBalancer(ElementId.of(id), SRC, "edge", LoadBalancerType.APPLICATION, false, List.of(listeners));
    }

    static TargetGroup tg(String id, String name, Target... targets) {
        return tg(id, name, HEALTH, targets);
    }

    static TargetGroup tg(String id, String name, HealthCheck health, Target... targets) {
        return new TargetGroup(ElementId.of(id), SRC, name, "HTTP", 8080, "ip", health, List.of(targets));
    }

    static Target target(String id, String ip) {
        return new Target(ElementId.of(id), SRC, ip, OptionalInt.empty());
    }

    static RoutingSnapshot snapshot(List<LoadBalancer> lbs, List<TargetGroup> tgs, Move... moves) {
        return new RoutingSnapshot(SnapshotOrigin.other("t"), lbs, tgs, List.of(), List.of(moves));
    }

    static Move move(String from, String to) {
        return Move.of(from, to, SRC);
    }
}

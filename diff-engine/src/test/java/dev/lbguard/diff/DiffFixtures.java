package dev.lbguard.diff;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.WeightedTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small builders for snapshots in route-diff tests. */
final class DiffFixtures {
    private DiffFixtures() {
    }

    static final SourceRef SRC = SourceRef.of("lb.tf", 1, 0);
    static final RuleAction NOT_FOUND = RuleAction.of(new RouteAction.FixedResponse("404", "text/plain", ""));

    static RuleAction forward(String tg) {
        return RuleAction.of(RouteAction.Forward.to(ElementId.of(tg)));
    }

    static RuleAction weighted(String tg1, int w1, String tg2, int w2) {
        return RuleAction.of(new RouteAction.Forward(List.of(WeightedTarget.of(ElementId.of(tg1), w1),
                WeightedTarget.of(ElementId.of(tg2), w2)), Optional.empty()));
    }

    static RuleAction redirect(String host) {
        return RuleAction.of(new RouteAction.Redirect("HTTPS", "443", host, "/#{path}", "#{query}", "HTTP_301"));
    }

    static Rule rule(String id, int priority, RuleAction action, Condition... conditions) {
        return new Rule(ElementId.of("aws_lb_listener_rule." + id), SRC, Priority.of(priority), List.of(conditions),
                action);
    }

    /** A rule forwarding to {@code tg-<id>}. */
    static Rule rule(String id, int priority, Condition... conditions) {
        return rule(id, priority, forward("tg-" + id), conditions);
    }

    static Listener listener(String id, int port, RuleAction defaultAction, List<Rule> rules) {
        return new Listener(ElementId.of("aws_lb_listener." + id), SRC, "HTTP", port, Optional.empty(), List.of(),
                defaultAction, rules);
    }

    static Listener http(Rule... rules) {
        return listener("http", 80, NOT_FOUND, List.of(rules));
    }

    static RoutingSnapshot snapshot(Listener... listeners) {
        LoadBalancer lb = new LoadBalancer(ElementId.of("aws_lb.web"), SRC, "web", LoadBalancerType.APPLICATION,
                false, List.of(listeners));
        return new RoutingSnapshot(SnapshotOrigin.other("test"), List.of(lb), List.of(), List.of());
    }

    static Listener withRules(Listener l, List<Rule> rules) {
        return new Listener(l.id(), l.source(), l.protocol(), l.port(), l.sslPolicy(), l.certificates(),
                l.defaultAction(), new ArrayList<>(rules));
    }
}

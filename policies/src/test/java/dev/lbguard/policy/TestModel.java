package dev.lbguard.policy;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.Destination;
import dev.lbguard.diff.ElementKind;
import dev.lbguard.diff.RequestClass;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.route.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Hand-built model values for rule unit tests: every element stands in main.tf at the line given. */
public final class TestModel {
    private TestModel() {
    }

    public static SourceRef at(int line) {
        return SourceRef.of("main.tf", line, 1);
    }

    public static ElementId id(String value) {
        return ElementId.of(value);
    }

    public static RuleAction forward(String tg) {
        return RuleAction.of(RouteAction.Forward.to(id(tg)));
    }

    /** A weighted forward: pairs of target group id and weight. */
    public static RuleAction weighted(Object... groupsAndWeights) {
        List<WeightedTarget> targets = new ArrayList<>();
        for (int i = 0; i < groupsAndWeights.length; i += 2) {
            targets.add(WeightedTarget.of(id((String) groupsAndWeights[i]), (Integer) groupsAndWeights[i + 1]));
        }
        return RuleAction.of(new RouteAction.Forward(targets, Optional.empty()));
    }

    public static RuleAction fixed(String status) {
        return RuleAction.of(new RouteAction.FixedResponse(status, "text/plain", ""));
    }

    public static RuleAction redirectToHttps() {
        return RuleAction.of(new RouteAction.Redirect("HTTPS", "443", "#{host}", "/#{path}", "#{query}", "HTTP_301"));
    }

    public static Rule rule(String id, int line, int priority, RuleAction action, Condition... conditions) {
        return new Rule(id(id), at(line), Priority.of(priority), List.of(conditions), action);
    }

    public static Listener listener(String id, int line, String protocol, int port, RuleAction defaultAction,
                                    Rule... rules) {
        return new Listener(id(id), at(line), protocol, port, Optional.empty(), List.of(), defaultAction, List.of(rules));
    }

    public static Listener https(String id, int line, String sslPolicy, RuleAction defaultAction, Rule... rules) {
        return new Listener(id(id), at(line), "HTTPS", 443, Optional.of(sslPolicy), List.of("arn:cert"), defaultAction,
                List.of(rules));
    }

    public static LoadBalancer lb(String id, int line, boolean internal, Listener... listeners) {
        return new LoadBalancer(id(id), at(line), id, LoadBalancerType.APPLICATION, internal, List.of(listeners));
    }

    public static HealthCheck healthCheck(boolean enabled, String path, String matcher) {
        return new HealthCheck(enabled, "HTTP", "traffic-port", path, matcher, 30, 5, 3, 3);
    }

    public static TargetGroup tg(String id, int line, HealthCheck hc, int targets) {
        List<Target> t = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            t.add(new Target(id(id + "_t" + i), at(line), "10.0.0." + i, OptionalInt.empty()));
        }
        return new TargetGroup(id(id), at(line), id, "HTTP", 80, "ip", hc, t);
    }

    public static TargetGroup tg(String id, int line) {
        return tg(id, line, healthCheck(true, "/", "200"), 1);
    }

    public static RoutingSnapshot snapshot(List<LoadBalancer> lbs, List<TargetGroup> tgs) {
        return new RoutingSnapshot(SnapshotOrigin.other("test"), lbs, tgs, List.of());
    }

    public static RoutingSnapshot snapshot(LoadBalancer lb, TargetGroup... tgs) {
        return snapshot(List.of(lb), List.of(tgs));
    }

    public static ReviewContext ctx(RoutingSnapshot base, RoutingSnapshot head) {
        return new ReviewContext(base, head, new ResourceDiff(List.of()), new RouteDiff(List.of(), 0));
    }

    public static ReviewContext ctx(RoutingSnapshot base, RoutingSnapshot head, List<ResourceChange> resources,
                                    RouteDiff routes) {
        return new ReviewContext(base, head, new ResourceDiff(resources), routes);
    }

    public static Destination to(Optional<String> rule, RuleAction action) {
        return new Destination(rule.map(ElementId::of), Optional.of(action), Destination.Kind.ACTION, "");
    }

    public static Destination viaRule(String rule, RuleAction action) {
        return to(Optional.of(rule), action);
    }

    public static Destination viaDefault(RuleAction action) {
        return to(Optional.empty(), action);
    }

    public static RouteChange routeChange(String listener, String path, Destination before, Destination after) {
        RequestClass match = new RequestClass(List.of(new RequestClass.FieldPatterns("path", List.of(path), List.of())));
        return new RouteChange(id("aws_lb.edge"), "edge", id(listener), "HTTP:80", match, Request.of("shop.test", path),
                before, after);
    }

    public static ResourceChange renamed(ElementKind kind, String from, String to, boolean declaredMove, int line) {
        return new ResourceChange(kind, id(to), ChangeType.RENAMED, Optional.of(id(from)), declaredMove, at(line),
                List.of());
    }
}

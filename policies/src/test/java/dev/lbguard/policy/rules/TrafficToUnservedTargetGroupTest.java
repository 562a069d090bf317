package dev.lbguard.policy.rules;

import static dev.lbguard.policy.TestModel.ctx;
import static dev.lbguard.policy.TestModel.fixed;
import static dev.lbguard.policy.TestModel.forward;
import static dev.lbguard.policy.TestModel.healthCheck;
import static dev.lbguard.policy.TestModel.lb;
import static dev.lbguard.policy.TestModel.listener;
import static dev.lbguard.policy.TestModel.routeChange;
import static dev.lbguard.policy.TestModel.rule;
import static dev.lbguard.policy.TestModel.snapshot;
import static dev.lbguard.policy.TestModel.tg;
import static dev.lbguard.policy.TestModel.viaDefault;
import static dev.lbguard.policy.TestModel.viaRule;
import static dev.lbguard.policy.TestModel.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.Condition;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.TargetGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficToUnservedTargetGroupTest {
    private final TrafficToUnservedTargetGroup rule = new TrafficToUnservedTargetGroup();

    private static RoutingSnapshot head(TargetGroup green) {
        return snapshot(List.of(lb("aws_lb.edge", 1, false, listener("aws_lb_listener.http", 5, "HTTP", 80,
                        forward("blue"), rule("aws_lb_listener_rule.api", 20, 10, forward("green"),
                                Condition.pathPattern("/api/*"))))),
                List.of(tg("blue", 40), green));
    }

    private static RouteDiff moveToGreen() {
        return new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/api/*",
                viaDefault(forward("blue")), viaRule("aws_lb_listener_rule.api", forward("green")))), 2);
    }

    @Test
    void trafficToAnEmptyGroupIsFlaggedAtTheRuleThatSendsIt() {
        var head = head(tg("green", 50, healthCheck(true, "/", "200"), 0));
        assertThat(rule.evaluate(ctx(head, head, List.of(), moveToGreen())).findings()).singleElement().satisfies(f -> {
            assertThat(f.source().line()).isEqualTo(20);
            assertThat(f.message()).contains("green").contains("no registered targets");
        });
    }

    @Test
    void trafficToAGroupWithoutHealthChecksIsFlagged() {
        var head = head(tg("green", 50, healthCheck(false, "/", "200"), 2));
        assertThat(rule.evaluate(ctx(head, head, List.of(), moveToGreen())).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("health check disabled"));
    }

    @Test
    void trafficToAGroupWhoseHealthCheckMayBeDisabledIsInconclusiveNotQuiet() {
        var unknown = new dev.lbguard.model.HealthCheck(true, "HTTP", "traffic-port", "/", "200", 30, 5, 3, 3,
                java.util.Map.of("enabled", "variable checks_on has no value"));
        var head = head(tg("green", 50, unknown, 2));
        var result = rule.evaluate(ctx(head, head, List.of(), moveToGreen()));
        assertThat(result.findings()).isEmpty();
        assertThat(result.inconclusives()).singleElement().satisfies(i -> assertThat(i.reason())
                .contains("green").contains("checks_on has no value"));
        var emptyToo = head(tg("green", 50, unknown, 0));
        assertThat(rule.evaluate(ctx(emptyToo, emptyToo, List.of(), moveToGreen())).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no registered targets"));
    }

    @Test
    void whereTheRequestsWentBeforeIsUnknownTheyMayHaveGoneThereAlready() {
        var head = head(tg("green", 50, healthCheck(true, "/", "200"), 0));
        var unknown = new dev.lbguard.diff.Destination(java.util.Optional.of(
                dev.lbguard.model.ElementId.of("aws_lb_listener_rule.api")), java.util.Optional.empty(),
                dev.lbguard.diff.Destination.Kind.UNKNOWN, "condition host-header could not be evaluated");
        var routes = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/api/*", unknown,
                viaRule("aws_lb_listener_rule.api", forward("green")))), 2);
        var result = rule.evaluate(ctx(head, head, List.of(), routes));
        assertThat(result.findings()).isEmpty();
        assertThat(result.inconclusives()).singleElement().satisfies(i -> assertThat(i.reason())
                .contains("green").contains("no registered targets").contains("before is unknown"));
        // A group the listener did not forward to before cannot have taken them: they surely moved there.
        var base = snapshot(List.of(lb("aws_lb.edge", 1, false, listener("aws_lb_listener.http", 5, "HTTP", 80,
                forward("blue")))), List.of(tg("blue", 40)));
        assertThat(rule.evaluate(ctx(base, head, List.of(), routes)).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("green").contains("no registered targets"));
    }

    @Test
    void aHealthyGroupOrAZeroWeightIsQuiet() {
        var healthy = head(tg("green", 50));
        assertThat(rule.evaluate(ctx(healthy, healthy, List.of(), moveToGreen())).findings()).isEmpty();
        var empty = head(tg("green", 50, healthCheck(true, "/", "200"), 0));
        var zero = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/api/*", viaDefault(forward("blue")),
                viaRule("aws_lb_listener_rule.api", weighted("blue", 1, "green", 0)))), 2);
        assertThat(rule.evaluate(ctx(empty, empty, List.of(), zero)).findings()).isEmpty();
        var fixedResponse = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/api/*",
                viaDefault(forward("blue")), viaDefault(fixed("503")))), 2);
        assertThat(rule.evaluate(ctx(empty, empty, List.of(), fixedResponse)).findings()).isEmpty();
    }
}

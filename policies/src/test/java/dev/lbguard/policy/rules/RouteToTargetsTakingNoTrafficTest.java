package dev.lbguard.policy.rules;

import static dev.lbguard.policy.TestModel.ctx;
import static dev.lbguard.policy.TestModel.fixed;
import static dev.lbguard.policy.TestModel.forward;
import static dev.lbguard.policy.TestModel.healthCheck;
import static dev.lbguard.policy.TestModel.lb;
import static dev.lbguard.policy.TestModel.listener;
import static dev.lbguard.policy.TestModel.rule;
import static dev.lbguard.policy.TestModel.snapshot;
import static dev.lbguard.policy.TestModel.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import dev.lbguard.model.TargetStatus.State;
import dev.lbguard.policy.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RouteToTargetsTakingNoTrafficTest {
    private final RouteToTargetsTakingNoTraffic rule = new RouteToTargetsTakingNoTraffic();

    /** A group whose targets have these live statuses; {@code null}-free: a missing status is config-only. */
    private static TargetGroup group(String name, int line, Optional<TargetStatus>... statuses) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            targets.add(new Target(ElementId.of(name + "/t" + i), dev.lbguard.policy.TestModel.at(line),
                    "10.0.0." + i, OptionalInt.of(8080), statuses[i]));
        }
        return new TargetGroup(ElementId.of(name), dev.lbguard.policy.TestModel.at(line), name, "HTTP", 8080, "ip",
                healthCheck(true, "/", "200"), targets);
    }

    private static Optional<TargetStatus> live(State state) {
        return Optional.of(new TargetStatus(state, OptionalInt.empty(), "why"));
    }

    private static Optional<TargetStatus> weight(int w) {
        return Optional.of(new TargetStatus(State.HEALTHY, OptionalInt.of(w), "UP"));
    }

    private static RoutingSnapshot edge(RuleAction apiAction, RuleAction defaultAction, TargetGroup... groups) {
        return snapshot(List.of(lb("edge", 1, false, listener("http", 5, "HTTP", 80, defaultAction,
                rule("api", 20, 10, apiAction, Condition.pathPattern("/api/*"))))), List.of(groups));
    }

    private List<Finding> findings(RoutingSnapshot head) {
        return rule.evaluate(ctx(head, head)).findings();
    }

    @Test
    void aRuleWhoseTargetsAllDrainOrFailIsFlaggedAtTheRule() {
        var head = edge(forward("api"), fixed("404"), group("api", 30, live(State.DRAINING), live(State.UNHEALTHY)));
        assertThat(findings(head)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("LBG015");
            assertThat(f.element()).isEqualTo(ElementId.of("api"));
            assertThat(f.source().line()).isEqualTo(20);
            assertThat(f.message()).contains("edge HTTP:80 rule priority 10").contains("10.0.0.0:8080 draining [why]")
                    .contains("10.0.0.1:8080 unhealthy");
        });
    }

    @Test
    void aDefaultActionToMaintenanceAndWeightZeroIsFlaggedAtTheListener() {
        var head = edge(fixed("404"), forward("web"), group("web", 30, live(State.MAINTENANCE), weight(0)));
        assertThat(findings(head)).singleElement().satisfies(f -> {
            assertThat(f.element()).isEqualTo(ElementId.of("http"));
            assertThat(f.message()).contains("default action").contains("weight 0").contains("maintenance");
        });
    }

    @Test
    void oneServingTargetInAnyWeightedGroupIsEnough() {
        var head = edge(weighted("blue", 90, "green", 10), fixed("404"),
                group("blue", 30, live(State.DRAINING)), group("green", 40, weight(5)));
        assertThat(findings(head)).isEmpty();
    }

    @Test
    void aGroupWeightedToZeroInTheForwardDoesNotCount() {
        // green serves but gets no share, so the route's traffic all goes to the dead blue group.
        var head = edge(weighted("blue", 100, "green", 0), fixed("404"),
                group("blue", 30, live(State.UNHEALTHY)), group("green", 40, weight(5)));
        assertThat(findings(head)).singleElement().satisfies(f -> assertThat(f.message()).contains("blue")
                .doesNotContain("green"));
    }

    @Test
    void configurationWithoutLiveStatusOrWithoutTargetsIsQuiet() {
        var config = edge(forward("api"), fixed("404"), group("api", 30, Optional.empty()));
        assertThat(findings(config)).isEmpty();
        // No registered targets is LBG005's finding, and may be an Auto Scaling group lbguard cannot see.
        var empty = edge(forward("api"), fixed("404"), group("api", 30));
        assertThat(findings(empty)).isEmpty();
        var missing = edge(forward("gone"), fixed("404"));
        assertThat(findings(missing)).isEmpty();
    }

    @Test
    void anEmptyGroupBesideADeadOneStillLeavesNothingToServe() {
        var head = edge(weighted("blue", 50, "green", 50), fixed("404"),
                group("blue", 30, live(State.NOT_SERVING)), group("green", 40));
        assertThat(findings(head)).hasSize(1);
    }
}

package dev.lbguard.policy.rules;

import static dev.lbguard.policy.TestModel.ctx;
import static dev.lbguard.policy.TestModel.fixed;
import static dev.lbguard.policy.TestModel.forward;
import static dev.lbguard.policy.TestModel.lb;
import static dev.lbguard.policy.TestModel.listener;
import static dev.lbguard.policy.TestModel.rule;
import static dev.lbguard.policy.TestModel.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Condition;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import org.junit.jupiter.api.Test;

class RuleMadeUnreachableTest {
    private final RuleMadeUnreachable rule = new RuleMadeUnreachable();

    private static RoutingSnapshot with(Rule... rules) {
        return snapshot(lb("aws_lb.edge", 1, false, listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404"), rules)));
    }

    private static Rule api(int prio) {
        return rule("aws_lb_listener_rule.api", 20, prio, forward("api"), Condition.pathPattern("/api/v1/*"));
    }

    private final Rule wide = rule("aws_lb_listener_rule.wide", 30, 50, forward("web"), Condition.pathPattern("/api/*"));

    @Test
    void aPriorityChangeBehindAWiderRuleKillsTheRule() {
        assertThat(rule.evaluate(ctx(with(api(10), wide), with(api(60), wide))).findings()).singleElement()
                .satisfies(f -> {
                    assertThat(f.element().value()).isEqualTo("aws_lb_listener_rule.api");
                    assertThat(f.source().line()).isEqualTo(20);
                    assertThat(f.message()).contains("can no longer take any request");
                });
    }

    @Test
    void aNewDeadRuleIsFlaggedAsSuch() {
        assertThat(rule.evaluate(ctx(with(wide), with(api(60), wide))).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("is added but can never take a request"));
    }

    @Test
    void aRuleDeadAlreadyInBaseIsNotNews() {
        assertThat(rule.evaluate(ctx(with(api(60), wide), with(api(60), wide))).findings()).isEmpty();
        assertThat(rule.evaluate(ctx(with(api(10), wide), with(api(10), wide))).findings()).isEmpty();
    }
}

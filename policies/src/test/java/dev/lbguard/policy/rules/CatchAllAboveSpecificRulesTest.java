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

class CatchAllAboveSpecificRulesTest {
    private final CatchAllAboveSpecificRules rule = new CatchAllAboveSpecificRules();
    private final Rule api = rule("aws_lb_listener_rule.api", 20, 10, forward("api"), Condition.pathPattern("/api/*"));

    private static RoutingSnapshot with(Rule... rules) {
        return snapshot(lb("aws_lb.edge", 1, false, listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404"), rules)));
    }

    @Test
    void aCatchAllInFrontOfARuleIsFlagged() {
        Rule all = rule("aws_lb_listener_rule.all", 30, 1, forward("web"), Condition.pathPattern("/*"));
        assertThat(rule.evaluate(ctx(with(api), with(api, all))).findings()).singleElement().satisfies(f -> {
            assertThat(f.source().line()).isEqualTo(30);
            assertThat(f.message()).contains("aws_lb_listener_rule.api");
        });
    }

    @Test
    void aHostWildcardIsACatchAllToo() {
        Rule all = rule("aws_lb_listener_rule.all", 30, 1, forward("web"), Condition.hostHeader("*"));
        assertThat(rule.evaluate(ctx(with(api), with(api, all))).findings()).hasSize(1);
    }

    @Test
    void aCatchAllBehindEverythingOrAlreadyThereIsQuiet() {
        Rule last = rule("aws_lb_listener_rule.all", 30, 100, forward("web"), Condition.pathPattern("/*"));
        assertThat(rule.evaluate(ctx(with(api), with(api, last))).findings()).isEmpty();
        Rule first = rule("aws_lb_listener_rule.all", 30, 1, forward("web"), Condition.pathPattern("/*"));
        assertThat(rule.evaluate(ctx(with(api, first), with(api, first))).findings()).isEmpty();
    }

    @Test
    void aNarrowRuleIsNoCatchAll() {
        Rule narrow = rule("aws_lb_listener_rule.x", 30, 1, forward("web"), Condition.pathPattern("/*"),
                Condition.httpRequestMethod("POST"));
        assertThat(rule.evaluate(ctx(with(api), with(api, narrow))).findings()).isEmpty();
    }
}

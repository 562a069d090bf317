package dev.lbguard.policy.rules;

import static dev.lbguard.policy.TestModel.ctx;
import static dev.lbguard.policy.TestModel.fixed;
import static dev.lbguard.policy.TestModel.forward;
import static dev.lbguard.policy.TestModel.lb;
import static dev.lbguard.policy.TestModel.listener;
import static dev.lbguard.policy.TestModel.routeChange;
import static dev.lbguard.policy.TestModel.rule;
import static dev.lbguard.policy.TestModel.snapshot;
import static dev.lbguard.policy.TestModel.viaRule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.Condition;
import dev.lbguard.model.Rule;
import dev.lbguard.policy.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleShadowsExistingRulesTest {
    private final RuleShadowsExistingRules rule = new RuleShadowsExistingRules();

    private static Rule api(int prio) {
        return rule("aws_lb_listener_rule.api", 20, prio, forward("api"), Condition.pathPattern("/api/*"));
    }

    private static dev.lbguard.model.RoutingSnapshot with(Rule... rules) {
        return snapshot(lb("aws_lb.edge", 1, false, listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404"), rules)));
    }

    @Test
    void aNewRuleThatCoversAnExistingOneShadowsItWholly() {
        Rule wide = rule("aws_lb_listener_rule.all", 40, 1, forward("web"), Condition.pathPattern("/*"));
        List<Finding> f = rule.evaluate(ctx(with(api(10)), with(api(10), wide))).findings();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.element().value()).isEqualTo("aws_lb_listener_rule.all");
            assertThat(x.source().line()).isEqualTo(40);
            assertThat(x.message()).contains("all of its requests from aws_lb_listener_rule.api");
        });
    }

    @Test
    void aNewRuleThatTakesSomeRequestClassesShadowsInPart() {
        Rule v2 = rule("aws_lb_listener_rule.v2", 40, 1, forward("v2"), Condition.pathPattern("/api/v2/*"));
        var routes = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/api/v2/*",
                viaRule("aws_lb_listener_rule.api", forward("api")), viaRule("aws_lb_listener_rule.v2", forward("v2")))), 3);
        var c = ctx(with(api(10)), with(api(10), v2), List.of(), routes);
        assertThat(rule.evaluate(c).findings()).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("requests such as path=/api/v2/*"));
    }

    @Test
    void aRuleWhoseConditionCouldNotBeEvaluatedTakesNothingItIsUndecided() {
        Rule v2 = rule("aws_lb_listener_rule.v2", 40, 1, forward("v2"), Condition.pathPattern("/api/v2/*"));
        var undecided = new dev.lbguard.diff.Destination(java.util.Optional.of(
                dev.lbguard.model.ElementId.of("aws_lb_listener_rule.v2")), java.util.Optional.empty(),
                dev.lbguard.diff.Destination.Kind.UNKNOWN, "condition http-header could not be evaluated");
        var routes = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/api/v2/*",
                viaRule("aws_lb_listener_rule.api", forward("api")), undecided)), 3);
        assertThat(rule.evaluate(ctx(with(api(10)), with(api(10), v2), List.of(), routes)).findings()).isEmpty();
    }

    @Test
    void aMovedRuleThatOnlyTakesWhatNobodyTookIsQuiet() {
        Rule v2 = rule("aws_lb_listener_rule.v2", 40, 1, forward("v2"), Condition.pathPattern("/v2/*"));
        assertThat(rule.evaluate(ctx(with(api(10)), with(api(10), v2))).findings()).isEmpty();
    }

    @Test
    void anUnchangedShadowIsNotNews() {
        Rule wide = rule("aws_lb_listener_rule.all", 40, 1, forward("web"), Condition.pathPattern("/*"));
        assertThat(rule.evaluate(ctx(with(api(10), wide), with(api(10), wide))).findings()).isEmpty();
    }

    @Test
    void aShadowingRuleWhoseActionAloneChangedTakesNothingNew() {
        Rule wide = rule("aws_lb_listener_rule.all", 40, 1, forward("web"), Condition.pathPattern("/*"));
        Rule rerouted = rule("aws_lb_listener_rule.all", 40, 1, forward("canary"), Condition.pathPattern("/*"));
        Rule unknown = new Rule(dev.lbguard.model.ElementId.of("aws_lb_listener_rule.x"), dev.lbguard.policy.TestModel.at(9),
                dev.lbguard.model.Priority.unknown(), List.of(Condition.pathPattern("/x")), forward("x"));
        var r = rule.evaluate(ctx(with(api(10), wide, unknown), with(api(10), rerouted, unknown)));
        assertThat(r.findings()).isEmpty();
        assertThat(r.inconclusives()).isEmpty();
    }

    @Test
    void unknownConditionsMakeItInconclusive() {
        Rule unknown = new Rule(dev.lbguard.model.ElementId.of("aws_lb_listener_rule.x"), dev.lbguard.policy.TestModel.at(9),
                dev.lbguard.model.Priority.unknown(), List.of(Condition.pathPattern("/x")), forward("x"));
        var r = rule.evaluate(ctx(with(api(10)), with(api(10), unknown)));
        assertThat(r.findings()).isEmpty();
        assertThat(r.inconclusives()).singleElement().satisfies(i -> assertThat(i.ruleId()).isEqualTo("LBG002"));
    }
}

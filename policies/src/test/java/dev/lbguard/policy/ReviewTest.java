package dev.lbguard.policy;

import static dev.lbguard.policy.TestModel.fixed;
import static dev.lbguard.policy.TestModel.forward;
import static dev.lbguard.policy.TestModel.lb;
import static dev.lbguard.policy.TestModel.listener;
import static dev.lbguard.policy.TestModel.routeChange;
import static dev.lbguard.policy.TestModel.rule;
import static dev.lbguard.policy.TestModel.snapshot;
import static dev.lbguard.policy.TestModel.viaDefault;
import static dev.lbguard.policy.TestModel.viaRule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.Condition;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.policy.rules.BuiltInRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewTest {
    private final Review review = BuiltInRules.review();

    private static RoutingSnapshot with(boolean internal, Rule... rules) {
        return snapshot(lb("aws_lb.edge", 1, internal, listener("aws_lb_listener.http", 8, "HTTP", 80, fixed("404"), rules)));
    }

    private static final Rule API = rule("aws_lb_listener_rule.api", 20, 10, forward("api"), Condition.pathPattern("/api/*"));

    @Test
    void anIdenticalChangeIsCleanAndComplete() {
        RoutingSnapshot s = with(true, API);
        ReviewResult r = review.review(s, s);
        assertThat(r.findings()).isEmpty();
        assertThat(r.risk()).isEqualTo(Risk.NONE);
        assertThat(r.complete()).isTrue();
        assertThat(r.resources().isEmpty()).isTrue();
        assertThat(r.routes().isEmpty()).isTrue();
    }

    @Test
    void findingsComeMostSevereFirstThenByFileAndLine() {
        Rule all = rule("aws_lb_listener_rule.all", 30, 1, forward("web"), Condition.pathPattern("/*"));
        ReviewResult r = review.review(with(true, API), with(false, API, all));
        assertThat(r.findings()).extracting(Finding::ruleId).startsWith("LBG001");
        assertThat(r.findings()).isSortedAccordingTo(Finding.REPORT_ORDER);
        assertThat(r.findings()).extracting(Finding::ruleId).contains("LBG003", "LBG004");
        assertThat(r.risk()).isEqualTo(Risk.CRITICAL);
    }

    @Test
    void theRiskIsTheWorstFindingRaisedByBlastRadius() {
        // A catch-all (high) that moves every compared class is raised to critical.
        Rule all = rule("aws_lb_listener_rule.all", 30, 1, forward("web"), Condition.pathPattern("/*"));
        RouteDiff routes = new RouteDiff(List.of(
                routeChange("aws_lb_listener.http", "/api/*", viaRule("aws_lb_listener_rule.api", forward("api")),
                        viaRule("aws_lb_listener_rule.all", forward("web"))),
                routeChange("aws_lb_listener.http", "/x", viaDefault(fixed("404")),
                        viaRule("aws_lb_listener_rule.all", forward("web")))), 2);
        ReviewResult r = review.review(with(true, API), with(true, API, all), new ResourceDiff(List.of()), routes);
        assertThat(r.findings()).extracting(Finding::severity).containsOnly(Severity.HIGH, Severity.MEDIUM);
        assertThat(r.risk()).isEqualTo(Risk.CRITICAL);
    }

    @Test
    void anIncompleteSnapshotOrAnInconclusiveRuleMakesTheReviewIncomplete() {
        RoutingSnapshot s = with(true, API);
        RoutingSnapshot broken = new RoutingSnapshot(SnapshotOrigin.other("head"), s.loadBalancers(), s.targetGroups(),
                List.of(Diagnostic.error("hcl-syntax", "bad", SourceRef.of("main.tf", 3, 1))));
        assertThat(review.review(s, broken).complete()).isFalse();

        Rule unknown = new Rule(TestModel.id("aws_lb_listener_rule.x"), TestModel.at(40), Priority.unknown(),
                List.of(Condition.pathPattern("/x")), forward("x"));
        ReviewResult r = review.review(s, with(true, API, unknown), new ResourceDiff(List.of()), new RouteDiff(List.of(), 0));
        assertThat(r.inconclusives()).isNotEmpty();
        assertThat(r.complete()).isFalse();
    }
}

package dev.lbguard.policy;

import static dev.lbguard.policy.TestModel.fixed;
import static dev.lbguard.policy.TestModel.forward;
import static dev.lbguard.policy.TestModel.id;
import static dev.lbguard.policy.TestModel.lb;
import static dev.lbguard.policy.TestModel.listener;
import static dev.lbguard.policy.TestModel.redirectToHttps;
import static dev.lbguard.policy.TestModel.rule;
import static dev.lbguard.policy.TestModel.snapshot;
import static dev.lbguard.policy.TestModel.tg;
import static dev.lbguard.policy.TestModel.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.policy.InvariantResult.Status;
import dev.lbguard.route.Request;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each expectation means, judged by the route evaluator on hand-built listeners. */
class InvariantCheckTest {
    private static final Condition API = Condition.of(ConditionType.PATH_PATTERN, List.of("/api/*"));

    private static RoutingSnapshot edge(RuleAction apiAction, RuleAction defaultAction) {
        return snapshot(lb("edge", 1, false, listener("aws_lb_listener.http", 2, "HTTP", 80, defaultAction,
                rule("aws_lb_listener_rule.api", 3, 10, apiAction, API))), tg("api", 5), tg("canary", 6), tg("web", 7));
    }

    private static Status judge(RoutingSnapshot s, String path, Expectation e) {
        return InvariantCheck.check(s, new Invariant("i", "edge:80", Request.of("shop.example.com", path), e,
                Severity.HIGH, SourceRef.of("lbguard.yml", 1, 1))).status();
    }

    @Test
    void forwardToOneGroupMeansEveryRequestGoesThere() {
        assertThat(judge(edge(forward("api"), forward("web")), "/api/x", Expectation.forwardTo("api")))
                .isEqualTo(Status.PASSED);
        // A canary share is no longer "every request": the invariant names the split it accepts.
        RoutingSnapshot canary = edge(weighted("api", 90, "canary", 10), forward("web"));
        assertThat(judge(canary, "/api/x", Expectation.forwardTo("api"))).isEqualTo(Status.FAILED);
        assertThat(judge(canary, "/api/x", Expectation.forward(Map.of("api", 9, "canary", 1))))
                .isEqualTo(Status.PASSED);
        assertThat(judge(canary, "/api/x", Expectation.forward(Map.of("api", 50, "canary", 50))))
                .isEqualTo(Status.FAILED);
        // A group of weight 0 takes nothing, so it is absent from the split.
        assertThat(judge(edge(weighted("api", 100, "canary", 0), forward("web")), "/api/x",
                Expectation.forwardTo("api"))).isEqualTo(Status.PASSED);
        // The default action takes what no rule does.
        assertThat(judge(edge(forward("api"), forward("web")), "/shop", Expectation.forwardTo("api")))
                .isEqualTo(Status.FAILED);
    }

    @Test
    void onAListenerOfAnotherStackNothingIsCertain() {
        // Only this configuration's rules hang there; another stack's rule may come before them.
        LoadBalancer shared = new LoadBalancer(id(LoadBalancer.EXTERNAL + "edge"), TestModel.at(1), "edge (external)",
                dev.lbguard.model.LoadBalancerType.APPLICATION, false, List.of(listener("edge:80", 2, "HTTP", 80,
                RuleAction.of(new RouteAction.Unresolved("managed elsewhere")), rule("aws_lb_listener_rule.api", 3,
                        10, forward("api"), API))));
        RoutingSnapshot s = snapshot(shared, tg("api", 5));
        InvariantResult r = InvariantCheck.check(s, new Invariant("i", "edge:80", Request.of("shop.example.com",
                "/api/x"), Expectation.forwardTo("api"), Severity.HIGH, SourceRef.of("lbguard.yml", 1, 1)));
        assertThat(r.status()).isEqualTo(Status.UNKNOWN);
        assertThat(r.actual()).contains("forward api").contains("managed by another stack");
    }

    @Test
    void notForwardHoldsWhenTheGroupTakesNoShare() {
        assertThat(judge(edge(weighted("api", 100, "canary", 0), forward("web")), "/api/x",
                Expectation.of(Expectation.Kind.NOT_FORWARD, "canary"))).isEqualTo(Status.PASSED);
        assertThat(judge(edge(weighted("api", 90, "canary", 10), forward("web")), "/api/x",
                Expectation.of(Expectation.Kind.NOT_FORWARD, "canary"))).isEqualTo(Status.FAILED);
        assertThat(judge(edge(fixed("404"), forward("web")), "/api/x",
                Expectation.of(Expectation.Kind.NOT_FORWARD, "api"))).isEqualTo(Status.PASSED);
    }

    @Test
    void aGroupThatCouldNotBeLinkedLeavesTheAnswerUnknown() {
        RuleAction unlinked = RuleAction.of(new RouteAction.Forward(List.of(WeightedTarget.unresolved(
                id("var.api_arn"), 1, "an input of the module")), Optional.empty()));
        assertThat(judge(edge(unlinked, forward("web")), "/api/x", Expectation.forwardTo("api")))
                .isEqualTo(Status.UNKNOWN);
        assertThat(judge(edge(unlinked, forward("web")), "/api/x",
                Expectation.of(Expectation.Kind.NOT_FORWARD, "api"))).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void redirectsMatchTheUrlTheClientIsSentTo() {
        RoutingSnapshot s = edge(forward("api"), redirectToHttps());
        Request withQuery = Request.of("shop.example.com:80", "/cart").withQuery("ref", "mail");
        InvariantResult r = InvariantCheck.check(s, new Invariant("i", "edge:80", withQuery,
                Expectation.of(Expectation.Kind.REDIRECT, "https://shop.example.com/cart?ref=mail"), Severity.HIGH,
                SourceRef.of("lbguard.yml", 1, 1)));
        assertThat(r.status()).as(r.actual()).isEqualTo(Status.PASSED);
        assertThat(judge(s, "/cart", Expectation.of(Expectation.Kind.REDIRECT, "https://*/cart"))).isEqualTo(Status.PASSED);
        assertThat(judge(s, "/cart", Expectation.of(Expectation.Kind.REDIRECT, "http://*"))).isEqualTo(Status.FAILED);
        assertThat(judge(s, "/cart", Expectation.of(Expectation.Kind.FIXED_RESPONSE, "301"))).isEqualTo(Status.FAILED);
    }

    @Test
    void aMissingListenerFailsOnlyWhereEverythingWasRead() {
        RoutingSnapshot s = edge(forward("api"), forward("web"));
        Invariant onTls = new Invariant("i", "edge:443", Request.of("shop.example.com", "/"),
                Expectation.forwardTo("web"), Severity.HIGH, SourceRef.of("lbguard.yml", 1, 1));
        assertThat(InvariantCheck.check(s, onTls).status()).isEqualTo(Status.FAILED);
        RoutingSnapshot partly = new RoutingSnapshot(SnapshotOrigin.other("t"), s.loadBalancers(), s.targetGroups(),
                List.of(Diagnostic.error("tf-module", "module x not read", SourceRef.of("main.tf", 1, 1))));
        assertThat(InvariantCheck.check(partly, onTls).status()).isEqualTo(Status.UNKNOWN);
        Invariant elsewhere = new Invariant("i", "other:80", Request.of("shop.example.com", "/"),
                Expectation.forwardTo("web"), Severity.HIGH, SourceRef.of("lbguard.yml", 1, 1));
        assertThat(InvariantCheck.check(s, elsewhere).status()).isEqualTo(Status.FAILED);
        assertThat(InvariantCheck.check(partly, elsewhere).status()).isEqualTo(Status.UNKNOWN);
    }
}

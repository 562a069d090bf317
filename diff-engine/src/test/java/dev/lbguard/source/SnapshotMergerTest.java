package dev.lbguard.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two roots read together: elements the diffs know by address must not share one, or one of them goes unseen with
 * its changes (two service roots each with {@code aws_lb_listener.http} under load balancers named apart).
 */
class SnapshotMergerTest {
    private static final SnapshotOrigin ORIGIN = SnapshotOrigin.other("test");

    @Test
    void aListenerAddressUnderTwoLoadBalancersIsAnError() {
        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, List.of(
                root("a", "aws_lb_listener.http", "aws_lb_listener_rule.api_a"),
                root("b", "aws_lb_listener.http", "aws_lb_listener_rule.api_b")));

        assertThat(merged.diagnostics()).extracting(Diagnostic::code, Diagnostic::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("address-clash", "listener aws_lb_listener.http "
                        + "is defined by more than one root module (first at a/main.tf:1), and lbguard knows an element "
                        + "by its address; give --dir to read one root module at a time"));
        assertThat(merged.diagnostics().get(0).source().path()).isEqualTo("b/main.tf");
        assertThat(merged.complete()).isFalse();
    }

    @Test
    void aClashIsReportedOnceWhenTheMergedRootsAreMergedAgain() {
        // The Terraform roots are merged, then merged with the other kinds of configuration (as Configurations reads
        // them): the second merge sees the clash inside its one part, in id order, and said it again the other way.
        RoutingSnapshot terraform = SnapshotMerger.merge(ORIGIN, List.of(
                root("b", "aws_lb_listener.http", "aws_lb_listener_rule.api_b"),
                root("a", "aws_lb_listener.http", "aws_lb_listener_rule.api_a")));
        RoutingSnapshot all = SnapshotMerger.merge(ORIGIN, List.of(terraform));

        assertThat(all.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("listener aws_lb_listener.http is defined by more than one root module (first at "
                        + "b/main.tf:1), and lbguard knows an element by its address; give --dir to read one root "
                        + "module at a time");
    }

    @Test
    void aRuleAddressUnderTwoListenersIsAnError() {
        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, List.of(
                root("a", "aws_lb_listener.http_a", "aws_lb_listener_rule.api"),
                root("b", "aws_lb_listener.http_b", "aws_lb_listener_rule.api")));

        assertThat(merged.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("rule aws_lb_listener_rule.api is defined by more than one root module (first at "
                        + "a/main.tf:1), and lbguard knows an element by its address; give --dir to read one root "
                        + "module at a time");
    }

    @Test
    void rootsThatNameEverythingApartMergeWithoutError() {
        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, List.of(
                root("a", "aws_lb_listener.http_a", "aws_lb_listener_rule.api_a"),
                root("b", "aws_lb_listener.http_b", "aws_lb_listener_rule.api_b")));

        assertThat(merged.diagnostics()).isEmpty();
        assertThat(merged.loadBalancers()).hasSize(2);
    }

    @Test
    void rulesSharedByTheListenersOfOneLoadBalancerAreNoClash() {
        // An HAProxy frontend bound to two ports: a listener per port, the same rules on both.
        RoutingSnapshot one = root("a", "haproxy:frontend/fe:80", "haproxy:frontend/fe/use_backend/be");
        LoadBalancer lb = one.loadBalancers().get(0);
        Listener http = lb.listeners().get(0);
        Listener https = new Listener(ElementId.of("haproxy:frontend/fe:443"), http.source(), "HTTPS", 443,
                Optional.empty(), List.of(), http.defaultAction(), http.rules());
        RoutingSnapshot twoPorts = new RoutingSnapshot(ORIGIN, List.of(new LoadBalancer(lb.id(), lb.source(), lb.name(),
                lb.type(), lb.internal(), List.of(http, https))), List.of(), List.of());

        assertThat(SnapshotMerger.merge(ORIGIN, List.of(twoPorts, root("b", "aws_lb_listener.b", "aws_lb_listener_rule.b")))
                .diagnostics()).isEmpty();
    }

    @Test
    void aForwardOfTheSecondRootToATargetGroupAddressBothDefineIsUnresolved() {
        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, List.of(forwarding("a"), forwarding("b")));

        assertThat(merged.complete()).isFalse();
        assertThat(merged.targetGroups()).extracting(dev.lbguard.model.TargetGroup::name).containsExactly("app-a");
        RouteAction.Forward a = (RouteAction.Forward) merged.loadBalancers().get(0).listeners().get(0).defaultAction()
                .terminal();
        RouteAction.Forward b = (RouteAction.Forward) merged.loadBalancers().get(1).listeners().get(0).defaultAction()
                .terminal();
        // The group kept under the address is the first root's own, so its forward is exact.
        assertThat(a.isKnown()).isTrue();
        assertThat(b.isKnown()).isFalse();
        assertThat(b.targets().get(0).unresolved()).contains("target group aws_lb_target_group.app is defined by more "
                + "than one root module (b/main.tf:1 and a/main.tf:1); give --dir to read one root module at a time");
        assertThat(dev.lbguard.model.ActionSummary.of(merged.loadBalancers().get(1).listeners().get(0).defaultAction(),
                merged)).isEqualTo("forward aws_lb_target_group.app (unresolved)");
    }

    /** A root {@code dir} whose listener forwards to its target group {@code aws_lb_target_group.app}, "app-DIR". */
    private static RoutingSnapshot forwarding(String dir) {
        SourceRef at = SourceRef.of(dir + "/main.tf", 1, 1);
        ElementId app = ElementId.of("aws_lb_target_group.app");
        Listener l = new Listener(ElementId.of("aws_lb_listener.http_" + dir), at, "HTTP", 80, Optional.empty(),
                List.of(), RuleAction.of(RouteAction.Forward.to(app)), List.of());
        LoadBalancer lb = new LoadBalancer(ElementId.of("aws_lb." + dir), at, "lb-" + dir,
                LoadBalancerType.APPLICATION, false, List.of(l));
        dev.lbguard.model.TargetGroup tg = new dev.lbguard.model.TargetGroup(app, at, "app-" + dir, "HTTP", 80,
                "instance", new dev.lbguard.model.HealthCheck(true, "HTTP", "traffic-port", "/", "200", 30, 5, 3, 3),
                List.of());
        return new RoutingSnapshot(ORIGIN, List.of(lb), List.of(tg), List.of());
    }

    /** A root {@code dir} with load balancer {@code aws_lb.<dir>}, one listener and one rule of these addresses. */
    private static RoutingSnapshot root(String dir, String listener, String rule) {
        SourceRef at = SourceRef.of(dir + "/main.tf", 1, 1);
        RuleAction fixed = RuleAction.of(new RouteAction.FixedResponse("404", "text/plain", ""));
        Rule r = new Rule(ElementId.of(rule), at, Priority.of(10),
                List.of(dev.lbguard.model.Condition.of(dev.lbguard.model.ConditionType.PATH_PATTERN, List.of("/api/*"))),
                fixed);
        Listener l = new Listener(ElementId.of(listener), at, "HTTP", 80, Optional.empty(), List.of(), fixed,
                List.of(r));
        LoadBalancer lb = new LoadBalancer(ElementId.of("aws_lb." + dir), at, "lb-" + dir,
                LoadBalancerType.APPLICATION, false, List.of(l));
        return new RoutingSnapshot(ORIGIN, List.of(lb), List.of(), List.of());
    }
}

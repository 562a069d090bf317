package dev.lbguard.source;

import static org.assertj.core.api.Assertions.assertThat;

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
 * its changes (two service roots each with {@code aws_lb_listener.http} under load balancers named apart, two
 * environments calling one module under one name). Roots that share an address are named apart, by directory.
 */
class SnapshotMergerTest {
    private static final SnapshotOrigin ORIGIN = SnapshotOrigin.other("test");

    @Test
    void rootsSharingAListenerAddressAreNamedApartAndBothKept() {
        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, roots(
                root("a", "aws_lb_listener.http", "aws_lb_listener_rule.api_a"),
                root("b", "aws_lb_listener.http", "aws_lb_listener_rule.api_b")));

        assertThat(merged.diagnostics()).isEmpty();
        assertThat(merged.loadBalancers()).extracting(lb -> lb.id().value())
                .containsExactly("root[\"a\"].aws_lb.a", "root[\"b\"].aws_lb.b");
        assertThat(merged.loadBalancers()).flatExtracting(LoadBalancer::listeners).extracting(l -> l.id().value())
                .containsExactly("root[\"a\"].aws_lb_listener.http", "root[\"b\"].aws_lb_listener.http");
        assertThat(merged.loadBalancers().get(1).listeners().get(0).rules()).extracting(r -> r.id().value())
                .containsExactly("root[\"b\"].aws_lb_listener_rule.api_b");
    }

    @Test
    void rootsSharingARuleAddressAreNamedApart() {
        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, roots(
                root("a", "aws_lb_listener.http_a", "aws_lb_listener_rule.api"),
                root("b", "aws_lb_listener.http_b", "aws_lb_listener_rule.api")));

        assertThat(merged.complete()).isTrue();
        assertThat(merged.loadBalancers()).flatExtracting(LoadBalancer::listeners).flatExtracting(Listener::rules)
                .extracting(r -> r.id().value())
                .containsExactly("root[\"a\"].aws_lb_listener_rule.api", "root[\"b\"].aws_lb_listener_rule.api");
    }

    @Test
    void rootsThatNameEverythingApartKeepTheirAddresses() {
        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, roots(
                root("a", "aws_lb_listener.http_a", "aws_lb_listener_rule.api_a"),
                root("b", "aws_lb_listener.http_b", "aws_lb_listener_rule.api_b"),
                root("c", "aws_lb_listener.http_c", "aws_lb_listener_rule.api_c")));

        assertThat(merged.diagnostics()).isEmpty();
        assertThat(merged.loadBalancers()).extracting(lb -> lb.id().value())
                .containsExactly("aws_lb.a", "aws_lb.b", "aws_lb.c");
    }

    @Test
    void onlyTheRootsThatClashAreRenamedAndARootTheOtherSideNamesApartIsRenamedToo() {
        java.util.Map<String, RoutingSnapshot> parts = roots(
                root("a", "aws_lb_listener.http", "aws_lb_listener_rule.api_a"),
                root("b", "aws_lb_listener.http", "aws_lb_listener_rule.api_b"),
                root("c", "aws_lb_listener.http_c", "aws_lb_listener_rule.api_c"));
        assertThat(SnapshotMerger.merge(ORIGIN, parts).loadBalancers()).extracting(lb -> lb.id().value())
                .containsExactly("aws_lb.c", "root[\"a\"].aws_lb.a", "root[\"b\"].aws_lb.b");
        // The other side of a comparison has a root clashing with c: c is named apart on this side too.
        assertThat(SnapshotMerger.merge(ORIGIN, parts, java.util.Set.of("c")).loadBalancers())
                .extracting(lb -> lb.id().value())
                .containsExactly("root[\"a\"].aws_lb.a", "root[\"b\"].aws_lb.b", "root[\"c\"].aws_lb.c");
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

        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, roots(twoPorts,
                root("b", "aws_lb_listener.b", "aws_lb_listener_rule.b")));
        assertThat(merged.diagnostics()).isEmpty();
        assertThat(merged.loadBalancers()).extracting(l -> l.id().value()).containsExactly("aws_lb.a", "aws_lb.b");
    }

    @Test
    void eachRootsForwardToATargetGroupAddressBothDefineReachesItsOwnGroup() {
        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, roots(forwarding("a"), forwarding("b")));

        assertThat(merged.complete()).isTrue();
        assertThat(merged.targetGroups()).extracting(t -> t.id().value(), dev.lbguard.model.TargetGroup::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("root[\"a\"].aws_lb_target_group.app", "app-a"),
                        org.assertj.core.groups.Tuple.tuple("root[\"b\"].aws_lb_target_group.app", "app-b"));
        for (int i = 0; i < 2; i++) {
            dev.lbguard.model.RuleAction action = merged.loadBalancers().get(i).listeners().get(0).defaultAction();
            assertThat(action.terminal().isKnown()).isTrue();
            assertThat(dev.lbguard.model.ActionSummary.of(action, merged)).isEqualTo("forward app-" + "ab".charAt(i));
        }
    }

    @Test
    void aForwardToAGroupTheRootDoesNotDeclareKeepsItsName() {
        RoutingSnapshot a = forwarding("a");
        RoutingSnapshot elsewhere = new RoutingSnapshot(ORIGIN, a.loadBalancers(), List.of(), List.of());
        RoutingSnapshot named = RootNames.apart("a", elsewhere);
        RouteAction.Forward f = (RouteAction.Forward) named.loadBalancers().get(0).listeners().get(0).defaultAction()
                .terminal();
        assertThat(f.targets()).extracting(t -> t.targetGroup().value()).containsExactly("aws_lb_target_group.app");
    }

    @Test
    void rulesTwoRootsHangOnAnotherStacksListenerMeetThereNamedApart() {
        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, roots(external("a"), external("b")));

        assertThat(merged.diagnostics()).isEmpty();
        assertThat(merged.loadBalancers()).hasSize(1);
        LoadBalancer platform = merged.loadBalancers().get(0);
        assertThat(platform.id().value()).isEqualTo("external:platform");
        assertThat(platform.listeners()).singleElement().satisfies(l -> {
            assertThat(l.id().value()).isEqualTo("external:platform:443");
            assertThat(l.rules()).extracting(r -> r.id().value())
                    .containsExactly("root[\"a\"].aws_lb_listener_rule.api", "root[\"b\"].aws_lb_listener_rule.api");
        });
    }

    @Test
    void movesAreNamedWithTheirRoot() {
        RoutingSnapshot a = root("a", "aws_lb_listener.http", "aws_lb_listener_rule.api");
        RoutingSnapshot moved = new RoutingSnapshot(ORIGIN, a.loadBalancers(), a.targetGroups(), List.of(),
                List.of(dev.lbguard.model.Move.of("aws_lb_listener_rule.old", "aws_lb_listener_rule.api",
                        SourceRef.of("a/moved.tf", 1, 1))));
        assertThat(RootNames.apart("envs/prod", moved).moves()).singleElement().satisfies(m -> {
            assertThat(m.from().value()).isEqualTo("root[\"envs/prod\"].aws_lb_listener_rule.old");
            assertThat(m.to().value()).isEqualTo("root[\"envs/prod\"].aws_lb_listener_rule.api");
        });
        assertThat(RootNames.prefix("")).isEqualTo("root[\".\"].");
    }

    @Test
    void aLoadBalancerOrGroupShownByItsAddressIsShownByItsNewOne() {
        RoutingSnapshot a = forwarding("a");
        LoadBalancer lb = a.loadBalancers().get(0);
        dev.lbguard.model.TargetGroup tg = a.targetGroups().get(0);
        RoutingSnapshot nameless = new RoutingSnapshot(ORIGIN, List.of(new LoadBalancer(lb.id(), lb.source(),
                lb.id().value(), lb.type(), lb.internal(), lb.listeners())), List.of(new dev.lbguard.model.TargetGroup(
                tg.id(), tg.source(), tg.id().value(), tg.protocol(), tg.port(), tg.targetType(), tg.healthCheck(),
                tg.targets())), List.of());
        RoutingSnapshot named = RootNames.apart("envs/prod", nameless);
        assertThat(named.loadBalancers().get(0).name()).isEqualTo("root[\"envs/prod\"].aws_lb.a");
        assertThat(named.targetGroups().get(0).name()).isEqualTo("root[\"envs/prod\"].aws_lb_target_group.app");
        assertThat(RootNames.apart("envs/prod", a).loadBalancers().get(0).name()).isEqualTo("lb-a");
    }

    @Test
    void aRootNamedApartWhoseDirectoryMovedWithItsFilesIsMovedInTheHead() {
        java.util.Map<String, RoutingSnapshot> base = new java.util.LinkedHashMap<>();
        base.put("envs/dev", forwarding("a"));
        base.put("envs/prod", forwarding("a"));
        java.util.Map<String, RoutingSnapshot> head = new java.util.LinkedHashMap<>();
        head.put("envs/dev", forwarding("a"));
        head.put("envs/production", forwarding("a"));
        List<RoutingSnapshot> pair = SnapshotMerger.pair(ORIGIN, base, ORIGIN, head, java.util.Set.of(),
                (from, to) -> from.equals("envs/prod") && to.equals("envs/production"));

        assertThat(pair.get(0).moves()).isEmpty();
        assertThat(pair.get(1).moves()).extracting(m -> m.from().value() + " -> " + m.to().value())
                .containsExactly("root[\"envs/prod\"] -> root[\"envs/production\"]");
        assertThat(new dev.lbguard.diff.RouteDiffer().diff(pair.get(0), pair.get(1)).changes()).isEmpty();
        // Files that differ (another backend, an edit) make another root: no move.
        assertThat(SnapshotMerger.pair(ORIGIN, base, ORIGIN, head, java.util.Set.of(), (from, to) -> false).get(1)
                .moves()).isEmpty();
    }

    @Test
    void aMovedRootIsNamedApartUnderItsNewDirectoryWhenItClashedOnlyUnderItsOld() {
        // prod deleted, dev moved: the head's one root clashes with nothing, but dev was named apart at the base.
        java.util.Map<String, RoutingSnapshot> base = new java.util.LinkedHashMap<>();
        base.put("envs/a-prod", forwarding("a"));
        base.put("envs/b-dev", forwarding("a"));
        java.util.Map<String, RoutingSnapshot> head = java.util.Map.of("envs/b-development", forwarding("a"));
        List<RoutingSnapshot> pair = SnapshotMerger.pair(ORIGIN, base, ORIGIN, head, java.util.Set.of(),
                (from, to) -> from.equals("envs/b-dev"));

        assertThat(pair.get(1).loadBalancers()).extracting(lb -> lb.id().value())
                .containsExactly("root[\"envs/b-development\"].aws_lb.a");
        assertThat(pair.get(1).moves()).extracting(m -> m.from().value())
                .containsExactly("root[\"envs/b-dev\"]");
        // prod's load balancer is gone, dev's moved: the route diff sees only prod's listener go.
        assertThat(new dev.lbguard.diff.RouteDiffer().diff(pair.get(0), pair.get(1)).changes())
                .extracting(c -> c.listener().value()).containsOnly("root[\"envs/a-prod\"].aws_lb_listener.http_a");
    }

    @Test
    void movedRootsPairOneToOneAndOnlyWhereTheDirectoriesDecide() {
        java.util.Map<String, RoutingSnapshot> base = new java.util.LinkedHashMap<>();
        base.put("envs/dev", forwarding("a"));
        base.put("envs/prod", forwarding("a"));
        java.util.Map<String, RoutingSnapshot> head = new java.util.LinkedHashMap<>();
        head.put("live/dev", forwarding("a"));
        head.put("live/prod", forwarding("a"));
        // Both old directories hold what both new ones hold: their last directories decide.
        assertThat(RootNames.movedRoots(base, head, (from, to) -> true)).extracting(p -> p[0] + " -> " + p[1])
                .containsExactly("envs/dev -> live/dev", "envs/prod -> live/prod");
        head.clear();
        head.put("live/one", forwarding("a"));
        head.put("live/two", forwarding("a"));
        assertThat(RootNames.movedRoots(base, head, (from, to) -> true)).isEmpty();
        // A root at the repository's top has nowhere to move from.
        assertThat(RootNames.movedRoots(java.util.Map.of("", forwarding("a")), java.util.Map.of("x", forwarding("a")),
                (from, to) -> true)).isEmpty();
    }

    /** The roots, each named by the directory of its first load balancer's source. */
    private static java.util.Map<String, RoutingSnapshot> roots(RoutingSnapshot... parts) {
        java.util.Map<String, RoutingSnapshot> roots = new java.util.LinkedHashMap<>();
        for (RoutingSnapshot p : parts) {
            String path = p.loadBalancers().get(0).source().path();
            roots.put(path.substring(0, path.indexOf('/')), p);
        }
        return roots;
    }

    /** A root {@code dir} that hangs rule {@code aws_lb_listener_rule.api} on another stack's HTTPS listener. */
    private static RoutingSnapshot external(String dir) {
        SourceRef at = SourceRef.of(dir + "/main.tf", 1, 1);
        RuleAction fixed = RuleAction.of(new RouteAction.FixedResponse("404", "text/plain", ""));
        Rule r = new Rule(ElementId.of("aws_lb_listener_rule.api"), at, Priority.of(dir.equals("a") ? 10 : 20),
                List.of(dev.lbguard.model.Condition.of(dev.lbguard.model.ConditionType.PATH_PATTERN,
                        List.of("/" + dir + "/*"))), fixed);
        Listener l = new Listener(ElementId.of("external:platform:443"), at, "HTTPS", 443, Optional.empty(), List.of(),
                fixed, List.of(r));
        return new RoutingSnapshot(ORIGIN, List.of(new LoadBalancer(ElementId.of("external:platform"), at,
                "platform (external)", LoadBalancerType.APPLICATION, false, List.of(l))), List.of(), List.of());
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

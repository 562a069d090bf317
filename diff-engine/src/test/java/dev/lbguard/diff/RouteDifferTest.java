package dev.lbguard.diff;

import static dev.lbguard.diff.DiffFixtures.NOT_FOUND;
import static dev.lbguard.diff.DiffFixtures.forward;
import static dev.lbguard.diff.DiffFixtures.http;
import static dev.lbguard.diff.DiffFixtures.listener;
import static dev.lbguard.diff.DiffFixtures.redirect;
import static dev.lbguard.diff.DiffFixtures.rule;
import static dev.lbguard.diff.DiffFixtures.snapshot;
import static dev.lbguard.diff.DiffFixtures.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Priority;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteDifferTest {
    private final RouteDiffer differ = new RouteDiffer();

    private RouteDiff diff(RoutingSnapshot base, RoutingSnapshot head) {
        RouteDiff d = differ.diff(base, head);
        RouteEvaluator evaluator = new RouteEvaluator();
        for (RouteChange c : d.changes()) {
            // Every reported witness lies in its class and really moves.
            assertThat(c.match().contains(c.example())).as(c.match().describe()).isTrue();
            if (c.before().kind() != Destination.Kind.UNKNOWN || c.after().kind() != Destination.Kind.UNKNOWN) {
                assertThat(c.before().routesAlike(c.after(), Reach.of(base, head))).isFalse();
            }
        }
        return d;
    }

    private static String tg(Destination d) {
        return d.action().map(Object::toString).orElse(d.kind().toString());
    }

    @Test
    void identicalSnapshotsHaveNoChange() {
        RoutingSnapshot s = snapshot(http(rule("api", 10, Condition.hostHeader("api.example.com")),
                rule("static", 20, Condition.pathPattern("/static/*"))));
        RouteDiff d = diff(s, s);
        assertThat(d.changes()).isEmpty();
        assertThat(d.undecided()).isEmpty();
        // An untouched, fully known listener routes every request alike and is not partitioned at all.
        assertThat(d.classesCompared()).isZero();
    }

    @Test
    void swappingPrioritiesOfOverlappingRulesMovesOnlyTheOverlap() {
        Rule api = rule("api", 10, Condition.hostHeader("api.example.com"));
        Rule stat = rule("static", 20, Condition.pathPattern("/static/*"));
        RoutingSnapshot base = snapshot(http(api, stat));
        RoutingSnapshot head = snapshot(http(rule("api", 20, Condition.hostHeader("api.example.com")),
                rule("static", 10, Condition.pathPattern("/static/*"))));
        RouteDiff d = diff(base, head);
        assertThat(d.changes()).hasSize(1);
        RouteChange c = d.changes().get(0);
        assertThat(c.match().describe()).isEqualTo("host=api.example.com path=/static/*");
        assertThat(c.example().host()).isEqualTo("api.example.com");
        assertThat(c.example().path()).startsWith("/static/");
        assertThat(c.before().rule()).contains(ElementId.of("aws_lb_listener_rule.api"));
        assertThat(c.after().rule()).contains(ElementId.of("aws_lb_listener_rule.static"));
    }

    @Test
    void newCatchAllAboveSpecificRulesTakesEverything() {
        Rule api = rule("api", 10, Condition.hostHeader("api.example.com"));
        RoutingSnapshot base = snapshot(http(api));
        RoutingSnapshot head = snapshot(http(api, rule("all", 1, forward("tg-all"))));
        RouteDiff d = diff(base, head);
        assertThat(d.changes()).extracting(c -> tg(c.before()))
                .containsExactlyInAnyOrder("forward tg-api (1)", NOT_FOUND.toString());
        assertThat(d.changes()).allSatisfy(c -> assertThat(tg(c.after())).isEqualTo("forward tg-all (1)"));
    }

    @Test
    void wildcardHostAgainstExactHost() {
        RoutingSnapshot base = snapshot(http(rule("wild", 10, Condition.hostHeader("*.example.com"))));
        RoutingSnapshot head = snapshot(http(rule("wild", 10, Condition.hostHeader("api.example.com"))));
        RouteDiff d = diff(base, head);
        assertThat(d.changes()).hasSize(1);
        RouteChange c = d.changes().get(0);
        assertThat(c.match().describe()).isEqualTo("host=*.example.com (not api.example.com)");
        assertThat(c.example().host()).endsWith(".example.com").isNotEqualTo("api.example.com");
        assertThat(tg(c.after())).isEqualTo(NOT_FOUND.toString());
    }

    @Test
    void pathPatternsCompareWithCase() {
        RoutingSnapshot base = snapshot(http(rule("p", 10, Condition.pathPattern("/API/*"))));
        RoutingSnapshot head = snapshot(http(rule("p", 10, Condition.pathPattern("/api/*"))));
        RouteDiff d = diff(base, head);
        assertThat(d.changes()).extracting(c -> c.match().describe())
                .containsExactlyInAnyOrder("path=/API/*", "path=/api/*");
    }

    @Test
    void hostPatternsCompareWithoutCase() {
        RoutingSnapshot base = snapshot(http(rule("h", 10, Condition.hostHeader("API.example.com"))));
        RoutingSnapshot head = snapshot(http(rule("h", 10, Condition.hostHeader("api.EXAMPLE.com"))));
        assertThat(diff(base, head).changes()).isEmpty();
    }

    @Test
    void methodChange() {
        RoutingSnapshot base = snapshot(http(rule("m", 10, Condition.httpRequestMethod("GET", "HEAD"))));
        RoutingSnapshot head = snapshot(http(rule("m", 10, Condition.httpRequestMethod("GET"))));
        RouteDiff d = diff(base, head);
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.match().describe()).isEqualTo("method=HEAD");
            assertThat(c.example().method()).isEqualTo("HEAD");
        });
    }

    @Test
    void headerChangeIncludingAbsence() {
        RoutingSnapshot base = snapshot(http(rule("canary", 10, Condition.httpHeader("X-Canary", "on"))));
        RoutingSnapshot head = snapshot(http(rule("canary", 10, Condition.httpHeader("x-canary", "o*"))));
        RouteDiff d = diff(base, head);
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.match().describe()).isEqualTo("header:x-canary=o* (not on)");
            assertThat(c.example().headerValues("X-Canary")).singleElement().asString().startsWith("o").isNotEqualTo("on");
        });
        // Requests without the header stay on the default, and are not reported.
        assertThat(d.changes().get(0).match().contains(Request.of("example.com", "/"))).isFalse();
    }

    @Test
    void aHeaderAnyValueButOneIsShownWithAValueAPersonWouldSend() {
        RoutingSnapshot base = snapshot(http(rule("canary", 10, Condition.httpHeader("X-Canary", "on"))));
        RoutingSnapshot head = snapshot(http(rule("canary", 10, Condition.httpHeader("X-Canary", "*"))));
        assertThat(diff(base, head).changes()).singleElement().satisfies(c -> {
            assertThat(c.match().describe()).isEqualTo("header:x-canary=* (not on)");
            assertThat(c.example().headerValues("X-Canary")).containsExactly("example");
        });
        RoutingSnapshot example = snapshot(http(rule("canary", 10, Condition.httpHeader("X-Canary", "example"))));
        assertThat(diff(example, head).changes()).singleElement().satisfies(c ->
                assertThat(c.example().headerValues("X-Canary")).singleElement().asString().isNotEmpty()
                        .isNotEqualTo("example"));
    }

    @Test
    void queryChange() {
        RoutingSnapshot base = snapshot(http(rule("q", 10, Condition.queryString(QueryPair.of("v", "1")))));
        RoutingSnapshot head = snapshot(http(rule("q", 10, Condition.queryString(QueryPair.of("v", "1"),
                QueryPair.of("version", "*")))));
        RouteDiff d = diff(base, head);
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.match().describe()).isEqualTo("query=version=* (not v=1)");
            assertThat(c.example().query()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("version"));
        });
        Request both = Request.of("example.com", "/").withQuery("version", "2").withQuery("v", "1");
        assertThat(d.changes().get(0).match().contains(both)).isFalse();
    }

    @Test
    void sourceIpWidening() {
        RoutingSnapshot base = snapshot(http(rule("office", 10, Condition.sourceIp("10.1.0.0/16"))));
        RoutingSnapshot head = snapshot(http(rule("office", 10, Condition.sourceIp("10.0.0.0/8"))));
        RouteDiff d = diff(base, head);
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.match().describe()).isEqualTo("source-ip=10.0.0.0/8 (not 10.1.0.0/16)");
            assertThat(c.example().sourceIp()).hasValueSatisfying(ip -> assertThat(ip).startsWith("10."));
        });
    }

    @Test
    void ipv6BlocksAreSeparateFromIpv4() {
        RoutingSnapshot base = snapshot(http(rule("v6", 10, Condition.sourceIp("2001:db8::/32"))));
        RoutingSnapshot head = snapshot(http(rule("v6", 10, Condition.sourceIp("2001:db8::/32", "10.0.0.0/8"))));
        RouteDiff d = diff(base, head);
        assertThat(d.changes()).singleElement()
                .satisfies(c -> assertThat(c.match().describe()).isEqualTo("source-ip=10.0.0.0/8"));
    }

    @Test
    void weightSwapIsAChangeButScaleIsNot() {
        RoutingSnapshot base = snapshot(http(rule("w", 10, weighted("tg-a", 90, "tg-b", 10),
                Condition.pathPattern("/w"))));
        RoutingSnapshot head = snapshot(http(rule("w", 10, weighted("tg-a", 10, "tg-b", 90),
                Condition.pathPattern("/w"))));
        assertThat(diff(base, head).changes()).singleElement()
                .satisfies(c -> assertThat(c.match().describe()).isEqualTo("path=/w"));
        RoutingSnapshot scaled = snapshot(http(rule("w", 10, weighted("tg-a", 9, "tg-b", 1),
                Condition.pathPattern("/w"))));
        assertThat(diff(base, scaled).changes()).isEmpty();
        RoutingSnapshot allA = snapshot(http(rule("w", 10, weighted("tg-a", 100, "tg-b", 0), Condition.pathPattern("/w"))));
        RoutingSnapshot allB = snapshot(http(rule("w", 10, weighted("tg-a", 0, "tg-b", 100), Condition.pathPattern("/w"))));
        assertThat(diff(allA, allB).changes()).hasSize(1);
        RoutingSnapshot plainA = snapshot(http(rule("w", 10, forward("tg-a"), Condition.pathPattern("/w"))));
        assertThat(diff(allA, plainA).changes()).isEmpty();
    }

    @Test
    void redirectChange() {
        RoutingSnapshot base = snapshot(http(rule("r", 10, redirect("a.example.com"), Condition.pathPattern("/old/*"))));
        RoutingSnapshot head = snapshot(http(rule("r", 10, redirect("b.example.com"), Condition.pathPattern("/old/*"))));
        assertThat(diff(base, head).changes()).singleElement()
                .satisfies(c -> assertThat(c.match().describe()).isEqualTo("path=/old/*"));
    }

    @Test
    void listenerRemovedAndAdded() {
        RoutingSnapshot base = snapshot(http(rule("api", 10, Condition.hostHeader("api.example.com"))));
        RoutingSnapshot head = snapshot();
        RouteDiff removed = diff(base, head);
        assertThat(removed.changes()).hasSize(2)
                .allSatisfy(c -> assertThat(c.after().kind()).isEqualTo(Destination.Kind.NO_LISTENER));
        RouteDiff added = diff(head, base);
        assertThat(added.changes()).hasSize(2)
                .allSatisfy(c -> assertThat(c.before().kind()).isEqualTo(Destination.Kind.NO_LISTENER));
    }

    @Test
    void listenerRecreatedUnderNewAddressOnTheSamePortIsCompared() {
        Rule api = rule("api", 10, Condition.hostHeader("api.example.com"));
        RoutingSnapshot base = snapshot(listener("old", 80, NOT_FOUND, List.of(api)));
        RoutingSnapshot head = snapshot(listener("new", 80, NOT_FOUND, List.of(api)));
        assertThat(diff(base, head).changes()).isEmpty();
    }

    @Test
    void aSecondListenerOnAPortRemovedLeavesThePortToTheOtherNotToNoListener() {
        Rule api = rule("api", 10, Condition.hostHeader("api.example.com"));
        Listener main = listener("main", 443, forward("tg-web"), List.of(api));
        Listener dup = listener("dup", 443, NOT_FOUND, List.of());
        RouteDiff removed = diff(snapshot(main, dup), snapshot(main));
        assertThat(removed.changes()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.after().kind()).isEqualTo(Destination.Kind.ACTION);
            assertThat(c.before().kind()).isEqualTo(Destination.Kind.ACTION);
        });
        assertThat(diff(snapshot(main), snapshot(main, dup)).changes()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.before().kind()).isEqualTo(Destination.Kind.ACTION));
        assertThat(diff(snapshot(main, dup), snapshot()).changes())
                .allSatisfy(c -> assertThat(c.after().kind()).isEqualTo(Destination.Kind.NO_LISTENER));
    }

    @Test
    void aListenerOfUnknownPortRemovedLeavesItsRequestsWithNoListener() {
        Listener one = listener("one", 0, forward("tg-a"), List.of());
        Listener two = listener("two", 0, forward("tg-b"), List.of());
        assertThat(diff(snapshot(one, two), snapshot(one)).changes()).singleElement()
                .satisfies(c -> assertThat(c.after().kind()).isEqualTo(Destination.Kind.NO_LISTENER));
    }

    @Test
    void theClassesOfANewListenerAreCountedAsNewlyServedNotAsCutOver() {
        Rule api = rule("api", 10, Condition.hostHeader("api.example.com"));
        Rule web = rule("web", 20, Condition.hostHeader("www.example.com"));
        Listener http = listener("http", 80, forward("tg-a"), List.of());
        Listener moved = listener("http", 80, forward("tg-b"), List.of());
        Listener alt = listener("alt", 8080, NOT_FOUND, List.of(api, web));
        RouteDiff d = diff(snapshot(http), snapshot(moved, alt));
        assertThat(d.newlyServed()).isEqualTo(d.classesCompared() - 1);
        assertThat(d.movedServed()).isEqualTo(1);
        assertThat(d.shareMoved()).isEqualTo(1.0);
    }

    @Test
    void theSameListenerMovedToAnotherPortLeavesItsOldPortsRequestsWithNoListener() {
        Rule api = rule("api", 10, Condition.hostHeader("api.example.com"));
        RoutingSnapshot base = snapshot(listener("https", 443, NOT_FOUND, List.of(api)));
        RoutingSnapshot head = snapshot(listener("https", 8443, NOT_FOUND, List.of(api)));
        RouteDiff moved = diff(base, head);
        assertThat(moved.changes()).hasSize(4);
        assertThat(moved.changes()).filteredOn(c -> c.after().kind() == Destination.Kind.NO_LISTENER).hasSize(2);
        assertThat(moved.changes()).filteredOn(c -> c.before().kind() == Destination.Kind.NO_LISTENER).hasSize(2);
    }

    @Test
    void renamingRulesWithoutMovingTrafficIsNoChange() {
        RoutingSnapshot base = snapshot(http(rule("api", 10, Condition.hostHeader("api.example.com")),
                rule("web", 20, forward("tg-web"), Condition.hostHeader("www.example.com"))));
        RoutingSnapshot head = snapshot(http(rule("api_v2", 5, forward("tg-api"), Condition.hostHeader("api.example.com")),
                rule("www", 30, forward("tg-web"), Condition.hostHeader("www.example.com"))));
        assertThat(diff(base, head).changes()).isEmpty();
    }

    private static dev.lbguard.model.TargetGroup group(String id, String name, int port, String... targets) {
        List<dev.lbguard.model.Target> ts = new java.util.ArrayList<>();
        for (String t : targets) {
            ts.add(new dev.lbguard.model.Target(ElementId.of("aws_lb_target_group_attachment." + t), DiffFixtures.SRC, t,
                    java.util.OptionalInt.empty()));
        }
        return new dev.lbguard.model.TargetGroup(ElementId.of(id), DiffFixtures.SRC, name, "HTTP", port, "ip",
                new dev.lbguard.model.HealthCheck(true, "HTTP", "traffic-port", "/", "200", 30, 5, 3, 3), ts);
    }

    private static RoutingSnapshot withGroups(RoutingSnapshot s, List<dev.lbguard.model.Move> moves,
                                              dev.lbguard.model.TargetGroup... groups) {
        return RoutingSnapshot.of(s.origin(), s.loadBalancers(), List.of(groups), List.of(), moves);
    }

    /** Issue 20: a target group renamed with moved and otherwise unchanged reaches the same place. */
    @Test
    void aTargetGroupRenamedWithMovedIsNoChange() {
        RoutingSnapshot base = withGroups(snapshot(http(rule("api", 10, weighted("aws_lb_target_group.a", 80,
                "aws_lb_target_group.b", 20), Condition.hostHeader("api.example.com")))), List.of(),
                group("aws_lb_target_group.a", "svc-a", 8080), group("aws_lb_target_group.b", "svc-b", 8080, "10.0.1.20"));
        List<dev.lbguard.model.Move> moves = List.of(
                dev.lbguard.model.Move.of("aws_lb_target_group.a", "aws_lb_target_group.z", DiffFixtures.SRC),
                dev.lbguard.model.Move.of("aws_lb_target_group.b", "aws_lb_target_group.c", DiffFixtures.SRC));
        // The rename also swaps the order the two groups sort in.
        RoutingSnapshot head = withGroups(snapshot(http(rule("api", 10, weighted("aws_lb_target_group.c", 20,
                "aws_lb_target_group.z", 80), Condition.hostHeader("api.example.com")))), moves,
                group("aws_lb_target_group.z", "svc-a", 8080), group("aws_lb_target_group.c", "svc-b", 8080, "10.0.1.20"));
        assertThat(diff(base, head).changes()).isEmpty();
        assertThat(diff(head, base).changes()).isEmpty();
        // Without the moves, the new addresses are new groups: Terraform destroys and re-creates them.
        RoutingSnapshot unmoved = withGroups(head, List.of(), head.targetGroups().toArray(dev.lbguard.model.TargetGroup[]::new));
        assertThat(diff(base, unmoved).changes()).hasSize(1);
    }

    /** What a request reaches is the group's name, protocol, port and targets, not its address alone. */
    @Test
    void aTargetGroupThatNowReachesOtherTargetsOrPortsIsAChange() {
        RoutingSnapshot routes = snapshot(http(rule("api", 10, forward("aws_lb_target_group.a"),
                Condition.hostHeader("api.example.com"))));
        RoutingSnapshot base = withGroups(routes, List.of(), group("aws_lb_target_group.a", "svc-a", 8080, "10.0.1.10"));
        assertThat(diff(base, withGroups(routes, List.of(), group("aws_lb_target_group.a", "svc-a", 8080, "10.0.1.10")))
                .changes()).isEmpty();
        assertThat(diff(base, withGroups(routes, List.of(), group("aws_lb_target_group.a", "svc-a", 9090, "10.0.1.10")))
                .changes()).singleElement().satisfies(c -> assertThat(c.match().describe()).isEqualTo("host=api.example.com"));
        assertThat(diff(base, withGroups(routes, List.of(), group("aws_lb_target_group.a", "svc-a", 8080, "10.0.1.11")))
                .changes()).hasSize(1);
    }

    /**
     * Targets a configuration does not list (an Auto Scaling group registers them) are not compared: a drift audit
     * of live groups full of targets against git, which lists none, is no route change.
     */
    @Test
    void targetsCountOnlyWhereBothSidesListSome() {
        RoutingSnapshot routes = snapshot(http(rule("api", 10, forward("aws_lb_target_group.a"),
                Condition.hostHeader("api.example.com"))));
        RoutingSnapshot git = withGroups(routes, List.of(), group("aws_lb_target_group.a", "svc-a", 8080));
        RoutingSnapshot live = withGroups(routes, List.of(), group("aws_lb_target_group.a", "svc-a", 8080,
                "10.0.1.10", "10.0.1.11"));
        assertThat(diff(git, live).changes()).isEmpty();
        assertThat(diff(live, git).changes()).isEmpty();
        // What the group is still counts.
        assertThat(diff(git, withGroups(routes, List.of(), group("aws_lb_target_group.a", "svc-a", 9090,
                "10.0.1.10"))).changes()).hasSize(1);
    }

    /** Issue 20: a load balancer and its listener renamed with moved are the same listener. */
    @Test
    void aListenerAndLoadBalancerRenamedWithMovedAreNoChange() {
        Rule api = rule("api", 10, Condition.hostHeader("api.example.com"));
        RoutingSnapshot base = snapshot(listener("https", 443, NOT_FOUND, List.of(api)));
        dev.lbguard.model.LoadBalancer lb = base.loadBalancers().get(0);
        dev.lbguard.model.Listener l = lb.listeners().get(0);
        dev.lbguard.model.Listener renamedListener = new dev.lbguard.model.Listener(ElementId.of("aws_lb_listener.tls"),
                l.source(), l.protocol(), l.port(), l.sslPolicy(), l.certificates(), l.defaultAction(), l.rules());
        // A new address and a new name tag: only the moves say it is the same load balancer.
        dev.lbguard.model.LoadBalancer renamedLb = new dev.lbguard.model.LoadBalancer(ElementId.of("aws_lb.public"),
                lb.source(), "web2", lb.type(), lb.internal(), List.of(renamedListener));
        List<dev.lbguard.model.Move> moves = List.of(
                dev.lbguard.model.Move.of("aws_lb.web", "aws_lb.public", DiffFixtures.SRC),
                dev.lbguard.model.Move.of("aws_lb_listener.https", "aws_lb_listener.tls", DiffFixtures.SRC));
        RoutingSnapshot head = RoutingSnapshot.of(base.origin(), List.of(renamedLb), List.of(), List.of(), moves);
        assertThat(diff(base, head).changes()).isEmpty();
        RoutingSnapshot unmoved = RoutingSnapshot.of(base.origin(), List.of(renamedLb), List.of(), List.of());
        assertThat(diff(base, unmoved).changes()).isNotEmpty();
    }

    /** Issue 20: the class printed must be exactly the requests that move, not a wider pattern. */
    @Test
    void aClassIsNoWiderThanWhatMoves() {
        Rule x = rule("x", 10, forward("svc-a"), Condition.hostHeader("?pi.example.com"));
        RoutingSnapshot base = snapshot(http(x));
        RoutingSnapshot head = snapshot(http(x, rule("y", 5, forward("svc-b"), Condition.hostHeader("*api.example.com"))));
        RouteDiff d = diff(base, head);
        Request zpi = Request.of("zpi.example.com", "/");
        Request api = Request.of("api.example.com", "/");
        assertThat(d.changes()).filteredOn(c -> c.match().contains(zpi)).isEmpty();
        assertThat(d.changes()).filteredOn(c -> c.match().contains(api)).singleElement()
                .satisfies(c -> assertThat(tg(c.after())).isEqualTo("forward svc-b (1)"));
        // Written with one entry per field (as the JSON report keys them), the class is the one host that moves.
        assertThat(d.changes()).filteredOn(c -> c.match().contains(api)).singleElement()
                .satisfies(c -> assertThat(c.match().describe()).isEqualTo("host=api.example.com"));
        assertThat(d.changes()).allSatisfy(c -> assertThat(c.match().fields().stream()
                .map(RequestClass.FieldPatterns::field).toList()).doesNotHaveDuplicates());
    }

    @Test
    void unknownConditionIsUndecidedNotAChange() {
        Rule unknown = new Rule(ElementId.of("aws_lb_listener_rule.u"), DiffFixtures.SRC, Priority.of(10),
                List.of(Condition.hostHeader("api.example.com").withUnknown("var.extra_hosts")), forward("tg-u"));
        RoutingSnapshot s = snapshot(http(unknown));
        RouteDiff same = diff(s, s);
        assertThat(same.changes()).isEmpty();
        assertThat(same.undecided()).singleElement().satisfies(c -> {
            assertThat(c.match().describe()).isEqualTo("host=* (not api.example.com)");
            assertThat(c.before().kind()).isEqualTo(Destination.Kind.UNKNOWN);
        });
        // Known on one side, unknown on the other: a change, and undecided.
        RoutingSnapshot known = snapshot(http(rule("u", 10, Condition.hostHeader("api.example.com"))));
        RouteDiff d = diff(known, s);
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.before().kind()).isEqualTo(Destination.Kind.ACTION);
            assertThat(c.after().kind()).isEqualTo(Destination.Kind.UNKNOWN);
        });
        assertThat(d.undecided()).hasSize(1);
    }

    @Test
    void aChangeBehindAnUnknownRuleMayMoveTheRequestsThatRuleMightNotTake() {
        Rule www = new Rule(ElementId.of("aws_lb_listener_rule.www"), DiffFixtures.SRC, Priority.of(50),
                List.of(Condition.hostHeader().withUnknown("var.dom")), NOT_FOUND);
        RoutingSnapshot before = snapshot(http(www, rule("doc", 100, forward("tg-a"), Condition.hostHeader("doc.*"))));
        RoutingSnapshot after = snapshot(http(www, rule("doc", 100, forward("tg-b"), Condition.hostHeader("doc.*"))));
        RouteDiff d = diff(before, after);
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.match().describe()).isEqualTo("host=doc.*");
            assertThat(c.before().kind()).isEqualTo(Destination.Kind.UNKNOWN);
            assertThat(c.after().kind()).isEqualTo(Destination.Kind.UNKNOWN);
        });
        // Nothing behind it changed: undecided, as before, and no change.
        assertThat(diff(before, before).changes()).isEmpty();
        // The unknown rule's own action changed: the requests it may take may move.
        Rule www410 = new Rule(www.id(), www.source(), www.priority(), www.conditions(), forward("tg-gone"));
        RoutingSnapshot actionChanged = snapshot(http(www410, rule("doc", 100, forward("tg-a"),
                Condition.hostHeader("doc.*"))));
        assertThat(diff(before, actionChanged).changes()).isNotEmpty();
    }

    /** Shrunk from RouteDiffProperties: with an unknown condition, a later condition still decides unknown vs false. */
    @Test
    void aRuleWithAnUnknownConditionSplitsOnEachCondition() {
        Rule partly = new Rule(ElementId.of("aws_lb_listener_rule.p"), DiffFixtures.SRC, Priority.of(4),
                List.of(Condition.hostHeader("a.example.com").withUnknown("var.more"), Condition.hostHeader("b.example.com")),
                forward("tg-a"));
        Rule rest = rule("rest", 6, forward("tg-b"));
        RoutingSnapshot base = snapshot(http(partly, rest));
        RoutingSnapshot head = snapshot(http(partly, rule("office", 5, forward("tg-a"), Condition.sourceIp("10.0.0.0/8")),
                rest));
        RouteDiff d = diff(base, head);
        Request b = Request.of("b.example.com", "/").withSourceIp("10.1.2.3");
        // Unknown on both sides at the same rule, but what follows it changed (rest, tg-b, then office, tg-a): may move.
        assertThat(d.changes()).anyMatch(c -> c.match().contains(b));
        assertThat(d.undecided()).anyMatch(c -> c.match().contains(b));
        Request outside = Request.of("b.example.com", "/").withSourceIp("192.0.2.1");
        assertThat(d.changes()).noneMatch(c -> c.match().contains(outside));
        assertThat(d.undecided()).anyMatch(c -> c.match().contains(outside));
        assertThat(d.changes()).anyMatch(c -> c.match().contains(Request.of("c.example.com", "/").withSourceIp("10.1.2.3")));
    }

    @Test
    void mergedClassesStayShortAndExact() {
        // Ten hosts change target together: one class per host would be noise; hosts differ, so no merge is
        // possible beyond what one product can say, but each class is exactly one host.
        Rule[] base = new Rule[10];
        Rule[] head = new Rule[10];
        for (int i = 0; i < 10; i++) {
            base[i] = rule("h" + i, 10 + i, forward("tg-old"), Condition.hostHeader("h" + i + ".example.com"),
                    Condition.pathPattern("/api/*"));
            head[i] = rule("h" + i, 10 + i, forward("tg-new"), Condition.hostHeader("h" + i + ".example.com"),
                    Condition.pathPattern("/api/*"));
        }
        RouteDiff d = diff(snapshot(http(base)), snapshot(http(head)));
        assertThat(d.changes()).hasSize(10).allSatisfy(c -> assertThat(c.match().describe()).matches("host=h\\d\\.example\\.com path=/api/\\*"));
    }

    @Test
    void siblingsWithEqualDestinationsMerge() {
        // The method split is invisible in the result: GET and other methods both move from the default to tg-all.
        RoutingSnapshot base = snapshot(http(rule("get", 10, forward("tg-x"), Condition.httpRequestMethod("GET"),
                Condition.pathPattern("/x"))));
        RoutingSnapshot head = snapshot(http(rule("get", 10, forward("tg-x"), Condition.httpRequestMethod("GET"),
                Condition.pathPattern("/x")), rule("all", 20, forward("tg-all"), Condition.pathPattern("/y"))));
        assertThat(diff(base, head).changes()).singleElement()
                .satisfies(c -> assertThat(c.match().describe()).isEqualTo("path=/y"));
    }

    @Test
    void networkListenersHaveOneClass() {
        RoutingSnapshot base = snapshot(listenerOf("TCP", forward("tg-a")));
        RoutingSnapshot head = snapshot(listenerOf("TCP", forward("tg-b")));
        RouteDiff d = diff(base, head);
        assertThat(d.classesCompared()).isEqualTo(1);
        assertThat(d.changes()).singleElement().satisfies(c -> assertThat(c.match().describe()).isEqualTo("every request"));
    }

    private static dev.lbguard.model.Listener listenerOf(String protocol, dev.lbguard.model.RuleAction action) {
        return new dev.lbguard.model.Listener(ElementId.of("aws_lb_listener.tcp"), DiffFixtures.SRC, protocol, 443,
                java.util.Optional.empty(), List.of(), action, List.of());
    }

    @Test
    void hostsWithPortsAreComparedWithoutThem() {
        RoutingSnapshot base = snapshot(http(rule("p", 10, Condition.hostHeader("a.example.com:8080"))));
        RoutingSnapshot head = snapshot(http(rule("p", 10, Condition.hostHeader("b.example.com"))));
        // The evaluator strips ":8080" from a request's host, so base's rule takes no request at all.
        RouteDiff d = diff(base, head);
        assertThat(d.changes()).singleElement()
                .satisfies(c -> assertThat(c.match().describe()).isEqualTo("host=b.example.com"));
    }

    @Test
    void patternOnlyClassesStillAnswerContains() {
        RequestClass c = new RequestClass(List.of(new RequestClass.FieldPatterns("host", List.of("*.example.com"),
                List.of("api.example.com")), new RequestClass.FieldPatterns("query", List.of("v=1"), List.of())));
        assertThat(c.contains(Request.of("www.example.com", "/").withQuery("V", "1"))).isTrue();
        assertThat(c.contains(Request.of("api.example.com", "/").withQuery("v", "1"))).isFalse();
        assertThat(c.contains(Request.of("www.example.com", "/"))).isFalse();
    }
}

package dev.lbguard.policy.rules;

import static dev.lbguard.policy.TestModel.at;
import static dev.lbguard.policy.TestModel.ctx;
import static dev.lbguard.policy.TestModel.fixed;
import static dev.lbguard.policy.TestModel.forward;
import static dev.lbguard.policy.TestModel.healthCheck;
import static dev.lbguard.policy.TestModel.https;
import static dev.lbguard.policy.TestModel.id;
import static dev.lbguard.policy.TestModel.lb;
import static dev.lbguard.policy.TestModel.listener;
import static dev.lbguard.policy.TestModel.redirectToHttps;
import static dev.lbguard.policy.TestModel.renamed;
import static dev.lbguard.policy.TestModel.routeChange;
import static dev.lbguard.policy.TestModel.rule;
import static dev.lbguard.policy.TestModel.snapshot;
import static dev.lbguard.policy.TestModel.tg;
import static dev.lbguard.policy.TestModel.viaDefault;
import static dev.lbguard.policy.TestModel.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diff.Destination;
import dev.lbguard.diff.ElementKind;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.Condition;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.policy.Finding;
import dev.lbguard.policy.RuleResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Unit tests of LBG006 to LBG014 on hand-built snapshots and diffs, one nested class per rule. */
class ChangeRulesTest {
    private static RoutingSnapshot one(dev.lbguard.model.Listener... listeners) {
        return snapshot(lb("aws_lb.edge", 1, false, listeners));
    }

    @Nested
    class MostTrafficCutOverTest {
        private final MostTrafficCutOver rule = new MostTrafficCutOver();

        @Test
        void aWeightSwingOfFiftyPointsIsACutOver() {
            var base = one(listener("aws_lb_listener.http", 5, "HTTP", 80, weighted("blue", 100, "green", 0)));
            var head = one(listener("aws_lb_listener.http", 6, "HTTP", 80, weighted("blue", 50, "green", 50)));
            assertThat(rule.evaluate(ctx(base, head)).findings()).singleElement().satisfies(f -> {
                assertThat(f.source().line()).isEqualTo(6);
                assertThat(f.message()).contains("moves 50%").contains("blue 100% to 50%");
            });
        }

        @Test
        void aSmallSwingIsNot() {
            var base = one(listener("aws_lb_listener.http", 5, "HTTP", 80, weighted("blue", 90, "green", 10)));
            var head = one(listener("aws_lb_listener.http", 5, "HTTP", 80, weighted("blue", 60, "green", 40)));
            assertThat(rule.evaluate(ctx(base, head)).findings()).isEmpty();
        }

        @Test
        void mostRequestClassesMovingIsACutOverOnTheBusiestListener() {
            var l = listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404"));
            var moved = new RouteDiff(List.of(
                    routeChange("aws_lb_listener.http", "/a", viaDefault(fixed("404")), viaDefault(fixed("503"))),
                    routeChange("aws_lb_listener.http", "/b", viaDefault(fixed("404")), viaDefault(fixed("503")))), 3);
            assertThat(rule.evaluate(ctx(one(l), one(l), List.of(), moved)).findings()).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("2 of 3 request classes (67%)"));
            var half = new RouteDiff(moved.changes(), 4);
            assertThat(rule.evaluate(ctx(one(l), one(l), List.of(), half)).findings()).isEmpty();
        }

        @Test
        void aCanaryStepMovesPartOfEachClassNotTheClass() {
            var base = one(listener("aws_lb_listener.http", 5, "HTTP", 80, weighted("blue", 90, "green", 10)));
            var head = one(listener("aws_lb_listener.http", 5, "HTTP", 80, weighted("blue", 75, "green", 25)));
            var step = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/*",
                    viaDefault(weighted("blue", 90, "green", 10)), viaDefault(weighted("blue", 75, "green", 25)))), 1);
            assertThat(rule.evaluate(ctx(base, head, List.of(), step)).findings()).isEmpty();
            assertThat(step.movedServed()).isZero();
            var cut = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/*",
                    viaDefault(weighted("blue", 90, "green", 10)), viaDefault(weighted("blue", 0, "green", 100)))), 1);
            assertThat(cut.movedServed()).isEqualTo(1);
        }

        @Test
        void requestsANewListenerStartsToServeAreNoCutOver() {
            var l = listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404"));
            var opened = new RouteDiff(List.of(
                    routeChange("aws_lb_listener.alt", "/a", dev.lbguard.diff.Destination.noListener(),
                            viaDefault(fixed("503"))),
                    routeChange("aws_lb_listener.alt", "/b", dev.lbguard.diff.Destination.noListener(),
                            viaDefault(fixed("503")))), 2);
            assertThat(rule.evaluate(ctx(one(l), one(l), List.of(), opened)).findings()).isEmpty();
            assertThat(opened.shareMoved()).isZero();
            var withOne = new RouteDiff(List.of(opened.changes().get(0), opened.changes().get(1),
                    routeChange("aws_lb_listener.http", "/c", viaDefault(fixed("404")), viaDefault(fixed("503")))), 3);
            assertThat(rule.evaluate(ctx(one(l), one(l), List.of(), withOne)).findings()).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("1 of 1 request classes (100%)")
                            .contains("aws_lb_listener.http"));
        }
    }

    @Nested
    class TlsWeakenedTest {
        private final TlsWeakened rule = new TlsWeakened();

        @Test
        void aWeakerPolicyIsFlagged() {
            var base = one(https("aws_lb_listener.https", 5, "ELBSecurityPolicy-TLS13-1-2-2021-06", fixed("404")));
            var head = one(https("aws_lb_listener.https", 5, "ELBSecurityPolicy-TLS-1-1-2017-01", fixed("404")));
            assertThat(rule.evaluate(ctx(base, head)).findings()).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("to the weaker ELBSecurityPolicy-TLS-1-1-2017-01"));
            assertThat(rule.evaluate(ctx(head, base)).findings()).isEmpty();
        }

        @Test
        void httpsTurnedHttpIsFlagged() {
            var base = one(https("aws_lb_listener.web", 5, "ELBSecurityPolicy-TLS13-1-2-2021-06", fixed("404")));
            var head = one(listener("aws_lb_listener.web", 5, "HTTP", 80, fixed("404")));
            assertThat(rule.evaluate(ctx(base, head)).findings()).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("no longer encrypted"));
        }

        @Test
        void anUnknownPolicyIsInconclusive() {
            var base = one(https("aws_lb_listener.https", 5, "ELBSecurityPolicy-TLS13-1-2-2021-06", fixed("404")));
            var head = one(https("aws_lb_listener.https", 5, "ELBSecurityPolicy-Custom-2031", fixed("404")));
            RuleResult r = rule.evaluate(ctx(base, head));
            assertThat(r.findings()).isEmpty();
            assertThat(r.inconclusives()).hasSize(1);
        }

        @Test
        void thePolicyListHasNoDuplicates() {
            assertThat(TlsPolicies.WEAKEST_FIRST).doesNotHaveDuplicates();
            assertThat(TlsPolicies.rank("ELBSecurityPolicy-2016-08").getAsInt())
                    .isLessThan(TlsPolicies.rank("ELBSecurityPolicy-TLS13-1-2-2021-06").getAsInt());
        }
    }

    @Nested
    class HttpsRedirectRemovedTest {
        private final HttpsRedirectRemoved rule = new HttpsRedirectRemoved();
        private final RoutingSnapshot head = one(listener("aws_lb_listener.http", 7, "HTTP", 80, forward("web")));

        @Test
        void aRedirectReplacedByAForwardIsFlaggedOnTheListener() {
            var routes = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/*", viaDefault(redirectToHttps()),
                    viaDefault(forward("web")))), 1);
            assertThat(rule.evaluate(ctx(head, head, List.of(), routes)).findings()).singleElement()
                    .satisfies(f -> assertThat(f.source().line()).isEqualTo(7));
        }

        @Test
        void onAnHttpsListenerARedirectToHttpsRemovedSendsNothingInTheClear() {
            var secure = one(https("aws_lb_listener.https", 7, "ELBSecurityPolicy-TLS13-1-2-2021-06", forward("web")));
            var routes = new RouteDiff(List.of(routeChange("aws_lb_listener.https", "/*",
                    viaDefault(redirectToHttps()), viaDefault(forward("web")))), 1);
            assertThat(rule.evaluate(ctx(secure, secure, List.of(), routes)).findings()).isEmpty();
        }

        @Test
        void aRemovedListenerIsNotThisRulesBusinessAndUnknownIsInconclusive() {
            var gone = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/*", viaDefault(redirectToHttps()),
                    Destination.noListener())), 1);
            assertThat(rule.evaluate(ctx(head, head, List.of(), gone)).findings()).isEmpty();
            var unknown = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/*", viaDefault(redirectToHttps()),
                    new Destination(Optional.empty(), Optional.empty(), Destination.Kind.UNKNOWN, "unresolved"))), 1);
            assertThat(rule.evaluate(ctx(head, head, List.of(), unknown)).inconclusives()).hasSize(1);
        }
    }

    @Nested
    class DanglingReferenceTest {
        private final DanglingReference rule = new DanglingReference();

        @Test
        void aForwardToARemovedGroupIsFlagged() {
            var base = snapshot(List.of(lb("aws_lb.edge", 1, false, listener("aws_lb_listener.http", 5, "HTTP", 80,
                    forward("aws_lb_target_group.old")))), List.of(tg("aws_lb_target_group.old", 30)));
            RuleAction dangling = RuleAction.of(new RouteAction.Forward(List.of(WeightedTarget.unresolved(
                    id("aws_lb_target_group.old"), 1, "target group aws_lb_target_group.old is not in this configuration")),
                    Optional.empty()));
            var head = one(listener("aws_lb_listener.http", 5, "HTTP", 80, dangling));
            assertThat(rule.evaluate(ctx(base, head)).findings()).singleElement()
                    .satisfies(f -> assertThat(f.element()).isEqualTo(id("aws_lb_listener.http")));
        }

        @Test
        void aDiagnosticNamingARemovedListenerIsFlaggedOncePerLine() {
            var base = one(listener("aws_lb_listener.admin", 5, "HTTP", 8080, fixed("404")));
            var head = new RoutingSnapshot(SnapshotOrigin.other("head"), List.of(lb("aws_lb.edge", 1, false)), List.of(),
                    List.of(Diagnostic.error("x", "rule r: listener_arn names aws_lb_listener.admin", at(12)),
                            Diagnostic.error("y", "reference to undeclared resource aws_lb_listener.admin", at(12)),
                            Diagnostic.error("z", "names aws_lb_listener.admin2", at(20))));
            List<Finding> f = rule.evaluate(ctx(base, head)).findings();
            assertThat(f).singleElement().satisfies(x -> assertThat(x.source().line()).isEqualTo(12));
        }

        @Test
        void namesMatchesWholeAddressesOnly() {
            assertThat(DanglingReference.names("see aws_lb_listener.admin.", "aws_lb_listener.admin")).isFalse();
            assertThat(DanglingReference.names("see aws_lb_listener.admin, x", "aws_lb_listener.admin")).isTrue();
            assertThat(DanglingReference.names("aws_lb_listener.admin[\"a\"]", "aws_lb_listener.admin")).isFalse();
            assertThat(DanglingReference.names("module.x.aws_lb_listener.admin", "aws_lb_listener.admin")).isFalse();
        }
    }

    @Nested
    class DuplicateRulePriorityTest {
        @Test
        void everyRuleSharingAPriorityIsFlagged() {
            var head = one(listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404"),
                    rule("aws_lb_listener_rule.a", 10, 7, forward("a"), Condition.pathPattern("/a")),
                    rule("aws_lb_listener_rule.b", 20, 7, forward("b"), Condition.pathPattern("/b")),
                    rule("aws_lb_listener_rule.c", 30, 8, forward("c"), Condition.pathPattern("/c"))));
            assertThat(new DuplicateRulePriority().evaluate(ctx(head, head)).findings())
                    .extracting(f -> f.source().line()).containsExactly(10, 20);
        }
    }

    @Nested
    class ListenerRemovedTest {
        private final ListenerRemoved rule = new ListenerRemoved();
        private final RoutingSnapshot base = one(listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404")),
                https("aws_lb_listener.https", 9, "ELBSecurityPolicy-TLS13-1-2-2021-06", fixed("404")));

        @Test
        void aRemovedListenerIsFlaggedInBase() {
            var head = one(listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404")));
            assertThat(rule.evaluate(ctx(base, head)).findings()).singleElement().satisfies(f -> {
                assertThat(f.source().line()).isEqualTo(9);
                assertThat(f.message()).contains("port 443");
            });
        }

        @Test
        void aListenerMovedToAnotherPortClosesItsOldPort() {
            var head = one(listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404")),
                    https("aws_lb_listener.https", 9, "ELBSecurityPolicy-TLS13-1-2-2021-06", fixed("404")));
            assertThat(rule.evaluate(ctx(base, head)).findings()).isEmpty();
            var moved = one(listener("aws_lb_listener.http", 5, "HTTP", 8080, fixed("404")),
                    https("aws_lb_listener.https", 9, "ELBSecurityPolicy-TLS13-1-2-2021-06", fixed("404")));
            assertThat(rule.evaluate(ctx(base, moved)).findings()).singleElement().satisfies(f ->
                    assertThat(f.message()).contains("moves to port 8080").contains("port 80 will be refused"));
        }

        @Test
        void aReplacementOnTheSamePortOrARenameIsNot() {
            var replaced = one(listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404")),
                    https("aws_lb_listener.tls", 9, "ELBSecurityPolicy-TLS13-1-2-2021-06", fixed("404")));
            assertThat(rule.evaluate(ctx(base, replaced)).findings()).isEmpty();
            var withRename = ctx(base, replaced, List.of(renamed(ElementKind.LISTENER, "aws_lb_listener.https",
                    "aws_lb_listener.tls", true, 9)), new RouteDiff(List.of(), 0));
            assertThat(rule.evaluate(withRename).findings()).isEmpty();
        }

        @Test
        void aRemovedLoadBalancerTakesItsListenersAlong() {
            var head = snapshot(List.of(), List.of());
            assertThat(rule.evaluate(ctx(base, head)).findings()).hasSize(2)
                    .allSatisfy(f -> assertThat(f.message()).contains("together with its load balancer"));
        }
    }

    @Nested
    class HealthCheckChangedTest {
        private final HealthCheckChanged rule = new HealthCheckChanged();

        @Test
        void pathAndMatcherChangesAreListed() {
            var base = snapshot(List.of(), List.of(tg("web", 3, healthCheck(true, "/healthz", "200"), 1)));
            var head = snapshot(List.of(), List.of(tg("web", 4, healthCheck(true, "/health", "200-299"), 1)));
            assertThat(rule.evaluate(ctx(base, head)).findings()).singleElement().satisfies(f -> {
                assertThat(f.source().line()).isEqualTo(4);
                assertThat(f.message()).contains("path \"/healthz\" to \"/health\"").contains("matcher \"200\" to \"200-299\"");
            });
            assertThat(rule.evaluate(ctx(base, base)).findings()).isEmpty();
        }

        @Test
        void anUnknownSettingIsInconclusiveUnlessTheSameUnknownOnBothSides() {
            var known = snapshot(List.of(), List.of(tg("web", 3, healthCheck(true, "/healthz", "200"), 1)));
            var unknownCheck = new dev.lbguard.model.HealthCheck(true, "HTTP", "traffic-port", "health_path has no value",
                    "200", 30, 5, 3, 3, java.util.Map.of("path", "variable health_path has no value"));
            var unknown = snapshot(List.of(), List.of(tg("web", 3, unknownCheck, 1)));
            var result = rule.evaluate(ctx(known, unknown));
            assertThat(result.findings()).isEmpty();
            assertThat(result.inconclusives()).singleElement().satisfies(i -> assertThat(i.reason())
                    .contains("web").contains("path").contains("\"/healthz\"").contains("health_path has no value"));
            assertThat(rule.evaluate(ctx(unknown, known)).inconclusives()).hasSize(1);
            var same = rule.evaluate(ctx(unknown, unknown));
            assertThat(same.findings()).isEmpty();
            assertThat(same.inconclusives()).isEmpty();
            // Computed from the same variable, two revisions' expressions may differ ("/${var.x}" and "/v2/${var.x}").
            var computedCheck = new dev.lbguard.model.HealthCheck(true, "HTTP", "traffic-port", "x", "200", 30, 5, 3,
                    3, java.util.Map.of("path", dev.lbguard.model.HealthCheck.COMPUTED + "variable x has no value"));
            var computed = snapshot(List.of(), List.of(tg("web", 3, computedCheck, 1)));
            assertThat(rule.evaluate(ctx(computed, computed)).inconclusives()).hasSize(1);
        }
    }

    @Nested
    class RenamedWithoutMovedTest {
        private final RenamedWithoutMoved rule = new RenamedWithoutMoved();

        @Test
        void aLoadBalancerWhoseNameCouldNotBeEvaluatedIsNotSaidToBeReplaced() {
            var lbChange = new dev.lbguard.diff.ResourceChange(ElementKind.LOAD_BALANCER, id("aws_lb.a"),
                    dev.lbguard.diff.ChangeType.MODIFIED, Optional.empty(), false, at(3), List.of(
                    new dev.lbguard.diff.AttributeChange("name", dev.lbguard.diff.AttributeValue.text("aws_lb.a"),
                            dev.lbguard.diff.AttributeValue.text("lb-y"))));
            var unread = new RoutingSnapshot(SnapshotOrigin.other("base"), List.of(), List.of(),
                    List.of(Diagnostic.error("tf-variable-missing", "variable env has no value", at(1))));
            var read = snapshot(List.of(), List.of());
            var r = rule.evaluate(ctx(unread, read, List.of(lbChange), new RouteDiff(List.of(), 0)));
            assertThat(r.findings()).isEmpty();
            assertThat(r.inconclusives()).singleElement().satisfies(i -> assertThat(i.reason()).contains("aws_lb.a"));
            // Read on both sides, a load balancer without a name (AWS made one up) given one is replaced.
            assertThat(rule.evaluate(ctx(read, read, List.of(lbChange), new RouteDiff(List.of(), 0))).findings())
                    .singleElement().satisfies(f -> assertThat(f.message()).contains("changes its name"));
        }

        @Test
        void onlyUndeclaredRenamesAreFlagged() {
            var s = snapshot(List.of(), List.of());
            var undeclared = ctx(s, s, List.of(renamed(ElementKind.TARGET_GROUP, "aws_lb_target_group.web",
                    "aws_lb_target_group.frontend", false, 12)), new RouteDiff(List.of(), 0));
            assertThat(rule.evaluate(undeclared).findings()).singleElement().satisfies(f -> {
                assertThat(f.source().line()).isEqualTo(12);
                assertThat(f.message()).contains("destroyed and re-created");
            });
            var declared = ctx(s, s, List.of(renamed(ElementKind.TARGET_GROUP, "aws_lb_target_group.web",
                    "aws_lb_target_group.frontend", true, 12)), new RouteDiff(List.of(), 0));
            assertThat(rule.evaluate(declared).findings()).isEmpty();
        }
    }

    @Nested
    class SourceIpWidenedTest {
        private final SourceIpWidened rule = new SourceIpWidened();

        private RoutingSnapshot admin(Condition... conditions) {
            return one(listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404"),
                    rule("aws_lb_listener_rule.admin", 20, 5, forward("web"), conditions)));
        }

        @Test
        void aWiderCidrIsFlagged() {
            var f = rule.evaluate(ctx(admin(Condition.sourceIp("10.20.0.0/24")), admin(Condition.sourceIp("10.20.0.0/16"))))
                    .findings();
            assertThat(f).singleElement().satisfies(x -> assertThat(x.message()).contains("10.20.0.0/16"));
        }

        @Test
        void aRangeCoveredOnlyByTwoOldRangesTogetherIsNotWider() {
            var base = admin(Condition.sourceIp("10.0.0.0/25", "10.0.0.128/25"));
            var head = admin(Condition.sourceIp("10.0.0.0/24"));
            assertThat(rule.evaluate(ctx(base, head)).findings()).isEmpty();
        }

        @Test
        void aRemovedConditionOpensTheRuleToEveryone() {
            var base = admin(Condition.pathPattern("/admin/*"), Condition.sourceIp("192.0.2.0/24"));
            var head = admin(Condition.pathPattern("/admin/*"));
            assertThat(rule.evaluate(ctx(base, head)).findings()).singleElement()
                    .satisfies(x -> assertThat(x.message()).contains("any address"));
        }

        @Test
        void aNarrowerOrIpv6UnrelatedRangeBehavesAndGarbageIsInconclusive() {
            assertThat(rule.evaluate(ctx(admin(Condition.sourceIp("10.0.0.0/8")), admin(Condition.sourceIp("10.1.0.0/16"))))
                    .findings()).isEmpty();
            assertThat(rule.evaluate(ctx(admin(Condition.sourceIp("10.0.0.0/8")), admin(Condition.sourceIp("2001:db8::/32"))))
                    .findings()).hasSize(1);
            assertThat(rule.evaluate(ctx(admin(Condition.sourceIp("10.0.0.0/8")), admin(Condition.sourceIp("not-a-cidr"))))
                    .inconclusives()).hasSize(1);
        }

        /** Issue 20: a condition mixing address families, present on both sides, crashed the review. */
        @Test
        void mixedFamiliesAreComparedFamilyByFamily() {
            var mixed = admin(Condition.sourceIp("2001:db8::/32", "203.0.113.7/32"));
            assertThat(rule.evaluate(ctx(mixed, mixed)).findings()).isEmpty();
            var v6ToV4 = rule.evaluate(ctx(admin(Condition.sourceIp("2001:db8:1::/48")),
                    admin(Condition.sourceIp("198.51.100.0/24")))).findings();
            assertThat(v6ToV4).singleElement().satisfies(x -> assertThat(x.message()).contains("198.51.100.0/24"));
            var v4ToV6 = rule.evaluate(ctx(admin(Condition.sourceIp("203.0.113.7/32", "2001:db8::/32")),
                    admin(Condition.sourceIp("2001:db8::/32", "::/0")))).findings();
            assertThat(v4ToV6).singleElement().satisfies(x -> assertThat(x.message()).contains("::/0"));
        }

        /** The library reads an IPv4 block subtracted from IPv6 as v4-mapped: 0.0.0.0/0 must not cover them. */
        @Test
        void anIpv4RangeNeverCoversV4MappedIpv6Addresses() {
            var f = rule.evaluate(ctx(admin(Condition.sourceIp("0.0.0.0/0")),
                    admin(Condition.sourceIp("::ffff:0:0/96")))).findings();
            assertThat(f).singleElement().satisfies(x -> assertThat(x.message()).contains("::ffff:0:0/96"));
        }
    }
}

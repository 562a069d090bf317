package dev.lbguard.diff;

import static dev.lbguard.diff.Snapshots.forward;
import static dev.lbguard.diff.Snapshots.lb;
import static dev.lbguard.diff.Snapshots.listener;
import static dev.lbguard.diff.Snapshots.move;
import static dev.lbguard.diff.Snapshots.rule;
import static dev.lbguard.diff.Snapshots.snapshot;
import static dev.lbguard.diff.Snapshots.target;
import static dev.lbguard.diff.Snapshots.tg;
import static dev.lbguard.diff.Snapshots.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Authenticate;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Priority;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ResourceDifferTest {
    private static final ResourceDiffer DIFFER = new ResourceDiffer();
    private static final String API = "aws_lb_target_group.api";
    private static final String WEB = "aws_lb_target_group.web";
    private static final String LISTENER = "aws_lb_listener.https";
    private static final String LB = "aws_lb.edge";

    private static RoutingSnapshot shop(Rule... rules) {
        return snapshot(List.of(lb(LB, listener(LISTENER, rules))),
                List.of(tg(API, "shop-api", target("aws_lb_target_group_attachment.a", "10.0.1.5")), tg(WEB, "shop-web")));
    }

    private static Rule api(int priority) {
        return rule("aws_lb_listener_rule.api", priority, forward(API), Condition.hostHeader("api.shop.test"));
    }

    @Test
    void identicalSnapshotsHaveNoChanges() {
        assertThat(DIFFER.diff(shop(api(10)), shop(api(10))).changes()).isEmpty();
    }

    @Test
    void aBlockThatMovedLinesOrFilesIsNoChange() {
        Rule moved = new Rule(ElementId.of("aws_lb_listener_rule.api"), SourceRef.of("rules.tf", 77, 1),
                Priority.of(10), List.of(Condition.hostHeader("api.shop.test")), forward(API));
        assertThat(DIFFER.diff(shop(api(10)), shop(moved)).changes()).isEmpty();
    }

    @Test
    void priorityChange() {
        assertThat(DIFFER.diff(shop(api(10)), shop(api(5))).changes())
                .extracting(ResourceChange::kind, ResourceChange::id, ResourceChange::change, ResourceChange::attributes)
                .containsExactly(tuple(ElementKind.RULE, ElementId.of("aws_lb_listener_rule.api"), ChangeType.MODIFIED,
                        List.of(TestAttributes.change("priority", "10", "5"))));
    }

    @Test
    void assignedPriorityEqualToTheWrittenOneIsNoChange() {
        Rule assigned = new Rule(ElementId.of("aws_lb_listener_rule.api"), Snapshots.SRC, Priority.assigned(10),
                List.of(Condition.hostHeader("api.shop.test")), forward(API));
        assertThat(DIFFER.diff(shop(api(10)), shop(assigned)).changes()).isEmpty();
    }

    @Test
    void conditionValueAdded() {
        Rule more = rule("aws_lb_listener_rule.api", 10, forward(API), Condition.hostHeader("API.shop.test", "b.shop.test"));
        assertThat(attributes(DIFFER.diff(shop(api(10)), shop(more))))
                .containsExactly(TestAttributes.change("conditions[host-header].values",
                        "[\"api.shop.test\"]", "[\"api.shop.test\",\"b.shop.test\"]"));
    }

    @Test
    void conditionAddedAndHeaderNameCase() {
        Rule base = rule("r", 1, forward(API), Condition.httpHeader("X-Canary", "on"));
        Rule head = rule("r", 1, forward(API), Condition.httpHeader("x-canary", "on"),
                Condition.queryString(QueryPair.of("v", "2"), QueryPair.valueOnly("x")));
        assertThat(attributes(DIFFER.diff(shop(base), shop(head)))).containsExactly(TestAttributes.change(
                "conditions[query-string].values", "null", "[{\"value\":\"x\"},{\"key\":\"v\",\"value\":\"2\"}]"));
    }

    @Test
    void forwardWeightChange() {
        Rule base = rule("aws_lb_listener_rule.web", 20, weighted(WEB, 80, API, 20));
        Rule head = rule("aws_lb_listener_rule.web", 20, weighted(WEB, 50, API, 50));
        assertThat(attributes(DIFFER.diff(shop(base), shop(head)))).containsExactly(
                TestAttributes.change("action.forward.targets[shop-api].weight", "20", "50"),
                TestAttributes.change("action.forward.targets[shop-web].weight", "80", "50"));
    }

    @Test
    void forwardToAnotherGroupThatTookTheNameIsAChange() {
        // Blue/green by name: the old group gives up the name "shop-api" to a new group the rule now forwards to.
        RoutingSnapshot base = shop(rule("r", 1, forward(API)));
        RoutingSnapshot head = snapshot(List.of(lb(LB, listener(LISTENER, rule("r", 1, forward("aws_lb_target_group.api2"))))),
                List.of(tg(API, "shop-api-old", target("aws_lb_target_group_attachment.a", "10.0.1.5")),
                        tg("aws_lb_target_group.api2", "shop-api"), tg(WEB, "shop-web")));
        ResourceDiff diff = DIFFER.diff(base, head);
        assertThat(diff.changes()).extracting(ResourceChange::kind, ResourceChange::change).containsExactly(
                tuple(ElementKind.RULE, ChangeType.MODIFIED),
                tuple(ElementKind.TARGET_GROUP, ChangeType.MODIFIED),
                tuple(ElementKind.TARGET_GROUP, ChangeType.ADDED));
        assertThat(diff.changes().get(0).attributes()).containsExactly(TestAttributes.change(
                "action.forward.targets[shop-api].targetGroup", "\"" + API + "\"", "\"aws_lb_target_group.api2\""));
    }

    @Test
    void anUnchangedRuleWhoseGroupChangedItsNameChanges() {
        // The rule's record is the same on both sides; what it forwards to is keyed by the group's name.
        Rule r = rule("r", 1, forward(API));
        RoutingSnapshot head = snapshot(List.of(lb(LB, listener(LISTENER, r))),
                List.of(tg(API, "shop-api-v2", target("aws_lb_target_group_attachment.a", "10.0.1.5")),
                        tg(WEB, "shop-web")));
        ResourceDiff diff = DIFFER.diff(shop(r), head);
        assertThat(diff.changes()).extracting(ResourceChange::kind, ResourceChange::id).contains(
                tuple(ElementKind.RULE, ElementId.of("r")));
        assertThat(diff.changes().stream().filter(c -> c.kind() == ElementKind.RULE).findFirst().orElseThrow()
                .attributes()).extracting(AttributeChange::path).contains(
                "action.forward.targets[shop-api].targetGroup", "action.forward.targets[shop-api-v2].targetGroup");
    }

    @Test
    void oneGroupForwardSpellingsAreNoChange() {
        RuleAction heavy = RuleAction.of(new RouteAction.Forward(List.of(WeightedTarget.of(ElementId.of(API), 5)),
                Optional.empty()));
        assertThat(DIFFER.diff(shop(rule("r", 1, forward(API))), shop(rule("r", 1, heavy))).changes()).isEmpty();
    }

    @Test
    void authenticateOrderOnlyMattersRelatively() {
        RuleAction one = new RuleAction(List.of(Authenticate.of(Authenticate.Kind.OIDC, 1, Map.of("issuer", "i"))),
                forward(API).terminal());
        RuleAction ten = new RuleAction(List.of(Authenticate.of(Authenticate.Kind.OIDC, 10, Map.of("issuer", "i"))),
                forward(API).terminal());
        RuleAction other = new RuleAction(List.of(Authenticate.of(Authenticate.Kind.OIDC, 10, Map.of("issuer", "j"))),
                forward(API).terminal());
        assertThat(DIFFER.diff(shop(rule("r", 1, one)), shop(rule("r", 1, ten))).changes()).isEmpty();
        assertThat(attributes(DIFFER.diff(shop(rule("r", 1, one)), shop(rule("r", 1, other)))))
                .containsExactly(TestAttributes.change("action.authenticate[1].settings.issuer", "\"i\"", "\"j\""));
    }

    @Test
    void actionTypeChange() {
        RuleAction redirect = RuleAction.of(new RouteAction.Redirect("HTTPS", "443", "#{host}", "/#{path}", "#{query}", "HTTP_301"));
        assertThat(attributes(DIFFER.diff(shop(rule("r", 1, forward(API))), shop(rule("r", 1, redirect)))))
                .extracting(AttributeChange::path).containsExactly(
                        "action.forward.targets[shop-api].targetGroup", "action.forward.targets[shop-api].weight",
                        "action.redirect.host", "action.redirect.path", "action.redirect.port", "action.redirect.protocol",
                        "action.redirect.query", "action.redirect.statusCode", "action.type");
    }

    @Test
    void healthCheckPathChange() {
        HealthCheck deeper = new HealthCheck(true, "HTTP", "traffic-port", "/healthz", "200", 30, 5, 3, 3);
        RoutingSnapshot base = snapshot(List.of(), List.of(tg(API, "shop-api")));
        RoutingSnapshot head = snapshot(List.of(), List.of(tg(API, "shop-api", deeper)));
        assertThat(DIFFER.diff(base, head).changes())
                .extracting(ResourceChange::kind, ResourceChange::change, ResourceChange::attributes)
                .containsExactly(tuple(ElementKind.TARGET_GROUP, ChangeType.MODIFIED,
                        List.of(TestAttributes.change("healthCheck.path", "\"/\"", "\"/healthz\""))));
    }

    @Test
    void targetAdded() {
        RoutingSnapshot base = snapshot(List.of(), List.of(tg(API, "shop-api", target("att.a", "10.0.1.5"))));
        RoutingSnapshot head = snapshot(List.of(), List.of(tg(API, "shop-api", target("att.a", "10.0.1.5"),
                target("att.b", "10.0.1.6"))));
        assertThat(DIFFER.diff(base, head).changes())
                .extracting(ResourceChange::kind, ResourceChange::id, ResourceChange::change)
                .containsExactly(tuple(ElementKind.TARGET, ElementId.of("att.b"), ChangeType.ADDED));
    }

    @Test
    void aTargetOnTheGroupsOwnPortIsTheSameRegistration() {
        Target explicit = new Target(ElementId.of("att.a"), Snapshots.SRC, "10.0.1.5", OptionalInt.of(8080));
        Target other = new Target(ElementId.of("att.a"), Snapshots.SRC, "10.0.1.5", OptionalInt.of(9090));
        RoutingSnapshot base = snapshot(List.of(), List.of(tg(API, "shop-api", target("att.a", "10.0.1.5"))));
        assertThat(DIFFER.diff(base, snapshot(List.of(), List.of(tg(API, "shop-api", explicit)))).changes()).isEmpty();
        assertThat(attributes(DIFFER.diff(base, snapshot(List.of(), List.of(tg(API, "shop-api", other))))))
                .containsExactly(TestAttributes.change("port", "null", "9090"));
    }

    @Test
    void listenersAndRulesAreTheirOwnElements() {
        RoutingSnapshot base = snapshot(List.of(lb(LB)), List.of());
        RoutingSnapshot head = snapshot(List.of(lb(LB, listener(LISTENER, api(10)))), List.of());
        assertThat(DIFFER.diff(base, head).changes())
                .extracting(ResourceChange::kind, ResourceChange::change, ResourceChange::attributes)
                .containsExactly(tuple(ElementKind.LISTENER, ChangeType.ADDED, List.of()),
                        tuple(ElementKind.RULE, ChangeType.ADDED, List.of()));
    }

    @Test
    void renameWithMovedIsDeclaredAndRipplesNowhere() {
        RoutingSnapshot base = shop(api(10));
        RoutingSnapshot head = snapshot(List.of(lb(LB, listener(LISTENER,
                        rule("aws_lb_listener_rule.api", 10, forward("aws_lb_target_group.shop_api"),
                                Condition.hostHeader("api.shop.test"))))),
                List.of(tg("aws_lb_target_group.shop_api", "shop-api", target("aws_lb_target_group_attachment.a", "10.0.1.5")),
                        tg(WEB, "shop-web")),
                move(API, "aws_lb_target_group.shop_api"));
        ResourceDiff diff = DIFFER.diff(base, head);
        assertThat(diff.changes()).extracting(ResourceChange::kind, ResourceChange::id, ResourceChange::change,
                        ResourceChange::renamedFrom, ResourceChange::declaredMove, ResourceChange::attributes)
                .containsExactly(tuple(ElementKind.TARGET_GROUP, ElementId.of("aws_lb_target_group.shop_api"),
                        ChangeType.RENAMED, Optional.of(ElementId.of(API)), true, List.of()));
    }

    @Test
    void renameWithoutMovedButEqualContentIsAnUndeclaredRename() {
        RoutingSnapshot head = shop(rule("aws_lb_listener_rule.api_v2", 10, forward(API), Condition.hostHeader("api.shop.test")));
        assertThat(DIFFER.diff(shop(api(10)), head).changes())
                .extracting(ResourceChange::id, ResourceChange::change, ResourceChange::renamedFrom,
                        ResourceChange::declaredMove, ResourceChange::attributes)
                .containsExactly(tuple(ElementId.of("aws_lb_listener_rule.api_v2"), ChangeType.RENAMED,
                        Optional.of(ElementId.of("aws_lb_listener_rule.api")), false, List.of()));
    }

    @Test
    void renamePlusContentChangeWithMoved() {
        RoutingSnapshot head = snapshot(shop(rule("aws_lb_listener_rule.api_v2", 5, forward(API),
                        Condition.hostHeader("api.shop.test"))).loadBalancers(), shop().targetGroups(),
                move("aws_lb_listener_rule.api", "aws_lb_listener_rule.api_v2"));
        assertThat(DIFFER.diff(shop(api(10)), head).changes())
                .extracting(ResourceChange::change, ResourceChange::declaredMove, ResourceChange::attributes)
                .containsExactly(tuple(ChangeType.RENAMED, true, List.of(TestAttributes.change("priority", "10", "5"))));
    }

    @Test
    void renamePlusContentChangeWithoutMovedIsRemovedAndAdded() {
        RoutingSnapshot head = shop(rule("aws_lb_listener_rule.api_v2", 5, forward(API), Condition.hostHeader("api.shop.test")));
        assertThat(DIFFER.diff(shop(api(10)), head).changes())
                .extracting(ResourceChange::id, ResourceChange::change)
                .containsExactly(tuple(ElementId.of("aws_lb_listener_rule.api"), ChangeType.REMOVED),
                        tuple(ElementId.of("aws_lb_listener_rule.api_v2"), ChangeType.ADDED));
    }

    @Test
    void moduleMoveRenamesEverythingInsideWithoutContentChanges() {
        RoutingSnapshot base = snapshot(List.of(lb("module.a.aws_lb.x", listener("module.a.aws_lb_listener.l",
                        rule("module.a.aws_lb_listener_rule.r", 1, forward("module.a.aws_lb_target_group.t[\"k\"]"))))),
                List.of(tg("module.a.aws_lb_target_group.t[\"k\"]", "t")));
        RoutingSnapshot head = snapshot(List.of(lb("module.b.aws_lb.x", listener("module.b.aws_lb_listener.l",
                        rule("module.b.aws_lb_listener_rule.r", 1, forward("module.b.aws_lb_target_group.t[\"k\"]"))))),
                List.of(tg("module.b.aws_lb_target_group.t[\"k\"]", "t")), move("module.a", "module.b"));
        assertThat(DIFFER.diff(base, head).changes())
                .extracting(ResourceChange::kind, ResourceChange::change, ResourceChange::declaredMove, ResourceChange::attributes)
                .containsExactly(tuple(ElementKind.LOAD_BALANCER, ChangeType.RENAMED, true, List.of()),
                        tuple(ElementKind.LISTENER, ChangeType.RENAMED, true, List.of()),
                        tuple(ElementKind.RULE, ChangeType.RENAMED, true, List.of()),
                        tuple(ElementKind.TARGET_GROUP, ChangeType.RENAMED, true, List.of()));
    }

    @Test
    void undeclaredRenamesOfParentsAndChildrenAreFoundTogether() {
        // The load balancer and its listener both change address; the listener's parent reference follows.
        RoutingSnapshot base = snapshot(List.of(lb("aws_lb.old", listener("aws_lb_listener.old"))), List.of());
        RoutingSnapshot head = snapshot(List.of(lb("aws_lb.new", listener("aws_lb_listener.new"))), List.of());
        assertThat(DIFFER.diff(base, head).changes())
                .extracting(ResourceChange::kind, ResourceChange::change, ResourceChange::declaredMove)
                .containsExactly(tuple(ElementKind.LOAD_BALANCER, ChangeType.RENAMED, false),
                        tuple(ElementKind.LISTENER, ChangeType.RENAMED, false));
    }

    @Test
    void onlyTheHeadsMovesCount() {
        // Going back from head to base, the base has no moved block: Terraform would destroy and re-create.
        RoutingSnapshot base = snapshot(List.of(), List.of(tg(API, "shop-api")));
        RoutingSnapshot head = snapshot(List.of(), List.of(tg("aws_lb_target_group.b", "shop-api")),
                move(API, "aws_lb_target_group.b"));
        assertThat(DIFFER.diff(base, head).changes()).extracting(ResourceChange::declaredMove).containsExactly(true);
        assertThat(DIFFER.diff(head, base).changes()).extracting(ResourceChange::declaredMove).containsExactly(false);
    }

    @Test
    void changesAreSortedByKindThenId() {
        RoutingSnapshot base = snapshot(List.of(), List.of());
        RoutingSnapshot head = snapshot(List.of(lb("aws_lb.z", listener("aws_lb_listener.a")), lb("aws_lb.a")),
                List.of(tg("tg.b", "b"), tg("tg.a", "a")));
        assertThat(DIFFER.diff(base, head).changes()).extracting(c -> c.kind() + " " + c.id()).containsExactly(
                "LOAD_BALANCER aws_lb.a", "LOAD_BALANCER aws_lb.z", "LISTENER aws_lb_listener.a",
                "TARGET_GROUP tg.a", "TARGET_GROUP tg.b");
    }

    @Test
    void jsonStringsAreEscaped() {
        TargetGroup quoted = tg(API, "shop \"api\"\n");
        assertThat(attributes(DIFFER.diff(snapshot(List.of(), List.of(tg(API, "shop-api"))),
                snapshot(List.of(), List.of(quoted))))).containsExactly(
                TestAttributes.change("name", "\"shop-api\"", "\"shop \\\"api\\\"\\n\""));
    }

    private static List<AttributeChange> attributes(ResourceDiff diff) {
        assertThat(diff.changes()).hasSize(1);
        return diff.changes().get(0).attributes();
    }
}

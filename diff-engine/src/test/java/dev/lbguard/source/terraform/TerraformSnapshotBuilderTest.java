package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Authenticate;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Stickiness;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.route.RouteResult;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.resources.TerraformSnapshotBuilder;
import dev.lbguard.source.terraform.modules.AwsProviderRequirement;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerraformSnapshotBuilderTest {

    // ---- value builders -----------------------------------------------------------------------------

    private static Value s(String v) {
        return new Value.Str(v);
    }

    private static Value n(long v) {
        return Value.Num.of(v);
    }

    private static Value ref(String address) {
        return Value.Unknown.reference(address, "arn");
    }

    private static Value list(Value... items) {
        return Value.Values.list(List.of(items));
    }

    private static Value strs(String... items) {
        return Value.Values.set(Arrays.stream(items).map(i -> (Value) new Value.Str(i)).toList());
    }

    private static Value.Obj obj(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Value) kv[i + 1]);
        }
        return Value.Obj.object(m);
    }

    private static int line = 1;

    private static ResourceInstance res(String address, Value.Obj attributes) {
        int dot = address.lastIndexOf('.', address.indexOf('[') < 0 ? address.length() : address.indexOf('['));
        String head = address.substring(0, dot);
        String module = head.contains(".") ? head.substring(0, head.lastIndexOf('.')) : "";
        String type = module.isEmpty() ? head : head.substring(head.lastIndexOf('.') + 1);
        String name = address.substring(dot + 1).replaceAll("\\[.*", "");
        int at = line;
        line += 20;
        Map<String, SourceRef> sources = new LinkedHashMap<>();
        int offset = 1;
        for (String k : attributes.fields().keySet()) {
            sources.put(k, SourceRef.of("lb.tf", at + offset++, 3));
        }
        return new ResourceInstance(address, module, type, name, Value.Values.NULL, SourceRef.of("lb.tf", at, 1),
                attributes, sources);
    }

    private static RoutingSnapshot build(ResourceInstance... resources) {
        TerraformEvaluation eval = new TerraformEvaluation("", List.of(resources), List.of(), List.of());
        return new TerraformSnapshotBuilder().build(eval, SnapshotOrigin.other("test"));
    }

    private static RoutingSnapshot build(AwsProviderRequirement provider, ResourceInstance... resources) {
        TerraformEvaluation eval = new TerraformEvaluation("", List.of(resources), List.of(), List.of());
        return new TerraformSnapshotBuilder().build(eval, SnapshotOrigin.other("test"), provider::verdict);
    }

    private ResourceInstance ruleWith(Value condition) {
        return res("aws_lb_listener_rule.x", obj("listener_arn", ref("aws_lb_listener.http"), "priority", n(1),
                "action", fixed("200"), "condition", list(condition)));
    }

    private RoutingSnapshot withRule(AwsProviderRequirement provider, Value condition) {
        return build(provider, lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"), ruleWith(condition));
    }

    @Test
    void aTransformIsSaidNotToBeComparedAndLeavesTheRoutingComplete() {
        Value rewrite = obj("type", s("url-rewrite"), "url_rewrite_config", list(obj("rewrite",
                list(obj("regex", s("^/api/(.*)$"), "replace", s("/$1"))))));
        RoutingSnapshot s = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"),
                res("aws_lb_listener_rule.x", obj("listener_arn", ref("aws_lb_listener.http"), "priority", n(1),
                        "action", fixed("200"), "condition", list(obj("path_pattern", list(obj("values",
                                strs("/api/*"))))), "transform", list(rewrite))));
        assertThat(s.complete()).isTrue();
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("tf-transform-not-compared");
            assertThat(d.affectsRouting()).isFalse();
        });
        assertThat(s.loadBalancers().get(0).listeners().get(0).rules()).hasSize(1);
    }

    @Test
    void theProvider2FormIsAnErrorWhereTheProviderTerraformInstallsIsNewer() {
        Value legacy = obj("field", s("host-header"), "values", strs("a.example.com"));
        RoutingSnapshot required3 = withRule(AwsProviderRequirement.of(">= 3.0, < 6.0", "versions.tf:4"), legacy);
        assertThat(required3.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.source().line()).isPositive();
            assertThat(d.message()).contains("provider 3.0 removed").contains("requires aws \">= 3.0, < 6.0\"")
                    .contains("terraform rejects it").contains("write condition { host_header { values = [...] } }");
        });
        assertThat(onlyListener(required3).rules().get(0).conditions().get(0).isUnknown()).isTrue();
        // No constraint: terraform installs the newest provider, which rejects the form too.
        assertThat(withRule(AwsProviderRequirement.none(), legacy).diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("sets no version for the aws provider"));
        // Provider 2 took host-header and path-pattern only.
        assertThat(withRule(AwsProviderRequirement.of("~> 2.0", "v.tf:1"),
                obj("field", s("source-ip"), "values", strs("10.0.0.0/8"))).diagnostics())
                .singleElement().satisfies(d -> assertThat(d.message()).contains("neither host-header nor path-pattern"));
    }

    @Test
    void aConditionWithoutValuesIsAnErrorSayingWhatTheProviderDoes() {
        for (String body : List.of("host_header", "path_pattern")) {
            RoutingSnapshot snap = withRule(AwsProviderRequirement.none(),
                    obj(body, list(obj("values", Value.Values.list(List.of())))));
            assertThat(snap.diagnostics()).as(body).singleElement().satisfies(d -> {
                assertThat(d.isError()).isTrue();
                assertThat(d.message()).contains("the " + body + " condition has no values")
                        .contains("AWS provider requires at least one").contains("give it a value");
            });
            assertThat(onlyListener(snap).rules().get(0).conditions().get(0).isUnknown()).isTrue();
        }
        RoutingSnapshot method = withRule(AwsProviderRequirement.none(),
                obj("http_request_method", list(obj("values", Value.Values.list(List.of())))));
        assertThat(method.diagnostics()).singleElement().satisfies(d -> assertThat(d.message())
                .contains("terraform plans it").contains("lbguard cannot say"));
    }

    private static Value forwardTo(String tg) {
        return list(obj("type", s("forward"), "target_group_arn", ref(tg)));
    }

    private static Value fixed(String code) {
        return list(obj("type", s("fixed-response"),
                "fixed_response", list(obj("content_type", s("text/plain"), "status_code", s(code)))));
    }

    private static Value hostIs(String... hosts) {
        return obj("host_header", list(obj("values", strs(hosts))));
    }

    private static ResourceInstance lb(String address) {
        return res(address, obj("name", s("edge"), "load_balancer_type", s("application")));
    }

    private static ResourceInstance http(String address, String lb) {
        return res(address, obj("load_balancer_arn", ref(lb), "port", n(80), "protocol", s("HTTP"),
                "default_action", fixed("404")));
    }

    private static ResourceInstance tg(String address, String name) {
        return res(address, obj("name", s(name), "port", n(8080), "protocol", s("HTTP"), "target_type", s("ip")));
    }

    private static Listener onlyListener(RoutingSnapshot snap) {
        assertThat(snap.loadBalancers()).hasSize(1);
        assertThat(snap.loadBalancers().get(0).listeners()).hasSize(1);
        return snap.loadBalancers().get(0).listeners().get(0);
    }

    private static List<String> codes(RoutingSnapshot snap) {
        return snap.diagnostics().stream().map(d -> d.severity().label() + ":" + d.code()).toList();
    }

    // ---- tests ---------------------------------------------------------------------------------------

    @Test
    void weightedForwardWithConditionsRoutesAsWritten() {
        Value action = list(obj("type", s("forward"), "order", n(1), "target_group_arn", s(""),
                "forward", list(obj(
                        "target_group", list(obj("arn", ref("module.edge.aws_lb_target_group.tg[\"blue\"]"), "weight", n(90)),
                                obj("arn", ref("module.edge.aws_lb_target_group.tg[\"green\"]"), "weight", n(10))),
                        "stickiness", list(obj("enabled", Value.Values.TRUE, "duration", n(300)))))));
        RoutingSnapshot snap = build(
                lb("module.edge.aws_lb.main"),
                http("module.edge.aws_lb_listener.http", "module.edge.aws_lb.main"),
                tg("module.edge.aws_lb_target_group.tg[\"blue\"]", "blue"),
                tg("module.edge.aws_lb_target_group.tg[\"green\"]", "green"),
                res("module.edge.aws_lb_listener_rule.api[\"checkout\"]", obj(
                        "listener_arn", ref("module.edge.aws_lb_listener.http"), "priority", n(10), "action", action,
                        "condition", list(hostIs("API.example.com"),
                                obj("path_pattern", list(obj("values", strs("/v2/*"))), "host_header", list())))));

        assertThat(snap.complete()).as(snap.diagnostics().toString()).isTrue();
        assertThat(snap.diagnostics()).isEmpty();
        LoadBalancer lb = snap.loadBalancers().get(0);
        assertThat(lb.name()).isEqualTo("edge");
        assertThat(lb.type()).isEqualTo(LoadBalancerType.APPLICATION);
        Listener listener = onlyListener(snap);
        assertThat(listener.label()).isEqualTo("HTTP:80");
        Rule rule = listener.rules().get(0);
        assertThat(rule.priority()).isEqualTo(Priority.of(10));
        assertThat(rule.conditions()).containsExactly(Condition.hostHeader("api.example.com"), Condition.pathPattern("/v2/*"));
        RouteAction.Forward fwd = (RouteAction.Forward) rule.action().terminal();
        assertThat(fwd.targets()).containsExactly(
                WeightedTarget.of(ElementId.of("module.edge.aws_lb_target_group.tg[\"blue\"]"), 90),
                WeightedTarget.of(ElementId.of("module.edge.aws_lb_target_group.tg[\"green\"]"), 10));
        assertThat(fwd.stickiness()).contains(new Stickiness(true, 300));
        assertThat(snap.targetGroupName(ElementId.of("module.edge.aws_lb_target_group.tg[\"green\"]"))).isEqualTo("green");

        RouteEvaluator evaluator = new RouteEvaluator();
        RouteResult hit = evaluator.evaluate(listener, Request.of("api.example.com", "/v2/cart"));
        assertThat(hit.ruleId()).contains(ElementId.of("module.edge.aws_lb_listener_rule.api[\"checkout\"]"));
        assertThat(evaluator.evaluate(listener, Request.of("api.example.com", "/v1/cart")).isDefault()).isTrue();
    }

    @Test
    void twoLoadBalancersOrTargetGroupsOfOneNameAreAWarning() {
        RoutingSnapshot snap = build(lb("module.develop.aws_lb.main"), lb("module.production.aws_lb.main"),
                tg("aws_lb_target_group.a", "web"), tg("aws_lb_target_group.b", "web"), tg("aws_lb_target_group.c", "api"));
        assertThat(codes(snap)).containsExactly("warning:tf-duplicate-name", "warning:tf-duplicate-name");
        assertThat(snap.diagnostics()).extracting(d -> d.message().substring(0, d.message().indexOf(';')))
                .containsExactly("module.production.aws_lb.main: load balancer name \"edge\" is also "
                        + "module.develop.aws_lb.main's", "aws_lb_target_group.b: target group name \"web\" is also "
                        + "aws_lb_target_group.a's");
    }

    @Test
    void aLiteralTargetGroupArnNamesTheOneGroupOfItsNameHere() {
        String arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/f3d117d78cd69bce";
        Value byArn = list(obj("type", s("forward"), "target_group_arn", s(arn)));
        RoutingSnapshot one = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"),
                tg("aws_lb_target_group.web", "web"), rule("aws_lb_listener_rule.x", 1, byArn));
        assertThat(one.diagnostics()).isEmpty();
        assertThat(onlyListener(one).rules().get(0).action().terminal())
                .isEqualTo(RouteAction.Forward.to(ElementId.of("aws_lb_target_group.web")));
        // Two groups of that name here: the ARN names neither for sure, so it stays a group managed elsewhere.
        RoutingSnapshot two = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"),
                tg("aws_lb_target_group.web", "web"), tg("aws_lb_target_group.web2", "web"),
                rule("aws_lb_listener_rule.x", 1, byArn));
        WeightedTarget t = ((RouteAction.Forward) onlyListener(two).rules().get(0).action().terminal()).targets().get(0);
        assertThat(t.targetGroup()).isEqualTo(ElementId.of(arn));
    }

    @Test
    void aListenerProtocolTheLoadBalancerTypeRefusesIsAnError() {
        ResourceInstance tcp = res("aws_lb_listener.tcp", obj("load_balancer_arn", ref("aws_lb.main"), "port", n(80),
                "protocol", s("TCP"), "default_action", fixed("404")));
        RoutingSnapshot snap = build(lb("aws_lb.main"), tcp);
        assertThat(codes(snap)).containsExactly("error:tf-listener-protocol");
        assertThat(snap.diagnostics().get(0).message()).contains("an application load balancer has no TCP listeners");
        RoutingSnapshot http = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"));
        assertThat(http.diagnostics()).isEmpty();
    }

    @Test
    void anUnknownWeightMakesEveryShareUnknownNotZero() {
        Value action = list(obj("type", s("forward"), "forward", list(obj("target_group", list(
                obj("arn", ref("aws_lb_target_group.blue"), "weight", Value.Unknown.unevaluable("Invalid index")),
                obj("arn", ref("aws_lb_target_group.green"), "weight", n(10)))))));
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"),
                tg("aws_lb_target_group.blue", "blue"), tg("aws_lb_target_group.green", "green"),
                rule("aws_lb_listener_rule.split", 1, action));
        assertThat(codes(snap)).containsExactly("error:tf-unknown-weight");
        assertThat(snap.diagnostics().get(0).message()).contains("aws_lb_target_group.blue").contains("Invalid index");
        Rule split = onlyListener(snap).rules().get(0);
        RouteAction.Forward fwd = (RouteAction.Forward) split.action().terminal();
        assertThat(fwd.targets().get(0).weightUnknown()).isTrue();
        assertThat(fwd.targets().get(1).isResolved()).isTrue();
        assertThat(dev.lbguard.model.ActionSummary.of(split.action(), snap))
                .isEqualTo("forward blue weight unknown, green weight 10");
        RouteResult r = new RouteEvaluator().evaluate(onlyListener(snap), Request.of("split.test", "/"));
        assertThat(r.status()).isEqualTo(RouteResult.Status.UNKNOWN);
    }

    @Test
    void theThreeSpellingsOfAOneGroupForwardAreEqual() {
        Value viaForward = list(obj("type", s("forward"),
                "forward", list(obj("target_group", list(obj("arn", ref("aws_lb_target_group.web"))),
                        "stickiness", list(obj("enabled", Value.Values.FALSE, "duration", n(1)))))));
        Value both = list(obj("type", s("forward"), "target_group_arn", ref("aws_lb_target_group.web"),
                "forward", list(obj("target_group", list(obj("arn", ref("aws_lb_target_group.web"), "weight", n(1)))))));
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"),
                tg("aws_lb_target_group.web", "web"),
                rule("aws_lb_listener_rule.a", 1, forwardTo("aws_lb_target_group.web")),
                rule("aws_lb_listener_rule.b", 2, viaForward),
                rule("aws_lb_listener_rule.c", 3, both));
        assertThat(snap.diagnostics()).isEmpty();
        List<Rule> rules = onlyListener(snap).rules();
        assertThat(rules).extracting(r -> r.action().terminal())
                .containsOnly(RouteAction.Forward.to(ElementId.of("aws_lb_target_group.web")));
    }

    private static ResourceInstance rule(String address, long priority, Value action) {
        return res(address, obj("listener_arn", ref("aws_lb_listener.http"), "priority", n(priority),
                "action", action, "condition", list(hostIs(address.substring(address.lastIndexOf('.') + 1) + ".test"))));
    }

    @Test
    void missingPriorityTakesTheNextFreeOneInAddressOrder() {
        ResourceInstance z = res("aws_lb_listener_rule.z", obj("listener_arn", ref("aws_lb_listener.http"),
                "action", fixed("200"), "condition", list(hostIs("z.test"))));
        ResourceInstance b = res("aws_lb_listener_rule.b", obj("listener_arn", ref("aws_lb_listener.http"),
                "action", fixed("200"), "condition", list(hostIs("b.test"))));
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"), z, b,
                rule("aws_lb_listener_rule.m", 7, fixed("201")));
        Map<String, Priority> prio = new LinkedHashMap<>();
        onlyListener(snap).rules().forEach(r -> prio.put(r.id().value(), r.priority()));
        assertThat(prio).containsEntry("aws_lb_listener_rule.b", Priority.assigned(8))
                .containsEntry("aws_lb_listener_rule.z", Priority.assigned(9))
                .containsEntry("aws_lb_listener_rule.m", Priority.of(7));
        assertThat(snap.complete()).isTrue();
        assertThat(codes(snap)).containsOnly("warning:tf-assigned-priority");
    }

    @Test
    void unknownPriorityIsAnErrorAndUnknownInTheModel() {
        ResourceInstance r = res("aws_lb_listener_rule.x", obj("listener_arn", ref("aws_lb_listener.http"),
                "priority", Value.Unknown.unevaluable("var.prio is not set"), "action", fixed("200"),
                "condition", list(hostIs("x.test"))));
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"), r);
        assertThat(snap.complete()).isFalse();
        Diagnostic d = snap.diagnostics().get(0);
        assertThat(d.code()).isEqualTo("tf-unknown-priority");
        assertThat(d.source()).isEqualTo(r.attributeSources().get("priority"));
        Listener l = onlyListener(snap);
        assertThat(l.rules().get(0).priority().isKnown()).isFalse();
        assertThat(new RouteEvaluator().evaluate(l, Request.of("x.test", "/")).status()).isEqualTo(RouteResult.Status.UNKNOWN);
        assertThat(new RouteEvaluator().evaluate(l, Request.of("y.test", "/")).isDefault()).isTrue();
    }

    @Test
    void ruleWhoseListenerIsNotInTheConfigurationIsAnError() {
        ResourceInstance r = res("aws_lb_listener_rule.x", obj("listener_arn", ref("aws_lb_listener.gone"),
                "priority", n(1), "action", fixed("200"), "condition", list(hostIs("x.test"))));
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"), r);
        assertThat(snap.complete()).isFalse();
        assertThat(snap.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("tf-unlinked-listener-rule");
            assertThat(d.message()).contains("aws_lb_listener.gone");
            assertThat(d.source()).isEqualTo(r.attributeSources().get("listener_arn"));
        });
        assertThat(onlyListener(snap).rules()).isEmpty();
    }

    @Test
    void forwardToAMissingTargetGroupIsUnknown() {
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"),
                rule("aws_lb_listener_rule.x", 1, forwardTo("aws_lb_target_group.gone")));
        assertThat(codes(snap)).containsExactly("error:tf-unlinked-target-group");
        WeightedTarget t = ((RouteAction.Forward) onlyListener(snap).rules().get(0).action().terminal()).targets().get(0);
        assertThat(t.isResolved()).isFalse();
        assertThat(t.targetGroup()).isEqualTo(ElementId.of("aws_lb_target_group.gone"));
        RouteResult r = new RouteEvaluator().evaluate(onlyListener(snap), Request.of("x.test", "/"));
        assertThat(r.status()).isEqualTo(RouteResult.Status.UNKNOWN);
        assertThat(r.ruleId()).contains(ElementId.of("aws_lb_listener_rule.x"));
    }

    @Test
    void dataSourceTargetGroupIsAKnownExternalDestination() {
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"),
                rule("aws_lb_listener_rule.x", 1, forwardTo("data.aws_lb_target_group.shared")));
        assertThat(codes(snap)).containsExactly("warning:tf-external-target-group");
        RouteResult r = new RouteEvaluator().evaluate(onlyListener(snap), Request.of("x.test", "/"));
        assertThat(r.isMatched()).isTrue();
        assertThat(snap.targetGroupName(ElementId.of("data.aws_lb_target_group.shared")))
                .isEqualTo("data.aws_lb_target_group.shared");
    }

    @Test
    void aRuleWithoutAConditionBlockIsAnErrorNotARuleForEveryRequest() {
        // A dynamic "condition" block over an empty list gives none; terraform refuses the rule at plan.
        ResourceInstance r = res("aws_lb_listener_rule.x", obj("listener_arn", ref("aws_lb_listener.http"),
                "priority", n(1), "action", fixed("200"), "condition", list()));
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"), r);
        assertThat(codes(snap)).containsExactly("error:tf-no-condition");
        assertThat(onlyListener(snap).rules().get(0).isUnconditional()).isFalse();
        RouteResult routed = new RouteEvaluator().evaluate(onlyListener(snap), Request.of("x.test", "/"));
        assertThat(routed.status()).isEqualTo(RouteResult.Status.UNKNOWN);
    }

    @Test
    void unevaluableConditionValueIsMarkedUnknown() {
        Value cond = list(obj("host_header", list(obj("values",
                Value.Values.list(List.of(s("a.test"), Value.Unknown.unevaluable("unknown function foo")))))));
        ResourceInstance r = res("aws_lb_listener_rule.x", obj("listener_arn", ref("aws_lb_listener.http"),
                "priority", n(1), "action", fixed("200"), "condition", cond));
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"), r);
        assertThat(codes(snap)).containsExactly("error:tf-unknown-condition");
        Condition c = onlyListener(snap).rules().get(0).conditions().get(0);
        assertThat(c.values()).containsExactly("a.test");
        assertThat(c.unknownReason()).contains("unknown function foo");
        RouteEvaluator e = new RouteEvaluator();
        assertThat(e.evaluate(onlyListener(snap), Request.of("a.test", "/")).isMatched()).isTrue();
        assertThat(e.evaluate(onlyListener(snap), Request.of("b.test", "/")).status()).isEqualTo(RouteResult.Status.UNKNOWN);
    }

    @Test
    void everyConditionBodyAndTheLegacyForm() {
        Value cond = list(
                obj("http_header", list(obj("http_header_name", s("X-Canary"), "values", strs("on")))),
                obj("http_request_method", list(obj("values", strs("GET", "HEAD")))),
                obj("query_string", list(obj("key", s("v"), "value", s("1")), obj("key", Value.Values.NULL, "value", s("beta")))),
                obj("source_ip", list(obj("values", strs("10.0.0.0/8")))),
                obj("field", s("path-pattern"), "values", strs("/old/*")));
        ResourceInstance r = res("aws_alb_listener_rule.x", obj("listener_arn", ref("aws_alb_listener.http"),
                "priority", n(1), "action", fixed("200"), "condition", cond));
        RoutingSnapshot snap = build(AwsProviderRequirement.of("~> 2.70", "versions.tf:4"), lb("aws_alb.main"),
                http("aws_alb_listener.http", "aws_alb.main"), r);
        // Provider 2 still takes the field form: read, with a warning that says why and what to write instead.
        assertThat(snap.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isFalse();
            assertThat(d.message()).contains("AWS provider 2 syntax").contains("read as path_pattern")
                    .contains("requires aws \"~> 2.70\" (versions.tf:4)")
                    .contains("write condition { path_pattern { values = [...] } }");
        });
        assertThat(onlyListener(snap).rules().get(0).conditions()).containsExactly(
                Condition.pathPattern("/old/*"),
                Condition.httpHeader("X-Canary", "on"),
                Condition.httpRequestMethod("GET", "HEAD"),
                Condition.queryString(QueryPair.of("v", "1"), QueryPair.valueOnly("beta")),
                Condition.sourceIp("10.0.0.0/8"));
        assertThat(onlyListener(snap).rules().get(0).conditions().get(0).type()).isEqualTo(ConditionType.PATH_PATTERN);
    }

    @Test
    void redirectDefaultsAndAuthenticateWithoutSecrets() {
        Value action = list(
                obj("type", s("redirect"), "order", n(2), "redirect", list(obj("protocol", s("HTTPS"), "port", s("443"),
                        "status_code", s("HTTP_301")))),
                obj("type", s("authenticate-oidc"), "order", n(1), "authenticate_oidc", list(obj(
                        "issuer", s("https://idp.test"), "client_id", s("cid"), "client_secret", s("hunter2")))));
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"),
                rule("aws_lb_listener_rule.x", 1, action));
        var a = onlyListener(snap).rules().get(0).action();
        assertThat(a.terminal()).isEqualTo(new RouteAction.Redirect("HTTPS", "443", "#{host}", "/#{path}", "#{query}", "HTTP_301"));
        assertThat(a.authenticate()).singleElement().satisfies(step -> {
            assertThat(step.kind()).isEqualTo(Authenticate.Kind.OIDC);
            assertThat(step.settings()).containsOnlyKeys("client_id", "issuer");
        });
    }

    @Test
    void stateFilesLinkByLiteralArnAndAttachmentsBecomeTargets() {
        ResourceInstance lb = res("aws_lb.main", obj("arn", s("arn:lb/main"), "name", s("edge")));
        ResourceInstance listener = res("aws_lb_listener.http", obj("arn", s("arn:listener/1"),
                "load_balancer_arn", s("arn:lb/main"), "port", n(80), "protocol", s("HTTP"),
                "default_action", list(obj("type", s("forward"), "target_group_arn", s("arn:tg/web")))));
        ResourceInstance web = res("aws_lb_target_group.web", obj("arn", s("arn:tg/web"), "name", s("web"),
                "port", n(80), "protocol", s("HTTP"), "health_check", list(obj("path", s("/healthz"), "matcher", s("200-299")))));
        ResourceInstance att = res("aws_lb_target_group_attachment.one", obj("target_group_arn", s("arn:tg/web"),
                "target_id", s("10.0.1.15"), "port", n(8080)));
        RoutingSnapshot snap = build(lb, listener, web, att);
        assertThat(snap.diagnostics()).isEmpty();
        assertThat(onlyListener(snap).defaultAction().terminal())
                .isEqualTo(RouteAction.Forward.to(ElementId.of("aws_lb_target_group.web")));
        TargetGroup tg = snap.targetGroups().get(0);
        assertThat(tg.healthCheck().path()).isEqualTo("/healthz");
        assertThat(tg.healthCheck().matcher()).isEqualTo("200-299");
        assertThat(tg.targets()).singleElement().satisfies(t -> {
            assertThat(t.targetId()).isEqualTo("10.0.1.15");
            assertThat(t.port()).hasValue(8080);
        });
    }

    @Test
    void networkListenerOnlyForwards() {
        ResourceInstance nlb = res("aws_lb.net", obj("name", s("net"), "load_balancer_type", s("network")));
        ResourceInstance l = res("aws_lb_listener.tcp", obj("load_balancer_arn", ref("aws_lb.net"), "port", n(443),
                "default_action", forwardTo("aws_lb_target_group.tcp")));
        RoutingSnapshot snap = build(nlb, l, tg("aws_lb_target_group.tcp", "tcp"));
        Listener listener = onlyListener(snap);
        assertThat(listener.protocol()).isEqualTo("TCP");
        assertThat(listener.evaluatesRules()).isFalse();
        RouteResult r = new RouteEvaluator().evaluate(listener, Request.of("any", "/"));
        assertThat(r.isDefault()).isTrue();
    }

    @Test
    void unevaluableDefaultActionMakesTheListenerUnknown() {
        ResourceInstance l = res("aws_lb_listener.http", obj("load_balancer_arn", ref("aws_lb.main"), "port", n(80),
                "default_action", Value.Unknown.unevaluable("dynamic block over unknown collection")));
        RoutingSnapshot snap = build(lb("aws_lb.main"), l);
        assertThat(codes(snap)).containsExactly("error:tf-unknown-action");
        assertThat(new RouteEvaluator().evaluate(onlyListener(snap), Request.of("h", "/")).status())
                .isEqualTo(RouteResult.Status.UNKNOWN);
    }

    @Test
    void duplicatePrioritiesAreAnError() {
        RoutingSnapshot snap = build(lb("aws_lb.main"), http("aws_lb_listener.http", "aws_lb.main"),
                rule("aws_lb_listener_rule.a", 5, fixed("200")), rule("aws_lb_listener_rule.b", 5, fixed("201")));
        assertThat(codes(snap)).containsExactly("error:tf-duplicate-priority");
    }

    @Test
    void carriesTheEvaluationsDiagnostics() {
        Diagnostic parse = Diagnostic.error("hcl-syntax", "expected }", SourceRef.of("lb.tf", 3, 1));
        RoutingSnapshot snap = new TerraformSnapshotBuilder().build(
                new TerraformEvaluation("", new ArrayList<>(), List.of(), List.of(parse)), SnapshotOrigin.other("t"));
        assertThat(snap.diagnostics()).containsExactly(parse);
        assertThat(snap.complete()).isFalse();
        assertThat(Optional.of(snap.origin().label())).contains("t");
    }
}

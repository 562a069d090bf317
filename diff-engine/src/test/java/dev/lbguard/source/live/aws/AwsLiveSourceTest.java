package dev.lbguard.source.live.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.ElementKind;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diff.ResourceDiffer;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Stickiness;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.source.SourceException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Reads a realistic ALB from a real {@code moto_server} with {@link AwsLiveSource}, changes it through the
 * API as a console user would, and reads it again; also pagination and the error sentences.
 */
class AwsLiveSourceTest {
    private static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "testing",
            "AWS_SECRET_ACCESS_KEY", "testing");
    private static final String REGION = "eu-west-1";
    private static final String BULK_REGION = "us-east-1";

    private static MotoServer moto;
    private static ElasticLoadBalancingV2Client elb;
    private static Alb edge;

    /** The ARNs of the ALB the test builds. */
    record Alb(String lb, String listener, String blue, String green, Map<String, String> rules) {
    }

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        elb = elb(REGION);
        edge = createEdge(elb, ec2(REGION));
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (elb != null) {
            elb.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    static ElasticLoadBalancingV2Client elb(String region) {
        return ElasticLoadBalancingV2Client.builder().endpointOverride(moto.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static Ec2Client ec2(String region) {
        return Ec2Client.builder().endpointOverride(moto.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Two subnets in two zones, as an ALB needs. */
    static List<String> subnets(Ec2Client ec2, String region, String[] vpcOut) {
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        vpcOut[0] = vpc;
        String a = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone(region + "a"))
                .subnet().subnetId();
        String c = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone(region + "b"))
                .subnet().subnetId();
        return List.of(a, c);
    }

    private static Alb createEdge(ElasticLoadBalancingV2Client elb, Ec2Client ec2) {
        String[] vpc = new String[1];
        List<String> subnets = subnets(ec2, REGION, vpc);
        String lb = elb.createLoadBalancer(b -> b.name("edge").subnets(subnets)).loadBalancers().get(0).loadBalancerArn();
        String blue = elb.createTargetGroup(b -> b.name("blue").protocol("HTTP").port(8080).vpcId(vpc[0])
                .targetType("ip").healthCheckPath("/healthz").matcher(m -> m.httpCode("200-299"))
                .healthyThresholdCount(3).unhealthyThresholdCount(3)).targetGroups().get(0).targetGroupArn();
        String green = elb.createTargetGroup(b -> b.name("green").protocol("HTTP").port(8080).vpcId(vpc[0])
                .targetType("ip")).targetGroups().get(0).targetGroupArn();
        elb.registerTargets(b -> b.targetGroupArn(blue).targets(t -> t.id("10.0.1.15").port(8080),
                t -> t.id("10.0.1.16").port(9090)));
        elb.registerTargets(b -> b.targetGroupArn(green).targets(t -> t.id("10.0.2.20")));
        String listener = elb.createListener(b -> b.loadBalancerArn(lb).protocol("HTTP").port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE)
                        .fixedResponseConfig(f -> f.statusCode("404").contentType("text/plain").messageBody("no route"))))
                .listeners().get(0).listenerArn();
        Map<String, String> rules = new java.util.TreeMap<>();
        rules.put("api", rule(elb, listener, 10, List.of(
                cond("host-header").hostHeaderConfig(h -> h.values("API.example.com")).build(),
                cond("path-pattern").pathPatternConfig(p -> p.values("/v2/*")).build()),
                Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn(blue).weight(90).build(),
                        TargetGroupTuple.builder().targetGroupArn(green).weight(10).build())
                        .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(300))).build()));
        rules.put("canary", rule(elb, listener, 20, List.of(
                cond("http-header").httpHeaderConfig(h -> h.httpHeaderName("X-Canary").values("on", "yes")).build()),
                Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(green).build()));
        rules.put("query", rule(elb, listener, 30, List.of(
                cond("http-request-method").httpRequestMethodConfig(m -> m.values("GET", "HEAD")).build(),
                cond("query-string").queryStringConfig(q -> q.values(v -> v.key("v").value("1"),
                        v -> v.value("beta"))).build()),
                Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn(blue).build())).build()));
        rules.put("office", rule(elb, listener, 40, List.of(
                cond("source-ip").sourceIpConfig(s -> s.values("10.0.0.0/8")).build()),
                Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
                        .fixedResponseConfig(f -> f.statusCode("403").contentType("application/json")).build()));
        rules.put("old", rule(elb, listener, 50, List.of(
                cond("path-pattern").pathPatternConfig(p -> p.values("/old/*")).build()),
                Action.builder().type(ActionTypeEnum.REDIRECT)
                        .redirectConfig(r -> r.protocol("HTTPS").port("443").statusCode("HTTP_301")).build()));
        // The legacy form: Values directly on the condition, no PathPatternConfig.
        rules.put("legacy", rule(elb, listener, 60, List.of(cond("path-pattern").values("/legacy/*").build()),
                Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(blue).build()));
        return new Alb(lb, listener, blue, green, rules);
    }

    private static RuleCondition.Builder cond(String field) {
        return RuleCondition.builder().field(field);
    }

    private static String rule(ElasticLoadBalancingV2Client elb, String listener, int priority,
                               List<RuleCondition> conditions, Action action) {
        return elb.createRule(b -> b.listenerArn(listener).priority(priority).conditions(conditions).actions(action))
                .rules().get(0).ruleArn();
    }

    private static RoutingSnapshot read() throws SourceException {
        return new AwsLiveSource(REGION, Optional.of(moto.endpoint()), ENV).read();
    }

    private static Rule rule(RoutingSnapshot s, String name) {
        return s.listener(ElementId.of(edge.listener())).orElseThrow().rules().stream()
                .filter(r -> r.id().value().equals(edge.rules().get(name))).findFirst().orElseThrow();
    }

    @Test
    void readsTheLoadBalancerAsTheTerraformSideWouldDescribeIt() throws SourceException {
        RoutingSnapshot s = read();
        assertThat(s.diagnostics()).isEmpty();
        assertThat(s.origin().label()).isEqualTo("aws:eu-west-1");
        LoadBalancer lb = s.loadBalancer(ElementId.of(edge.lb())).orElseThrow();
        assertThat(lb.name()).isEqualTo("edge");
        assertThat(lb.type()).isEqualTo(LoadBalancerType.APPLICATION);
        assertThat(lb.internal()).isFalse();
        assertThat(lb.listeners()).hasSize(1);
        Listener l = lb.listeners().get(0);
        assertThat(l.id().value()).isEqualTo(edge.listener());
        assertThat(l.label()).isEqualTo("HTTP:80");
        assertThat(l.defaultAction()).isEqualTo(RuleAction.of(new RouteAction.FixedResponse("404", "text/plain", "no route")));
        assertThat(l.rules()).hasSize(6);

        ElementId blue = ElementId.of(edge.blue());
        ElementId green = ElementId.of(edge.green());
        Rule api = rule(s, "api");
        assertThat(api.priority()).isEqualTo(Priority.of(10));
        assertThat(api.conditions()).containsExactly(Condition.hostHeader("api.example.com"), Condition.pathPattern("/v2/*"));
        assertThat(api.action()).isEqualTo(RuleAction.of(new RouteAction.Forward(
                List.of(WeightedTarget.of(blue, 90), WeightedTarget.of(green, 10)), Optional.of(new Stickiness(true, 300)))));
        assertThat(rule(s, "canary").conditions()).containsExactly(Condition.httpHeader("X-Canary", "on", "yes"));
        assertThat(rule(s, "canary").action()).isEqualTo(RuleAction.of(RouteAction.Forward.to(green)));
        assertThat(rule(s, "query").conditions()).containsExactly(Condition.httpRequestMethod("GET", "HEAD"),
                Condition.queryString(QueryPair.of("v", "1"), QueryPair.valueOnly("beta")));
        // A ForwardConfig with one group and no weight is the same forward as a TargetGroupArn.
        assertThat(rule(s, "query").action()).isEqualTo(RuleAction.of(RouteAction.Forward.to(blue)));
        assertThat(rule(s, "office").conditions()).containsExactly(Condition.sourceIp("10.0.0.0/8"));
        assertThat(rule(s, "office").action().terminal()).isEqualTo(new RouteAction.FixedResponse("403", "application/json", ""));
        assertThat(rule(s, "old").action().terminal()).isEqualTo(
                new RouteAction.Redirect("HTTPS", "443", "#{host}", "/#{path}", "#{query}", "HTTP_301"));
        assertThat(rule(s, "legacy").conditions()).containsExactly(Condition.pathPattern("/legacy/*"));

        TargetGroup b = s.targetGroup(blue).orElseThrow();
        assertThat(b.name()).isEqualTo("blue");
        assertThat(b.protocol()).isEqualTo("HTTP");
        assertThat(b.port()).isEqualTo(8080);
        assertThat(b.targetType()).isEqualTo("ip");
        assertThat(b.healthCheck().path()).isEqualTo("/healthz");
        assertThat(b.healthCheck().matcher()).isEqualTo("200-299");
        assertThat(b.healthCheck().port()).isEqualTo("traffic-port");
        assertThat(b.healthCheck().healthyThreshold()).isEqualTo(3);
        assertThat(b.healthCheck().unhealthyThreshold()).isEqualTo(3);
        assertThat(b.targets()).extracting(Target::targetId).containsExactly("10.0.1.15", "10.0.1.16");
        assertThat(b.targets()).extracting(Target::port).containsExactly(OptionalInt.of(8080), OptionalInt.of(9090));
        assertThat(b.targets().get(1).id().value()).isEqualTo(edge.blue() + "/target/10.0.1.16:9090");
        assertThat(b.targets()).allSatisfy(t -> {
            assertThat(t.status()).contains(new TargetStatus(TargetStatus.State.HEALTHY, OptionalInt.empty(), ""));
            assertThat(t.takesTraffic()).isTrue();
        });
        assertThat(s.targetGroup(green).orElseThrow().targets()).extracting(Target::targetId).containsExactly("10.0.2.20");
    }

    @Test
    void aConsoleEditShowsExactlyAsThoseChanges() throws SourceException {
        RoutingSnapshot before = read();
        assertThat(new ResourceDiffer().diff(before, read()).changes()).as("two reads, no change").isEmpty();

        // What a console user does behind Terraform's back: a new priority, a new condition value, a new split.
        elb.setRulePriorities(b -> b.rulePriorities(p -> p.ruleArn(edge.rules().get("query")).priority(35)));
        elb.modifyRule(b -> b.ruleArn(edge.rules().get("canary")).conditions(
                cond("http-header").httpHeaderConfig(h -> h.httpHeaderName("X-Canary").values("on")).build()));
        elb.modifyRule(b -> b.ruleArn(edge.rules().get("api")).actions(Action.builder().type(ActionTypeEnum.FORWARD)
                .forwardConfig(f -> f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn(edge.blue()).weight(50).build(),
                        TargetGroupTuple.builder().targetGroupArn(edge.green()).weight(50).build())
                        .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(300))).build()));
        try {
            RoutingSnapshot after = read();
            ResourceDiff diff = new ResourceDiffer().diff(before, after);
            assertThat(diff.changes()).extracting(ResourceChange::kind).containsOnly(ElementKind.RULE);
            assertThat(diff.changes()).extracting(ResourceChange::change).containsOnly(ChangeType.MODIFIED);
            assertThat(diff.changes()).extracting(c -> c.id().value()).containsExactlyInAnyOrder(
                    edge.rules().get("query"), edge.rules().get("canary"), edge.rules().get("api"));
            assertThat(rule(after, "query").priority()).isEqualTo(Priority.of(35));
            assertThat(rule(after, "canary").conditions()).containsExactly(Condition.httpHeader("X-Canary", "on"));
            assertThat(((RouteAction.Forward) rule(after, "api").action().terminal()).targets())
                    .extracting(WeightedTarget::weight).containsExactly(50, 50);
        } finally {
            // Put the load balancer back so the other tests see what createEdge built.
            elb.setRulePriorities(b -> b.rulePriorities(p -> p.ruleArn(edge.rules().get("query")).priority(30)));
            elb.modifyRule(b -> b.ruleArn(edge.rules().get("canary")).conditions(cond("http-header")
                    .httpHeaderConfig(h -> h.httpHeaderName("X-Canary").values("on", "yes")).build()));
            elb.modifyRule(b -> b.ruleArn(edge.rules().get("api")).actions(Action.builder().type(ActionTypeEnum.FORWARD)
                    .forwardConfig(f -> f.targetGroups(
                            TargetGroupTuple.builder().targetGroupArn(edge.blue()).weight(90).build(),
                            TargetGroupTuple.builder().targetGroupArn(edge.green()).weight(10).build())
                            .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(300))).build()));
        }
        assertThat(new ResourceDiffer().diff(before, read()).changes()).as("restored").isEmpty();
    }

    @Test
    void readsRulesInPagesOf400() throws Exception {
        try (ElasticLoadBalancingV2Client bulk = elb(BULK_REGION); Ec2Client ec2 = ec2(BULK_REGION)) {
            String[] vpc = new String[1];
            List<String> subnets = subnets(ec2, BULK_REGION, vpc);
            String lb = bulk.createLoadBalancer(b -> b.name("bulk").subnets(subnets)).loadBalancers().get(0).loadBalancerArn();
            String tg = bulk.createTargetGroup(b -> b.name("bulk").protocol("HTTP").port(80).vpcId(vpc[0]))
                    .targetGroups().get(0).targetGroupArn();
            // 420 rules on one listener (two pages) and 30 on another (one page): 450 rules, 3 calls.
            int[] perListener = {420, 30};
            for (int i = 0; i < perListener.length; i++) {
                int port = 8000 + i;
                String listener = bulk.createListener(b -> b.loadBalancerArn(lb).protocol("HTTP").port(port)
                        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg))).listeners().get(0).listenerArn();
                for (int p = 1; p <= perListener[i]; p++) {
                    String path = "/" + port + "/p" + p;
                    rule(bulk, listener, p, List.of(cond("path-pattern").pathPatternConfig(c -> c.values(path)).build()),
                            Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build());
                }
            }
        }
        List<Integer> pageSizes = Collections.synchronizedList(new ArrayList<>());
        ExecutionInterceptor count = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof DescribeRulesRequest r) {
                    pageSizes.add(r.pageSize());
                }
            }
        };
        RoutingSnapshot s = new AwsLiveSource(BULK_REGION, Optional.of(moto.endpoint()), ENV, List.of(count)).read();
        assertThat(s.loadBalancers()).hasSize(1);
        assertThat(s.loadBalancers().get(0).listeners()).extracting(l -> l.rules().size()).containsExactlyInAnyOrder(420, 30);
        assertThat(pageSizes).as("DescribeRules calls").containsExactly(400, 400, 400);
    }

    @Test
    void aRefusedConnectionIsOneSentence() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + MotoServer.freePort());
        assertThatThrownBy(() -> new AwsLiveSource(REGION, Optional.of(nowhere), ENV).read())
                .isInstanceOf(SourceException.class)
                .satisfies(e -> assertOneSentence(e.getMessage()))
                .hasMessageStartingWith("aws:eu-west-1: cannot connect to the ELBv2 API at " + nowhere);
    }

    @Test
    void anAwsErrorReplyIsOneSentence() {
        // A real ListenerNotFound from the API (HTTP 400, AWS's XML error), as when a listener goes mid-read.
        String missing = edge.listener().substring(0, edge.listener().lastIndexOf('/') + 1) + "0123456789abcdef";
        SdkException error = null;
        try {
            elb.describeRules(b -> b.listenerArn(missing));
        } catch (ListenerNotFoundException e) {
            error = e;
        }
        assertThat(error).as("moto answers ListenerNotFound").isNotNull();
        SourceException e = AwsErrors.translate("aws:eu-west-1", Optional.of(moto.endpoint()), error);
        assertOneSentence(e.getMessage());
        assertThat(e.getMessage()).startsWith("aws:eu-west-1: ListenerNotFound").endsWith("run again.");
    }

    @Test
    void anUnknownRegionIsOneSentence() {
        assertThatThrownBy(() -> new AwsLiveSource("eu-nowhere-9", Optional.empty(), ENV).read())
                .isInstanceOf(SourceException.class)
                .satisfies(e -> assertOneSentence(e.getMessage()))
                .hasMessageContaining("aws:eu-nowhere-9: unknown AWS region");
    }

    @Test
    void aMissingProfileIsOneSentence(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile other]\nregion = eu-west-1\n");
        Path credentials = Files.writeString(dir.resolve("credentials"), "[other]\naws_access_key_id = a\n"
                + "aws_secret_access_key = b\n");
        Map<String, String> env = Map.of("AWS_PROFILE", "audit", "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        assertThatThrownBy(() -> new AwsLiveSource(REGION, Optional.of(moto.endpoint()), env).read())
                .isInstanceOf(SourceException.class)
                .satisfies(e -> assertOneSentence(e.getMessage()))
                .hasMessageStartingWith("aws:eu-west-1: no usable AWS credentials");
    }

    static void assertOneSentence(String message) {
        assertThat(message).doesNotContain("\n").endsWith(".");
        assertThat(message.substring(0, message.length() - 1)).doesNotContain(". ");
    }
}

package dev.lbguard.cli;

import dev.lbguard.testing.ProcessReady;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.diff.ResourceDiffer;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.source.live.PlanSource;
import dev.lbguard.source.terraform.TerraformCli;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Drift against the real thing (issue 6's acceptance), through the real command line: a {@code moto_server} started
 * here is the AWS endpoint, the real {@code terraform apply} of {@code fixtures/live/moto} builds a live load balancer
 * on it, and git (a JGit repository holding the fixture) is the desired side. The untouched apply shows zero drift
 * from the state file, {@code terraform show -json}, a refresh-only plan and the {@code aws:} API alike; then a
 * console user moves a rule and changes a forward weight through the API, which {@code aws:} must report exactly,
 * with the requests they reroute, while the state file still knows nothing of it. moto starts and terraform applies
 * once per class; the tests run in order because the console edit comes last. Without terraform or moto_server the
 * tests fail: this check is never skipped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveMotoTest {
    private static final Path FIXTURE = Golden.FIXTURES.resolve("live/moto");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> ENV = new TreeMap<>(Map.of(
            "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
    private static Process moto;
    private static int port;
    private static Path work;
    private static Path repo;

    @BeforeAll
    static void applyToMoto() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "live-moto-").toAbsolutePath();
        port = freePort();
        moto = new ProcessBuilder(motoServer(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(work.resolve("moto.log").toFile()).start();
        awaitPort(port);
        TerraformCli terraform = TerraformCli.locate(Path.of("target/terraform-oracle").toAbsolutePath());
        Path dir = Files.createDirectories(work.resolve("root"));
        Files.copy(FIXTURE.resolve("main.tf"), dir.resolve("main.tf"));
        Files.writeString(dir.resolve("provider.tf"), """
                terraform {
                  required_providers {
                    aws = { source = "hashicorp/aws", version = "5.100.0" }
                  }
                }

                provider "aws" {
                  region                      = "eu-west-1"
                  access_key                  = "test"
                  secret_key                  = "test"
                  skip_credentials_validation = true
                  skip_requesting_account_id  = true
                  skip_metadata_api_check     = true
                  endpoints {
                    ec2   = "http://127.0.0.1:%1$d"
                    elbv2 = "http://127.0.0.1:%1$d"
                    sts   = "http://127.0.0.1:%1$d"
                  }
                }
                """.formatted(port));
        terraform.terraform(dir, "init", "-input=false", "-no-color");
        terraform.terraform(dir, "apply", "-auto-approve", "-input=false", "-no-color");
        Files.writeString(dir.resolve("show.json"), terraform.terraform(dir, "show", "-json"));
        terraform.terraform(dir, "plan", "-refresh-only", "-input=false", "-no-color", "-out=refresh.plan");
        Files.writeString(dir.resolve("refresh-plan.json"), terraform.terraform(dir, "show", "-json", "refresh.plan"));
        terraform.terraform(dir, "plan", "-input=false", "-no-color", "-out=next.plan");
        Files.writeString(dir.resolve("next-plan.json"), terraform.terraform(dir, "show", "-json", "next.plan"));
        repo = work.resolve("repo");
        Golden.commit(FIXTURE, repo);
    }

    @AfterAll
    static void stopMoto() throws InterruptedException {
        if (moto != null) {
            moto.destroy();
            if (!moto.waitFor(10, TimeUnit.SECONDS)) {
                moto.destroyForcibly();
            }
        }
    }

    private static Path applied() {
        return work.resolve("root");
    }

    private static String aws() {
        return "aws:eu-west-1?endpoint=http://127.0.0.1:" + port;
    }

    @Test
    @Order(1)
    void untouchedApplyHasNoDriftInTheStateFile() throws Exception {
        assertNoDrift(drift("tfstate:" + applied().resolve("terraform.tfstate")));
    }

    @Test
    @Order(1)
    void untouchedApplyHasNoDriftInShowJson() throws Exception {
        assertNoDrift(drift("tfshow:" + applied().resolve("show.json")));
    }

    @Test
    @Order(1)
    void untouchedApplyHasNoDriftInARefreshOnlyPlan() throws Exception {
        assertNoDrift(drift("plan:" + applied().resolve("refresh-plan.json")));
    }

    @Test
    @Order(1)
    void nextApplyOfAnUntouchedApplyChangesNoRouting() throws Exception {
        JsonNode json = assertNoDrift(drift("plan:" + applied().resolve("next-plan.json")));
        assertThat(json.get("nextApply").get("routeChanges")).isEmpty();
        PlanSource plan = PlanSource.of(applied().resolve("next-plan.json"));
        RoutingSnapshot live = plan.read();
        RoutingSnapshot next = plan.nextApply().orElseThrow();
        assertThat(next.diagnostics()).isEmpty();
        assertThat(new ResourceDiffer().diff(live, next).changes()).isEmpty();
        assertThat(new RouteDiffer().diff(live, next).changes()).isEmpty();
    }

    @Test
    @Order(1)
    void untouchedApplyHasNoDriftInTheApi() throws Exception {
        assertNoDrift(drift(aws()));
    }

    @Test
    @Order(2)
    void consoleEditsAreExactlyTheApiDriftAndUnknownToTheState() throws Exception {
        consoleEdits();
        CliRun run = drift(aws());
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("missingLive")).as("missing live").isEmpty();
        assertThat(json.get("unmanaged")).as("unmanaged").isEmpty();
        assertThat(attributeChanges(json)).containsExactlyInAnyOrder(
                "aws_alb_listener_rule.static priority 30 -> 5",
                "aws_lb_listener_rule.api action.forward.targets[blue].weight 90 -> 50",
                "aws_lb_listener_rule.api action.forward.targets[green].weight 10 -> 50");
        List<String> reroutes = new ArrayList<>();
        for (JsonNode c : json.get("routeChanges")) {
            String r = c.get("before").get("rule").asText() + " -> " + c.get("after").get("rule").asText();
            if (!reroutes.contains(r)) {
                reroutes.add(r);
            }
        }
        assertThat(reroutes).as(json.get("routeChanges").toPrettyString()).containsExactlyInAnyOrder(
                "aws_lb_listener_rule.api -> aws_lb_listener_rule.api",
                "aws_lb_listener_rule.legacy -> aws_alb_listener_rule.static");
        JsonNode weights = routeChange(json, "aws_lb_listener_rule.api", "aws_lb_listener_rule.api");
        assertThat(weights.get("match").toString()).contains("api.example.com").contains("/v2/");
        assertThat(weights.get("example").get("host").asText()).isEqualTo("api.example.com");
        assertThat(targets(weights.get("before"))).containsExactly("blue 90", "green 10");
        assertThat(targets(weights.get("after"))).containsExactly("blue 50", "green 50");
        // Moved above the legacy redirect: legacy GETs of static paths are now served, no longer redirected.
        JsonNode moved = routeChange(json, "aws_lb_listener_rule.legacy", "aws_alb_listener_rule.static");
        assertThat(moved.get("match").toString().toLowerCase(java.util.Locale.ROOT)).contains("x-legacy");
        assertThat(moved.get("example").get("path").asText()).matches("/(static|assets)/.*");
        assertThat(moved.get("example").get("method").asText()).isIn("GET", "HEAD");
        assertThat(moved.get("before").get("type").asText()).isEqualTo("redirect");
        assertThat(targets(moved.get("after"))).containsExactly("static 1");
        assertThat(run.exitCode()).isEqualTo(1);

        // The state file was written before the console edit: it still agrees with git.
        assertNoDrift(drift("tfstate:" + applied().resolve("terraform.tfstate")));
    }

    /** What a console user does behind Terraform's back: static above legacy, and the api split made even. */
    private static void consoleEdits() {
        try (ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            String lb = elb.describeLoadBalancers(b -> b.names("edge")).loadBalancers().get(0).loadBalancerArn();
            String listener = elb.describeListeners(b -> b.loadBalancerArn(lb)).listeners().get(0).listenerArn();
            List<Rule> rules = elb.describeRules(b -> b.listenerArn(listener)).rules();
            Rule statics = rules.stream().filter(r -> r.priority().equals("30")).findFirst().orElseThrow();
            Rule api = rules.stream().filter(r -> r.priority().equals("10")).findFirst().orElseThrow();
            elb.setRulePriorities(b -> b.rulePriorities(p -> p.ruleArn(statics.ruleArn()).priority(5)));
            Action forward = api.actions().get(0);
            List<TargetGroupTuple> even = forward.forwardConfig().targetGroups().stream()
                    .map(t -> t.toBuilder().weight(50).build()).toList();
            elb.modifyRule(b -> b.ruleArn(api.ruleArn()).actions(forward.toBuilder()
                    .targetGroupArn(null)
                    .forwardConfig(forward.forwardConfig().toBuilder().targetGroups(even).build()).build()));
        }
    }

    private static CliRun drift(String live) {
        CliRun run = CliRun.run(ENV, "drift", "--repo", repo.toString(), "--live", live, "--state",
                applied().resolve("terraform.tfstate").toString(), "--format", "json", "--no-color");
        assertThat(run.err()).as("stderr of drift --live " + live).isEmpty();
        return run;
    }

    private static JsonNode assertNoDrift(CliRun run) throws IOException {
        JsonNode json = MAPPER.readTree(run.out());
        String live = json.get("head").toString();
        assertThat(json.get("missingLive")).as("missing live, " + live).isEmpty();
        assertThat(json.get("unmanaged")).as("unmanaged, " + live).isEmpty();
        assertThat(json.get("resourceChanges")).as("resource drift, " + live).isEmpty();
        assertThat(json.get("routeChanges")).as("route drift, " + live).isEmpty();
        assertThat(json.get("findings")).as("findings, " + live).isEmpty();
        assertThat(run.exitCode()).as(live).isZero();
        return json;
    }

    /** Each attribute change as {@code address path before -> after}. */
    private static List<String> attributeChanges(JsonNode json) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : json.get("resourceChanges")) {
            for (JsonNode a : c.get("attributes")) {
                out.add(c.get("address").asText() + " " + a.get("path").asText() + " " + a.get("before").asText()
                        + " -> " + a.get("after").asText());
            }
        }
        return out;
    }

    /** A destination's forward targets as {@code name weight}. */
    private static List<String> targets(JsonNode destination) {
        List<String> out = new ArrayList<>();
        destination.path("targets").forEach(t -> out.add(t.get("name").asText() + " " + t.get("weight").asText()));
        return out;
    }

    /** The route change whose requests went by rule {@code before} and now go by rule {@code after}. */
    private static JsonNode routeChange(JsonNode json, String before, String after) {
        for (JsonNode c : json.get("routeChanges")) {
            if (c.get("before").get("rule").asText().equals(before) && c.get("after").get("rule").asText().equals(after)) {
                return c;
            }
        }
        throw new AssertionError("no route change from " + before + " to " + after + " in "
                + json.get("routeChanges").toPrettyString());
    }

    private static String motoServer() {
        String explicit = System.getProperty("lbguard.motoServer", "");
        if (!explicit.isBlank()) {
            return explicit;
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, "moto_server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("moto_server not found on PATH (or -Dlbguard.motoServer): drift's acceptance test "
                + "needs moto 5.2.1 (pip install 'moto[server]==5.2.1'); it is never skipped");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        ProcessReady.await(moto, java.time.Duration.ofSeconds(60), () -> ProcessReady.listens(port),
                () -> "moto_server on port " + port + "; see its log in " + work);
    }
}

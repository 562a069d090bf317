package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.cli.demo.BundledDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drift} end to end on the demo repository and its bundled live state (a console weight change), in every
 * format; malformed inputs; and the secret canary: a state with one unique secret in every sensitive place, which
 * no output may contain.
 */
class DriftCommandTest {
    private static final Path LIVE = Golden.FIXTURES.resolve("live");
    private static final Path DEMO_STATE = Golden.FIXTURES.resolve("demo/live/terraform.tfstate");
    private static final String CANARY = "canary-7f3c91e2-secret-never-print";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path temp;
    private static Path repo;

    @BeforeAll
    static void demoRepository() throws Exception {
        repo = temp.resolve("demo");
        BundledDemo.buildInto(repo);
    }

    private static CliRun drift(String live, String... more) {
        List<String> args = new ArrayList<>(List.of("drift", "--repo", repo.toString(), "--live", live, "--no-color"));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "markdown", "json", "sarif"})
    void consoleWeightChangeIsDriftInEveryFormat(String format) throws Exception {
        CliRun run = drift("tfstate:" + DEMO_STATE, "--format", format);
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("LBG201").contains("shop-api-canary");
        switch (format) {
            case "json" -> {
                Golden.validate(run.out());
                JsonNode json = MAPPER.readTree(run.out());
                assertThat(json.get("command").asText()).isEqualTo("drift");
                assertThat(json.get("head").get("live").asText()).startsWith("tfstate:");
                assertThat(json.get("routeChanges")).hasSize(1);
                assertThat(json.get("missingLive")).isEmpty();
                assertThat(json.get("unmanaged")).isEmpty();
            }
            case "sarif" -> ReviewGoldenTest.validateSarif(run.out());
            case "text" -> assertThat(run.out()).contains("lbguard drift: HEAD")
                    .contains("live than in git").contains("90 -> 50");
            default -> assertThat(run.out()).contains("**lbguard drift: HIGH risk.**");
        }
    }

    @Test
    void failOnCriticalAcceptsHighDrift() {
        assertThat(drift("tfstate:" + DEMO_STATE, "--fail-on", "critical").exitCode()).isZero();
    }

    @Test
    void failOnNoneIsNever() {
        assertThat(drift("tfstate:" + DEMO_STATE).exitCode()).isEqualTo(1);
        assertThat(drift("tfstate:" + DEMO_STATE, "--fail-on", "none").exitCode()).isZero();
        assertThat(drift("tfstate:" + DEMO_STATE, "--fail-on", "NONE").exitCode()).isZero();
    }

    @Test
    void anInvariantThatHoldsInGitAndFailsLiveIsLbg016UnderThePolicysFailOnWaiversAndSeverities() throws Exception {
        // HEAD~2: the policy alone; HEAD~1: it waives LBG016 on the api rule; HEAD: it also lowers LBG201.
        String waiver = """
                waivers:
                  - rule: LBG016
                    element: aws_lb_listener_rule.api
                    reason: "canary bake-off, approved in #4711"
                    expires: 2099-12-31
                """;
        Path policyRepo = PolicyDemo.build(temp.resolve("policy-demo"), PolicyDemo.POLICY, PolicyDemo.POLICY + waiver,
                PolicyDemo.POLICY + waiver + "rules:\n  LBG201: {severity: low}\n");
        String live = "tfstate:" + DEMO_STATE;
        CliRun json = CliRun.run("drift", "--repo", policyRepo.toString(), "--rev", "HEAD~2", "--live", live,
                "--format", "json");
        // fail_on: critical, and the broken invariant is critical.
        assertThat(json.exitCode()).as(json.err() + json.out()).isEqualTo(1);
        Golden.validate(json.out());
        JsonNode report = MAPPER.readTree(json.out());
        List<JsonNode> lbg016 = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("id").asText().equals("LBG016")) {
                lbg016.add(f);
            }
        });
        // Only the invariant that held in git: the one failing in git too is no drift.
        assertThat(lbg016).hasSize(1);
        assertThat(lbg016.get(0).get("severity").asText()).isEqualTo("critical");
        assertThat(lbg016.get(0).get("message").asText()).contains("api canary stays at 10%")
                .contains("lbguard.yml:4").contains("shop-api 50%, shop-api-canary 50%");
        assertThat(lbg016.get(0).get("address").asText()).isEqualTo("aws_lb_listener_rule.api");
        assertThat(lbg016.get(0).get("file").asText()).isEqualTo("infra/edge/rules.tf");
        assertThat(lbg016.get(0).has("waiver")).isFalse();
        JsonNode invariants = report.get("policy").get("invariants");
        assertThat(invariants.get(0).get("base").asText()).isEqualTo("passed");
        assertThat(invariants.get(0).get("head").asText()).isEqualTo("failed");
        assertThat(invariants.get(0).get("broken").asBoolean()).isTrue();
        assertThat(invariants.get(1).get("base").asText()).isEqualTo("failed");
        assertThat(invariants.get(1).get("head").asText()).isEqualTo("failed");
        assertThat(invariants.get(1).get("broken").asBoolean()).isFalse();

        CliRun text = CliRun.run("drift", "--repo", policyRepo.toString(), "--rev", "HEAD~2", "--live", live,
                "--no-color");
        assertThat(text.out()).contains("Policy lbguard.yml: 2 invariants, 0 waivers")
                .contains("LBG016 Routing invariant broken").contains("invariants: 0 held, 1 broken in what runs, "
                        + "1 failing in git too");
        CliRun markdown = CliRun.run("drift", "--repo", policyRepo.toString(), "--rev", "HEAD~2", "--live", live,
                "--format", "markdown");
        assertThat(markdown.out()).contains("#### Policy").contains("| critical | LBG016 Routing invariant broken");

        // Waived, the break is still listed and no longer counts; what is left (LBG201, high) is under the
        // policy's fail_on: critical, not under --fail-on high.
        CliRun waived = CliRun.run("drift", "--repo", policyRepo.toString(), "--rev", "HEAD~1", "--live", live,
                "--format", "json");
        assertThat(waived.exitCode()).as(waived.err() + waived.out()).isZero();
        JsonNode waivedBreak = null;
        for (JsonNode f : MAPPER.readTree(waived.out()).get("findings")) {
            if (f.get("id").asText().equals("LBG016")) {
                waivedBreak = f;
            }
        }
        assertThat(waivedBreak).isNotNull();
        assertThat(waivedBreak.get("waiver").get("reason").asText()).isEqualTo("canary bake-off, approved in #4711");
        assertThat(waivedBreak.get("waiver").get("expires").asText()).isEqualTo("2099-12-31");
        assertThat(waived.out()).contains("\"LBG201\"");
        assertThat(CliRun.run("drift", "--repo", policyRepo.toString(), "--rev", "HEAD~1", "--live", live,
                "--fail-on", "high").exitCode()).isEqualTo(1);

        // The severity override of the policy at --rev applies.
        CliRun lowered = CliRun.run("drift", "--repo", policyRepo.toString(), "--live", live, "--format", "json");
        for (JsonNode f : MAPPER.readTree(lowered.out()).get("findings")) {
            if (f.get("id").asText().equals("LBG201")) {
                assertThat(f.get("severity").asText()).isEqualTo("low");
            }
        }
        assertThat(MAPPER.readTree(lowered.out()).get("policy").get("rules").get("LBG201").get("severity").asText())
                .isEqualTo("low");
    }

    @Test
    void aPolicyFileLbguardCannotReadIsAUsageError() throws Exception {
        Path broken = PolicyDemo.build(temp.resolve("broken-policy"), "version: 1\ninvariants: 3\n");
        CliRun run = CliRun.run("drift", "--repo", broken.toString(), "--live", "tfstate:" + DEMO_STATE);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("the policy file cannot be used").contains("lbguard.yml:2");
    }

    @Test
    void savedLiveSnapshotReadsBackToTheSameDrift() throws Exception {
        Path saved = temp.resolve("live.json");
        CliRun first = drift("tfstate:" + DEMO_STATE, "--format", "json", "--save-live", saved.toString());
        CliRun again = drift("snapshot:" + saved, "--format", "json");
        assertThat(again.err()).isEmpty();
        assertThat(again.exitCode()).isEqualTo(first.exitCode());
        ObjectNode a = (ObjectNode) MAPPER.readTree(first.out());
        ObjectNode b = (ObjectNode) MAPPER.readTree(again.out());
        a.remove("head");
        b.remove("head");
        assertThat(b.toString().replace("snapshot:" + saved, "X")).isEqualTo(a.toString()
                .replace("tfstate:" + DEMO_STATE, "X"));
    }

    @Test
    void missingAndUnmanagedElementsAreReported() throws Exception {
        ObjectNode state = (ObjectNode) MAPPER.readTree(DEMO_STATE.toFile());
        ArrayNode resources = (ArrayNode) state.get("resources");
        for (JsonNode r : resources) {
            if (r.get("type").asText().equals("aws_lb_listener_rule") && r.get("name").asText().equals("checkout")) {
                ((ObjectNode) r).put("name", "checkout_console_copy");
            }
        }
        Path file = temp.resolve("renamed.tfstate");
        MAPPER.writeValue(file.toFile(), state);
        CliRun run = drift("tfstate:" + file, "--format", "json");
        JsonNode json = MAPPER.readTree(run.out());
        Golden.validate(run.out());
        // Matched by priority under the same listener: the same rule, not a missing and an unmanaged one.
        assertThat(json.get("missingLive")).isEmpty();
        assertThat(json.get("unmanaged")).isEmpty();
        for (JsonNode r : resources) {
            if (r.get("type").asText().equals("aws_lb_listener_rule") && r.get("name").asText().equals("payments")) {
                ((ObjectNode) r.get("instances").get(0).get("attributes")).put("priority", 31);
                ((ObjectNode) r).put("name", "payments_console");
            }
        }
        ((ObjectNode) resources.get(0)).put("name", "shop_console");
        MAPPER.writeValue(file.toFile(), state);
        json = MAPPER.readTree(drift("tfstate:" + file, "--format", "json").out());
        // The load balancer is matched by name; the rule, renamed and moved, by nothing.
        assertThat(json.get("unmanaged").toString()).contains("aws_lb_listener_rule.payments_console")
                .doesNotContain("aws_lb.");
        assertThat(json.get("missingLive").toString()).contains("aws_lb_listener_rule.payments");
        assertThat(json.get("findings").toString()).contains("LBG202").contains("LBG203");
    }

    @ParameterizedTest
    @CsvSource({
        "tfstate:MALFORMED/truncated.tfstate, is the file truncated",
        "tfstate:MALFORMED/version3.tfstate, format version 3",
        "tfstate:MALFORMED/not-json.tfstate, is not valid JSON",
        "tfstate:MALFORMED/number-out-of-range.tfstate, is not valid JSON",
        "plan:MALFORMED/errored-plan.json, errored",
        "tfstate:MALFORMED/no-such.tfstate, no such file",
        "tfshow:MALFORMED/version3.tfstate, tfstate:",
        "nonsense:x, unknown live source",
        "aws:eu-west-1?endpoint=http://127.0.0.1:9, aws:eu-west-1"})
    void unusableLiveInputIsOneClearLineAndExitTwo(String spec, String message) {
        CliRun run = drift(spec.replace("MALFORMED", LIVE.resolve("malformed").toString()));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("lbguard: ").contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        if (!spec.startsWith("nonsense") && !spec.startsWith("aws")) {
            assertThat(run.err()).contains(spec.substring(0, spec.indexOf(':') + 1));
        }
    }

    @Test
    void partlyReadableStateIsIncompleteNeverNoDrift() {
        CliRun run = drift("tfstate:" + LIVE.resolve("malformed/rule-without-attributes.tfstate"), "--fail-on", "never");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("INCOMPLETE").contains("aws_lb_listener_rule.payments has no attributes")
                .doesNotContain("No drift");
    }

    @Test
    void aSensitiveHeaderConditionFromAFreshApplyIsNoDriftAndIsNeverPrinted() throws Exception {
        // Applied with terraform to moto: the rule matches a secret header (the CDN's origin-verify pattern), and
        // the state marks its whole condition sensitive. The comparison needs the value; no output may show it.
        Path sensitive = LIVE.resolve("sensitive");
        Path repoDir = temp.resolve("sensitive-repo");
        try (TestHistory h = TestHistory.init(repoDir)) {
            h.write("main.tf", Files.readString(LIVE.resolve("domain/tf-main.tf")) + "\n"
                    + Files.readString(sensitive.resolve("origin.tf")));
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T09:00:00Z"), "origin verify");
        }
        String secret = "S3CR3T-ORIGIN-VERIFY";
        Path saved = temp.resolve("sensitive-live.json");
        StringBuilder all = new StringBuilder();
        for (String format : List.of("text", "markdown", "json", "sarif")) {
            CliRun run = CliRun.run("drift", "--repo", repoDir.toString(), "--live",
                    "tfstate:" + sensitive.resolve("terraform.tfstate"), "--format", format, "--save-live",
                    saved.toString(), "--no-color");
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            all.append(run.out()).append(run.err()).append(Files.readString(saved));
        }
        assertThat(all.toString()).doesNotContain(secret);
        CliRun routes = CliRun.run(java.util.Map.of("TF_VAR_origin_secret", "FROM-CI-VAULT"), "routes", "--repo",
                repoDir.toString(), "--format", "json");
        assertThat(routes.out()).doesNotContain("FROM-CI-VAULT").contains("(sensitive value hidden)");
        // The saved snapshot hid the value, so a drift read back from it cannot be exact, and says so.
        CliRun again = CliRun.run("drift", "--repo", repoDir.toString(), "--live", "snapshot:" + saved, "--no-color");
        assertThat(again.exitCode()).isIn(1, 3);
        assertThat(again.out()).contains("INCOMPLETE").contains("sensitive value(s) that --save-live hid")
                .doesNotContain(secret);
    }

    @Test
    void aStateWithOneAddressTwiceIsIncompleteNotAnInternalError() throws Exception {
        ObjectNode state = (ObjectNode) MAPPER.readTree(DEMO_STATE.toFile());
        ArrayNode resources = (ArrayNode) state.get("resources");
        JsonNode rule = resources.findParents("type").stream()
                .filter(r -> r.path("type").asText().equals("aws_lb_listener_rule")).findFirst().orElseThrow();
        ((ArrayNode) rule.get("instances")).add(rule.get("instances").get(0).deepCopy());
        Path dupe = temp.resolve("dupe.tfstate");
        Files.writeString(dupe, state.toString());
        CliRun run = drift("tfstate:" + dupe, "--fail-on", "never");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).contains("appears more than once in the state");
    }

    @Test
    void secretsInTheStateReachNoOutput() throws Exception {
        Path state = temp.resolve("canary.tfstate");
        Files.writeString(state, canaryState());
        Path saved = temp.resolve("canary-live.json");
        StringBuilder all = new StringBuilder();
        for (String format : List.of("text", "markdown", "json", "sarif")) {
            CliRun run = drift("tfstate:" + state, "--format", format, "--save-live", saved.toString());
            assertThat(run.exitCode()).as(run.err()).isIn(0, 1, 3);
            assertThat(run.out()).contains("aws_lb_listener_rule.login");
            all.append(run.out()).append(run.err()).append(Files.readString(saved));
        }
        CliRun broken = drift("tfstate:" + state.resolveSibling("missing-" + CANARY));
        all.append(broken.err()).append(broken.out());
        // The canary in a broken file: the parse error must not quote it.
        Path truncated = temp.resolve("canary-truncated.tfstate");
        String text = canaryState();
        Files.writeString(truncated, text.substring(0, text.indexOf(CANARY) + 10));
        all.append(drift("tfstate:" + truncated).err());
        Path garbage = temp.resolve("canary-garbage.tfstate");
        Files.writeString(garbage, "{\"version\": 4, \"x\": " + CANARY + "}");
        all.append(drift("tfstate:" + garbage).err());
        assertThat(all.toString().replace("missing-" + CANARY, "missing-file")).doesNotContain(CANARY)
                .doesNotContain("Y2FuYXJ5");
    }

    /** The demo's state plus an OIDC rule and a database, with {@link #CANARY} in every place that holds secrets. */
    private static String canaryState() throws Exception {
        ObjectNode state = (ObjectNode) MAPPER.readTree(DEMO_STATE.toFile());
        state.putObject("outputs").putObject("db_password").put("value", CANARY).put("type", "string")
                .put("sensitive", true);
        ArrayNode resources = (ArrayNode) state.get("resources");
        String listener = resources.findValues("attributes").stream()
                .filter(a -> a.path("port").asInt() == 443 && a.has("default_action"))
                .findFirst().orElseThrow().get("arn").asText();
        String rule = """
                {"mode": "managed", "type": "aws_lb_listener_rule", "name": "login",
                 "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                 "instances": [{"schema_version": 0,
                   "attributes": {"arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/x/1/2/3",
                     "id": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/x/1/2/3",
                     "listener_arn": "LISTENER", "priority": 5, "tags": {"owner": "CANARY"}, "tags_all": {"owner": "CANARY"},
                     "action": [
                       {"type": "authenticate-oidc", "order": 1, "target_group_arn": "", "forward": [], "redirect": [],
                        "fixed_response": [], "authenticate_cognito": [],
                        "authenticate_oidc": [{"authorization_endpoint": "https://idp.example.com/auth",
                          "client_id": "CANARY", "client_secret": "CANARY", "issuer": "https://idp.example.com",
                          "token_endpoint": "https://idp.example.com/token", "user_info_endpoint": "https://idp.example.com/me",
                          "authentication_request_extra_params": {"secret_param": "CANARY"}, "on_unauthenticated_request": "authenticate",
                          "scope": "openid", "session_cookie_name": "AWSELBAuthSessionCookie", "session_timeout": 604800}]},
                       {"type": "fixed-response", "order": 2, "target_group_arn": "", "forward": [], "redirect": [],
                        "authenticate_cognito": [], "authenticate_oidc": [],
                        "fixed_response": [{"content_type": "text/plain", "message_body": "CANARY", "status_code": "200"}]}],
                     "condition": [{"host_header": [{"values": ["login.shop.example.com"]}], "http_header": [],
                       "http_request_method": [], "path_pattern": [], "query_string": [], "source_ip": []}]},
                   "sensitive_attributes": [
                     [{"type": "get_attr", "value": "action"}, {"type": "index", "value": {"value": 0, "type": "number"}},
                      {"type": "get_attr", "value": "authenticate_oidc"}, {"type": "index", "value": {"value": 0, "type": "number"}},
                      {"type": "get_attr", "value": "client_id"}],
                     [{"type": "get_attr", "value": "action"}, {"type": "index", "value": {"value": 0, "type": "number"}},
                      {"type": "get_attr", "value": "authenticate_oidc"}, {"type": "index", "value": {"value": 0, "type": "number"}},
                      {"type": "get_attr", "value": "authentication_request_extra_params"}],
                     [{"type": "get_attr", "value": "action"}, {"type": "index", "value": {"value": 1, "type": "number"}},
                      {"type": "get_attr", "value": "fixed_response"}, {"type": "index", "value": {"value": 0, "type": "number"}},
                      {"type": "get_attr", "value": "message_body"}],
                     [{"type": "get_attr", "value": "tags"}], [{"type": "get_attr", "value": "tags_all"}]],
                   "private": "Y2FuYXJ5LTdmM2M5MWUyLXNlY3JldC1uZXZlci1wcmludA=="}]}
                """.replace("LISTENER", listener).replace("CANARY", CANARY);
        resources.add(MAPPER.readTree(rule));
        resources.add(MAPPER.readTree("""
                {"mode": "managed", "type": "aws_db_instance", "name": "orders",
                 "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                 "instances": [{"schema_version": 2, "attributes": {"identifier": "orders", "password": "CANARY",
                   "username": "shop"}, "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]]}]}
                """.replace("CANARY", CANARY)));
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state);
    }
}

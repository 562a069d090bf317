package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.cli.demo.BundledDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --traffic} on the demo history with a seeded log of known counts ({@link DemoTraffic}): review, drift,
 * timeline, rollback and check; bad sources; privacy. Golden reports for drift and timeline.
 */
class TrafficCommandTest {
    private static final Path EXPECTED = Golden.FIXTURES.resolve("demo/expected");
    /** Relative, as a user gives it: the drift report names it, and must read the same in every checkout. */
    private static final String DEMO_STATE = "tfstate:" + Path.of("").toAbsolutePath()
            .relativize(Golden.FIXTURES.resolve("demo/live/terraform.tfstate")).toString().replace('\\', '/');
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Path temp;
    private static String repo;
    /** Relative to the working directory, as a user gives it, so that reports naming it are the same everywhere. */
    private static String demoLog;

    @BeforeAll
    static void buildDemo() throws Exception {
        temp = Files.createTempDirectory("lbguard-traffic");
        BundledDemo.buildInto(temp.resolve("demo"));
        repo = temp.resolve("demo").toString();
        demoLog = "alb:" + DemoTraffic.write(Path.of("target/traffic-test/demo-access.log.gz"), 24)
                .toString().replace('\\', '/');
    }

    private static CliRun lbguard(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.addAll(java.util.List.of("--repo", repo, "--no-color"));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void driftWeighsTheConsoleCanaryChangeByTheApiRequestsItMoves() throws Exception {
        CliRun json = lbguard("drift", "--live", DEMO_STATE, "--traffic", demoLog, "--format", "json");
        assertThat(json.err()).isEmpty();
        Golden.validate(json.out());
        JsonNode t = MAPPER.readTree(json.out()).get("traffic");
        // Every api request goes to another split (90/10 in git, 50/50 live): all of them, and nothing else, moved.
        assertThat(t.get("requests").asLong()).isEqualTo(DemoTraffic.REQUESTS);
        assertThat(t.get("moved").asLong()).isEqualTo(DemoTraffic.API);
        assertThat(t.get("malformed").asLong()).isEqualTo(DemoTraffic.UNREADABLE);
        assertThat(t.get("undecided").asLong()).isZero();
        java.util.Map<String, double[]> loads = new java.util.HashMap<>();
        t.get("destinations").forEach(d -> loads.put(d.get("destination").asText(),
                new double[] {d.get("before").asDouble(), d.get("after").asDouble()}));
        assertThat(loads.get("target group shop-api")).containsExactly(0.9 * DemoTraffic.API, 0.5 * DemoTraffic.API);
        assertThat(loads.get("target group shop-api-canary")).containsExactly(0.1 * DemoTraffic.API,
                0.5 * DemoTraffic.API);
        assertThat(json.out()).contains("/v1/orders/{id}").doesNotContain("198.51.100").doesNotContain("tok")
                .doesNotContain("4111");
        Golden.check(EXPECTED.resolve("drift-traffic.json"), json.out());
        Golden.check(EXPECTED.resolve("drift-traffic.txt"), lbguard("drift", "--live", DEMO_STATE, "--traffic",
                demoLog).out());
        // Asked for, the paths are shown as logged; the clients still are not.
        CliRun shown = lbguard("drift", "--live", DEMO_STATE, "--traffic", demoLog, "--show-requests");
        assertThat(shown.out()).containsPattern("/v1/orders/\\d{6}").doesNotContain("{id}").doesNotContain("198.51.100");
    }

    @Test
    void timelineRanksTheCommitThatMovedTheMostLoggedRequestsFirst() throws Exception {
        CliRun plain = lbguard("timeline", "--range", "HEAD~4..HEAD", "--format", "json");
        CliRun weighed = lbguard("timeline", "--range", "HEAD~4..HEAD", "--format", "json", "--traffic", demoLog);
        assertThat(weighed.err()).isEmpty();
        Golden.validate(weighed.out());
        JsonNode byRisk = MAPPER.readTree(plain.out()).get("commits");
        JsonNode byTraffic = MAPPER.readTree(weighed.out()).get("commits");
        // At the top, the window's net change weighed: every request either commit moved.
        assertThat(MAPPER.readTree(weighed.out()).at("/traffic/moved").asLong())
                .isEqualTo(DemoTraffic.API + DemoTraffic.CHECKOUT + DemoTraffic.CART + DemoTraffic.PAYMENTS);
        assertThat(byRisk.get(0).get("subject").asText()).isEqualTo("Networking updates");
        // The canary split moves every api request (its destination is another split) and sends a tenth of them,
        // 300, to another target group; the campaign rule sends checkout, cart and payments (250) elsewhere. Ranked by
        // risk the campaign comes first; ranked by the requests sent elsewhere, the canary does.
        assertThat(byTraffic.get(0).get("subject").asText()).startsWith("api:");
        assertThat(byTraffic.get(0).get("traffic").get("moved").asLong()).isEqualTo(DemoTraffic.API);
        assertThat(byTraffic.get(0).get("traffic").get("shifted").asDouble()).isEqualTo(0.1 * DemoTraffic.API);
        assertThat(byTraffic.get(1).get("subject").asText()).isEqualTo("Networking updates");
        assertThat(byTraffic.get(1).get("traffic").get("moved").asLong())
                .isEqualTo(DemoTraffic.CHECKOUT + DemoTraffic.CART + DemoTraffic.PAYMENTS);
        assertThat(byTraffic.get(1).get("traffic").get("shifted").asDouble())
                .isEqualTo(DemoTraffic.CHECKOUT + DemoTraffic.CART + DemoTraffic.PAYMENTS);
        Golden.check(EXPECTED.resolve("timeline-traffic.txt"),
                lbguard("timeline", "--range", "HEAD~4..HEAD", "--traffic", demoLog).out());
        Golden.check(EXPECTED.resolve("timeline-traffic.md"),
                lbguard("timeline", "--range", "HEAD~4..HEAD", "--traffic", demoLog, "--format", "markdown").out());
    }

    @Test
    void rollbackAndCheckWeighTheirRequestsToo() throws Exception {
        CliRun rollback = lbguard("rollback", "--to", "HEAD~2", "--format", "json", "--traffic", demoLog);
        assertThat(rollback.err()).isEmpty();
        JsonNode t = MAPPER.readTree(rollback.out()).get("traffic");
        assertThat(t.get("moved").asLong()).isEqualTo(DemoTraffic.CHECKOUT + DemoTraffic.CART + DemoTraffic.PAYMENTS);
        CliRun check = lbguard("check", "--format", "json", "--traffic", demoLog);
        assertThat(check.err()).isEmpty();
        Golden.validate(check.out());
        assertThat(MAPPER.readTree(check.out()).at("/traffic/malformed").asLong()).isEqualTo(DemoTraffic.UNREADABLE);
        JsonNode c = MAPPER.readTree(check.out()).get("traffic");
        assertThat(c.get("requests").asLong()).isEqualTo(DemoTraffic.REQUESTS);
        long onRules = 0;
        for (JsonNode r : c.get("rules")) {
            onRules += r.get("requests").asLong();
        }
        assertThat(onRules).isEqualTo(DemoTraffic.REQUESTS - c.get("undecided").asLong());
        assertThat(lbguard("check", "--traffic", demoLog).out()).contains("Traffic: invariants exercise the rules that take");
        CliRun alone = lbguard("review", "--base", "HEAD~1", "--show-requests");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--show-requests goes with --traffic");
    }

    @AfterAll
    static void clean() {
        BundledDemo.delete(temp);
    }

    private static String line(String client, String request) {
        return "h2 2026-11-24T15:41:00.000000Z app/shop-edge-prod/50dc6c495c0c9188 " + client + " 10.0.1.5:8080 "
                + "0.000 0.004 0.000 200 200 120 1450 \"" + request + " HTTP/2.0\" \"Mozilla/5.0\" "
                + "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2";
    }

    @Test
    void aGzippedAlbLogWeighsTheIncidentWithoutPrintingClientsOrQueries() throws Exception {
        Path log = temp.resolve("logs/access.log.gz");
        Files.createDirectories(log.getParent());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lines.append(line("198.51.100." + (i + 1) + ":4000", "GET https://shop.example.com:443/?session=s3cr3t"))
                    .append('\n');
        }
        for (int i = 0; i < 10; i++) {
            lines.append(line("198.51.100.99:4000", "POST https://shop.example.com:443/checkout/pay?card=4111"))
                    .append('\n');
        }
        lines.append("garbage\n");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(log))) {
            out.write(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        CliRun run = CliRun.run("review", "--repo", repo, "--base", "HEAD~2", "--head", "HEAD~1", "--traffic",
                log.getParent().toString(), "--format", "json");
        assertThat(run.err()).isEmpty();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.at("/traffic/requests").asLong()).isEqualTo(40);
        assertThat(report.at("/traffic/moved").asLong()).isEqualTo(10);
        assertThat(report.at("/traffic/malformed").asLong()).isEqualTo(1);
        assertThat(report.at("/traffic/risk").asText()).isEqualTo("high");
        assertThat(report.at("/risk").asText()).isIn("high", "critical");
        assertThat(run.out()).doesNotContain("198.51.100").doesNotContain("s3cr3t").doesNotContain("4111");
        CliRun text = CliRun.run("review", "--repo", repo, "--base", "HEAD~2", "--head", "HEAD~1", "--traffic",
                "alb:" + log, "--no-color");
        assertThat(text.out()).contains("Traffic: moves 10 of 40 logged requests (25%)")
                .doesNotContain("198.51.100").doesNotContain("4111");
    }

    @Test
    void aLogOfAnotherLoadBalancerSaysWhichOneItIs() throws Exception {
        Path log = temp.resolve("staging.jsonl");
        Files.writeString(log, "{\"lb\": \"shop-edge-staging\", \"port\": 443, \"host\": \"shop.example.com\", "
                + "\"path\": \"/checkout/pay\", \"count\": 5}\n");
        CliRun run = lbguard("review", "--base", "HEAD~2", "--head", "HEAD~1", "--traffic", "jsonl:" + log);
        assertThat(run.out()).contains("Traffic: moves 0 of 0 logged requests (0%); 5 on listeners not read here: "
                + "shop-edge-staging:443 (5).");
    }

    /**
     * The log is read while the snapshots are, its requests reduced as rules without query, source-ip or header
     * conditions let them be; rules that test the query and the client have it read again, keeping both.
     */
    @Test
    void rulesOnTheQueryAndTheClientWeighTheLogByThem() throws Exception {
        Path dir = temp.resolve("query-rules");
        try (TestHistory h = TestHistory.init(dir)) {
            h.write("main.tf", queryRules("beta")).commit(TestHistory.who("Ann", "2026-12-01T10:00:00Z"), "rules");
            h.write("main.tf", queryRules("web")).commit(TestHistory.who("Ann", "2026-12-02T10:00:00Z"), "no beta");
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String query = i < 7 ? "?beta=1&page=" + i : "?page=" + i;
            String client = i < 3 ? "203.0.113.9:4000" : "198.51.100." + (i + 1) + ":4000";
            lines.append(line(client, "GET https://shop.example.com:443/cart" + query)).append('\n');
        }
        Path log = temp.resolve("query-rules.log");
        Files.writeString(log, lines);

        CliRun run = CliRun.run("review", "--repo", dir.toString(), "--base", "HEAD~1", "--head", "HEAD",
                "--traffic", "alb:" + log, "--format", "json");

        assertThat(run.err()).isEmpty();
        JsonNode report = MAPPER.readTree(run.out());
        assertThat(report.at("/traffic/requests").asLong()).isEqualTo(12);
        assertThat(report.at("/traffic/undecided").asLong()).isZero();
        // ?beta=1 moves from beta to web but from the office, whose rule comes first: 4 of the 7.
        assertThat(report.at("/traffic/moved").asLong()).isEqualTo(4);
    }

    private static String queryRules(String betaGroup) {
        return """
                resource "aws_lb" "edge" {
                  name               = "shop-edge-prod"
                  load_balancer_type = "application"
                  subnets            = ["subnet-a", "subnet-b"]
                }

                resource "aws_lb_target_group" "tg" {
                  for_each = toset(["web", "beta", "office"])
                  name     = each.key
                  port     = 8080
                  protocol = "HTTP"
                  vpc_id   = "vpc-1"
                }

                resource "aws_lb_listener" "https" {
                  load_balancer_arn = aws_lb.edge.arn
                  port              = 443
                  protocol          = "HTTPS"
                  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/shop"
                  default_action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.tg["web"].arn
                  }
                }

                resource "aws_lb_listener_rule" "office" {
                  listener_arn = aws_lb_listener.https.arn
                  priority     = 1
                  action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.tg["office"].arn
                  }
                  condition {
                    source_ip {
                      values = ["203.0.113.0/24"]
                    }
                  }
                }

                resource "aws_lb_listener_rule" "beta" {
                  listener_arn = aws_lb_listener.https.arn
                  priority     = 2
                  action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.tg["%s"].arn
                  }
                  condition {
                    query_string {
                      key   = "beta"
                      value = "1"
                    }
                  }
                }
                """.formatted(betaGroup);
    }

    @Test
    void aMissingLogIsAUsageErrorNamingIt() {
        CliRun run = CliRun.run("review", "--repo", repo, "--base", "HEAD~2", "--head", "HEAD~1", "--traffic",
                "alb:" + temp.resolve("no-such-dir"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-dir").doesNotContain("\tat ");
        CliRun kind = CliRun.run("review", "--repo", repo, "--base", "HEAD~2", "--head", "HEAD~1", "--traffic",
                "nginx:" + temp);
        assertThat(kind.exitCode()).isEqualTo(2);
        assertThat(kind.err()).contains("nginx");
    }
}

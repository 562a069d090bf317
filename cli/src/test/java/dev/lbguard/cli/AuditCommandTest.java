package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.cli.demo.BundledDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} on the demo: drift against HEAD and the known-good mark, history line, Prometheus textfile, and the
 * invariants of a policy file judged on what runs.
 */
class AuditCommandTest {
    private static final Map<String, String> ENV = Map.of("LBGUARD_NOW", "2026-11-24T18:00:00Z",
            "GIT_COMMITTER_NAME", "Cron", "GIT_COMMITTER_EMAIL", "cron@shop.example.com");

    @TempDir
    static Path temp;
    static Path repo;
    static String live;

    @BeforeAll
    static void demo() throws Exception {
        repo = temp.resolve("demo");
        BundledDemo.buildInto(repo);
        Path state = temp.resolve("live/terraform.tfstate");
        BundledDemo.writeLiveState(state);
        live = "tfstate:" + state;
    }

    @Test
    void withoutAMarkItAuditsAgainstHeadAndSaysNoKnownGoodIsMarked() {
        Path fresh = temp.resolve("fresh");
        CliRun run = CliRun.run(ENV, "audit", "--repo", repo.toString(), "--dir", "infra/edge", "--live", live, "--no-color");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("against HEAD:       risk high, 1 rerouted request classes")
                .contains("no known-good revision is marked");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void historyAppendsOneLinePerRunAndPromIsWholeAndComplete() throws Exception {
        assertThat(CliRun.run(ENV, "baseline", "mark", "HEAD~2", "--repo", repo.toString(), "--note", "verified")
                .exitCode()).isZero();
        Path history = temp.resolve("audit.jsonl");
        Path prom = temp.resolve("lbguard.prom");
        for (int i = 0; i < 2; i++) {
            CliRun run = CliRun.run(ENV, "audit", "--repo", repo.toString(), "--dir", "infra/edge", "--live", live, "--history",
                    history.toString(), "--prom", prom.toString(), "--format", "json");
            assertThat(run.exitCode()).isEqualTo(1);
            Golden.validate(run.out());
            assertThat(run.out()).contains("\"againstKnownGood\"").contains("\"note\" : \"verified\"");
        }
        List<String> lines = Files.readAllLines(history);
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"time\":\"2026-11-24T18:00:00Z\""));
        String metrics = Files.readString(prom);
        assertThat(metrics)
                .contains("lbguard_drift_rerouted_request_classes{live=\"" + live + "\",against=\"head\"} 1")
                .contains("lbguard_drift_risk{live=\"" + live + "\",against=\"head\"} 3")
                .contains("against=\"known_good\"")
                .contains("lbguard_analysis_complete{live=\"" + live + "\"} 1")
                .contains("# TYPE lbguard_seconds_since_known_good gauge")
                // The demo's lbguard.yml: checkout fails (in git too, since the campaign rule), and the canary's
                // 90/10 split, which git keeps, is 50/50 on what runs; plain HTTP still redirects.
                .contains("lbguard_invariants_failing{live=\"" + live + "\"} 2");
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void everyInvariantFailingLiveIsCountedInTheGaugeAndNamedInTheReport() throws Exception {
        Path policyRepo = PolicyDemo.build(temp.resolve("policy-demo"), PolicyDemo.POLICY);
        Path prom = temp.resolve("policy.prom");
        Path history = temp.resolve("policy.jsonl");
        CliRun json = CliRun.run(ENV, "audit", "--repo", policyRepo.toString(), "--dir", "infra/edge", "--live",
                live, "--prom", prom.toString(), "--history", history.toString(), "--format", "json");
        // fail_on: critical from lbguard.yml, and the break of the critical invariant reaches it.
        assertThat(json.exitCode()).as(json.err() + json.out()).isEqualTo(1);
        Golden.validate(json.out());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("policyFile").asText()).isEqualTo("lbguard.yml");
        assertThat(report.get("invariantsFailing").asInt()).isEqualTo(2);
        assertThat(report.get("policy").get("invariants").get(0).get("broken").asBoolean()).isTrue();
        JsonNode invariants = report.get("invariants");
        assertThat(invariants).hasSize(2);
        assertThat(invariants.get(0).get("name").asText()).isEqualTo("api canary stays at 10%");
        assertThat(invariants.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(invariants.get(0).get("desired").asText()).isEqualTo("passed");
        assertThat(invariants.get(0).get("actual").asText()).isEqualTo("forward shop-api 50%, shop-api-canary 50%");
        assertThat(invariants.get(0).get("rule").asText()).isEqualTo("aws_lb_listener_rule.api");
        // Failing in git too is no drift, but clients meet it all the same: it counts.
        assertThat(invariants.get(1).get("name").asText()).isEqualTo("api never reaches the canary");
        assertThat(invariants.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(invariants.get(1).get("desired").asText()).isEqualTo("failed");
        List<String> ids = new ArrayList<>();
        report.get("findings").forEach(f -> ids.add(f.get("id").asText()));
        assertThat(ids).containsOnlyOnce("LBG016");
        List<String> metrics = Files.readAllLines(prom);
        int at = metrics.indexOf("# HELP lbguard_invariants_failing Invariants of the policy file (lbguard.yml at the "
                + "branch head, or --policy) that fail on what runs, whether or not they hold in git.");
        assertThat(at).as(String.join("\n", metrics)).isNotNegative();
        assertThat(metrics.subList(at + 1, at + 3)).containsExactly("# TYPE lbguard_invariants_failing gauge",
                "lbguard_invariants_failing{live=\"" + live + "\"} 2");
        assertThat(Files.readString(history)).contains("\"invariantsFailing\":2");

        CliRun text = CliRun.run(ENV, "audit", "--repo", policyRepo.toString(), "--dir", "infra/edge", "--live",
                live, "--no-color");
        assertThat(text.out()).contains("invariants live:    2 of 2 failing (lbguard.yml)")
                .contains("FAILED   api canary stays at 10%  lbguard.yml:4")
                .contains("expected forward shop-api 90, shop-api-canary 10; live: forward shop-api 50%, "
                        + "shop-api-canary 50%")
                .contains("in git: passed")
                .contains("FAILED   api never reaches the canary  lbguard.yml:9")
                .contains("in git: failed")
                .contains("LBG016");
        // --fail-on, when given, wins over the policy's fail_on.
        assertThat(CliRun.run(ENV, "audit", "--repo", policyRepo.toString(), "--dir", "infra/edge", "--live", live,
                "--fail-on", "never").exitCode()).isZero();
    }

    @Test
    void aFailedReadTurnsTheTextfileIncompleteAndLeavesAHistoryLine() throws Exception {
        Path dir = temp.resolve("failing");
        Files.createDirectories(dir);
        Path history = dir.resolve("audit.jsonl");
        Path prom = dir.resolve("lbguard.prom");
        Files.writeString(history, "{\"time\":\"earlier\"}"); // a last line left without its line feed
        CliRun ok = CliRun.run(ENV, "audit", "--repo", repo.toString(), "--dir", "infra/edge", "--live", live,
                "--prom", prom.toString());
        assertThat(ok.exitCode()).isEqualTo(1);
        assertThat(Files.readString(prom)).contains("lbguard_analysis_complete{live=\"" + live + "\"} 1")
                .contains("lbguard_audit_inputs_read{live=\"" + live + "\"} 1");
        // A collector running as another user reads it, as it reads a file written by hand.
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(prom)))
                .isEqualTo("rw-r--r--");
        CliRun failed = CliRun.run(ENV, "audit", "--repo", repo.toString(), "--live", "tfstate:/nonexistent.tfstate",
                "--prom", prom.toString(), "--history", history.toString());
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(Files.readString(prom)).contains("lbguard_analysis_complete{live=\"tfstate:/nonexistent.tfstate\"} 0")
                .contains("lbguard_audit_inputs_read{live=\"tfstate:/nonexistent.tfstate\"} 0");
        List<String> lines = Files.readAllLines(history);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("\"complete\":false").contains("\"error\":");
        // A device that never ends (the fuzz campaign's tfstate:/dev/zero) fails the same way, after a good run.
        assertThat(CliRun.run(ENV, "audit", "--repo", repo.toString(), "--dir", "infra/edge", "--live", live,
                "--prom", prom.toString()).exitCode()).isEqualTo(1);
        CliRun zero = CliRun.run(ENV, "audit", "--repo", repo.toString(), "--live", "tfstate:/dev/zero",
                "--prom", prom.toString());
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(Files.readString(prom)).contains("lbguard_audit_inputs_read{live=\"tfstate:/dev/zero\"} 0");
    }

    @Test
    void anUnreadableRepositoryAlsoTurnsTheTextfileIncomplete() throws Exception {
        Path prom = temp.resolve("norepo.prom");
        Path notARepo = temp.resolve("not-a-repo");
        Files.createDirectories(notARepo);
        CliRun run = CliRun.run(ENV, "audit", "--repo", notARepo.toString(), "--live", live, "--prom", prom.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Files.readString(prom)).contains("lbguard_analysis_complete{live=\"" + live + "\"} 0")
                .contains("lbguard_audit_inputs_read{live=\"" + live + "\"} 0");
    }

    @Test
    void aFormatAuditDoesNotWriteIsRefusedBeforeAnythingIsWritten() {
        Path history = temp.resolve("refused.jsonl");
        Path prom = temp.resolve("refused.prom");
        CliRun run = CliRun.run(ENV, "audit", "--repo", repo.toString(), "--live", live, "--format", "markdown",
                "--history", history.toString(), "--prom", prom.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(history).doesNotExist();
        assertThat(prom).doesNotExist();
    }

    @Test
    void aLineFeedInTheLiveSourceIsEscapedInTheTextfile() throws Exception {
        Path odd = temp.resolve("odd\nname.tfstate");
        BundledDemo.writeLiveState(odd);
        Path prom = temp.resolve("odd.prom");
        CliRun.run(ENV, "audit", "--repo", repo.toString(), "--dir", "infra/edge", "--live", "tfstate:" + odd,
                "--prom", prom.toString());
        assertThat(Files.readString(prom).lines().filter(l -> !l.startsWith("#")))
                .allSatisfy(l -> assertThat(l).matches("lbguard_[a-z_]+\\{live=\".*odd\\\\nname\\.tfstate\"(,against=\"[a-z_]+\")?\\} \\d+"));
    }

    @Test
    void anUnreadableLiveSourceIsExitTwoWithOneLine() {
        CliRun run = CliRun.run(ENV, "audit", "--repo", repo.toString(), "--live", "tfstate:/nonexistent.tfstate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("tfstate:");
    }
}

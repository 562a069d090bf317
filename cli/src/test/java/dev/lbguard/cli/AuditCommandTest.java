package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.cli.demo.BundledDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit} on the demo: drift against HEAD and the known-good mark, history line, Prometheus textfile. */
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
                .contains("# TYPE lbguard_seconds_since_known_good gauge");
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void anUnreadableLiveSourceIsExitTwoWithOneLine() {
        CliRun run = CliRun.run(ENV, "audit", "--repo", repo.toString(), "--live", "tfstate:/nonexistent.tfstate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("tfstate:");
    }
}

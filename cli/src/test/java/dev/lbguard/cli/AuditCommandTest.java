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

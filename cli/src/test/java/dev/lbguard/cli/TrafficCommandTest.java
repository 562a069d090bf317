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

/** {@code review --traffic} on the demo history: counts from a gzipped log, bad sources, privacy. */
class TrafficCommandTest {
    private static Path temp;
    private static String repo;

    @BeforeAll
    static void buildDemo() throws Exception {
        temp = Files.createTempDirectory("lbguard-traffic");
        BundledDemo.buildInto(temp.resolve("demo"));
        repo = temp.resolve("demo").toString();
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
        assertThat(run.out()).doesNotContain("198.51.100").doesNotContain("s3cr3t").doesNotContain("4111");
        CliRun text = CliRun.run("review", "--repo", repo, "--base", "HEAD~2", "--head", "HEAD~1", "--traffic",
                "alb:" + log, "--no-color");
        assertThat(text.out()).contains("Traffic: moves 10 of 40 logged requests (25%)")
                .doesNotContain("198.51.100").doesNotContain("4111");
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

package dev.lbguard.source.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated logs with known counts read exactly; paths that cannot be read stop with a message saying why. */
class TrafficSourcesTest {
    private static final String ALB_LINE = "https 2026-12-06T12:00:01.000000Z app/shop-edge/50dc6c495c0c9188 "
            + "203.0.113.9:2817 10.0.0.66:9000 0.000 0.002 0.000 200 200 5 257 "
            + "\"GET https://shop.example.com:443/cart HTTP/1.1\" \"curl/8.5.0\" - -";

    @TempDir
    Path dir;

    static Map<GeneratedLogs.Counted, Long> counts(TrafficLog log) {
        Map<GeneratedLogs.Counted, Long> counts = new HashMap<>();
        for (LoggedRequest r : log.requests()) {
            assertThat(counts.put(new GeneratedLogs.Counted(r.loadBalancer(), r.port(), r.request()), r.count()))
                    .as("aggregated once: %s", r).isNull();
        }
        return counts;
    }

    @Test
    void generatedLogsAreCountedExactly() throws Exception {
        GeneratedLogs logs = GeneratedLogs.write(dir, 24L, 5000, 3000);

        TrafficLog log = TrafficSources.read(List.of("alb:" + logs.alb, "haproxy:" + logs.haproxy));

        assertThat(counts(log)).isEqualTo(logs.expected);
        assertThat(log.total()).isEqualTo(logs.total());
        assertThat(log.malformed()).isEqualTo(logs.malformed).isPositive();
        assertThat(log.total() + log.malformed()).isEqualTo(logs.lines);
        assertThat(log.problems()).hasSize(Tally.PROBLEMS_KEPT)
                .allMatch(p -> p.matches(".+:[0-9]+: .+"), "file:line: why");
        assertThat(log.from()).isEqualTo(logs.from);
        assertThat(log.to()).isEqualTo(logs.to);
        assertThat(log.requests().size()).as("aggregated").isLessThan(100);
        assertThat(Files.walk(logs.alb).filter(p -> p.toString().contains("AWSLogs/123456789012/elasticloadbalancing"
                + "/eu-west-1/2026/12/")).count()).isPositive();
    }

    @Test
    void readingTwiceCountsTwice() throws Exception {
        GeneratedLogs logs = GeneratedLogs.write(dir, 7L, 300, 300);

        TrafficLog log = TrafficSources.read(List.of("alb:" + logs.alb, "alb:" + logs.alb));

        assertThat(log.total()).isEqualTo(2 * logs.expected.entrySet().stream()
                .filter(e -> e.getKey().port() != 0).mapToLong(Map.Entry::getValue).sum());
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws Exception {
        Files.write(dir.resolve("a.log"), gzip(ALB_LINE + "\n"));
        Files.writeString(dir.resolve("b.log.gz"), ALB_LINE + "\n");

        TrafficLog log = TrafficSources.read(List.of(dir.toString()));

        assertThat(log.requests()).singleElement().extracting(LoggedRequest::count).isEqualTo(2L);
        assertThat(log.malformed()).isZero();
    }

    @Test
    void aCutGzipKeepsWhatItHeldAndCountsTheLoss() throws Exception {
        byte[] whole = gzip((ALB_LINE + "\n").repeat(2000));
        Files.write(dir.resolve("cut.log.gz"), Arrays.copyOf(whole, whole.length / 2));

        TrafficLog log = TrafficSources.read(List.of("alb:" + dir.resolve("cut.log.gz")));

        assertThat(log.malformed()).isEqualTo(1);
        assertThat(log.problems()).singleElement().asString().contains("cut.log.gz:").contains("gzip");
    }

    @Test
    void aLogOfManyBlocksReadsAsTheLineReaderDid() throws Exception {
        // Megabytes, so that lines cross the read-ahead's blocks and the line buffer's ends.
        Random random = new Random(5);
        Path file = dir.resolve("big.log.gz");
        Files.write(file, TrafficSourcesProperties.file(random, AlbBytesProperties.lines(random, 20_000), true));

        for (java.util.function.UnaryOperator<dev.lbguard.route.Request> projection : List.of(
                AlbBytesProperties.KEEP_ALL, AlbBytesProperties.ROUTE_ONLY)) {
            TrafficLog log = TrafficSources.read(List.of("alb:" + file), projection);

            assertThat(log).isEqualTo(TrafficSourcesProperties.lineByLine(file, true, projection));
            assertThat(log.total()).isGreaterThan(1000);
        }
    }

    @Test
    void aBinaryFileCountsItsLinesAsMalformed() throws Exception {
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        Files.write(dir.resolve("image.png"), bytes);
        long lines = new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();

        TrafficLog log = TrafficSources.read(List.of(dir.toString()));

        assertThat(log.requests()).isEmpty();
        assertThat(log.malformed()).isEqualTo(lines);
        assertThat(log.problems()).allMatch(p -> p.length() < 200, "short");
    }

    @Test
    void aPathThatDoesNotExistNamesItAndTheForms() {
        assertThatThrownBy(() -> TrafficSources.read(List.of("alb:" + dir.resolve("missing"))))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(dir.resolve("missing").toString())
                .hasMessageContaining("alb:PATH, haproxy:PATH or jsonl:PATH");
    }

    @Test
    void anUnknownFormatIsNamed() {
        assertThatThrownBy(() -> TrafficSources.read(List.of("nginx:/var/log/nginx/access.log")))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("'nginx:'").hasMessageContaining("jsonl:PATH");
    }

    @Test
    void anEmptyDirectoryIsNoTraffic() throws Exception {
        Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> TrafficSources.read(List.of("haproxy:" + dir.resolve("empty"))))
                .isInstanceOf(SourceException.class).hasMessageContaining("holds no files");
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("secret.log"), ALB_LINE);
        file.toFile().setReadable(false);
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root");

        assertThatThrownBy(() -> TrafficSources.read(List.of("alb:" + file)))
                .isInstanceOf(SourceException.class).hasMessageContaining(file.toString());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}

package dev.lbguard.source.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every line written is either counted as a request or as malformed, and the counts are the generator's; and a
 * file reads as it did when lbguard read it line by line as text.
 */
class TrafficSourcesProperties {
    @Property(tries = 40)
    void everyLineIsARequestOrMalformed(@ForAll long seed, @ForAll @IntRange(min = 0, max = 400) int albLines,
                                        @ForAll @IntRange(min = 0, max = 400) int haproxyLines) throws Exception {
        Path dir = Files.createTempDirectory("lbguard-traffic");
        try {
            GeneratedLogs logs = GeneratedLogs.write(dir, seed, albLines, haproxyLines);

            TrafficLog log = TrafficSources.read(List.of("alb:" + logs.alb, "haproxy:" + logs.haproxy));

            assertThat(log.total() + log.malformed()).isEqualTo(logs.lines);
            assertThat(TrafficSourcesTest.counts(log)).isEqualTo(logs.expected);
        } finally {
            delete(dir);
        }
    }

    @Property(tries = 60)
    void readsFilesAsTheLineReaderDid(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int count,
                                      @ForAll boolean gzip, @ForAll boolean named, @ForAll boolean routeOnly)
            throws Exception {
        Path dir = Files.createTempDirectory("lbguard-traffic");
        try {
            Random random = new Random(seed);
            Path file = dir.resolve("access.log");
            Files.write(file, file(random, AlbBytesProperties.lines(random, count), gzip));
            java.util.function.UnaryOperator<dev.lbguard.route.Request> projection = routeOnly
                    ? AlbBytesProperties.ROUTE_ONLY : AlbBytesProperties.KEEP_ALL;

            TrafficLog log = TrafficSources.read(List.of((named ? "alb:" : "") + file), projection);

            assertThat(log).isEqualTo(lineByLine(file, named, projection));
        } finally {
            delete(dir);
        }
    }

    /** The lines with blank ones among them, each ended by {@code \n}, {@code \r\n} or {@code \r}, the last maybe by none. */
    static byte[] file(Random random, List<byte[]> lines, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes) {
            String[] ends = {"\n", "\n", "\n", "\r\n", "\r"};
            String[] blanks = {"", "   ", "\t", "\u2003", "\u00a0"};
            for (int i = 0; i < lines.size(); i++) {
                if (random.nextInt(20) == 0) {
                    out.write((blanks[random.nextInt(blanks.length)] + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write(lines.get(i));
                if (i < lines.size() - 1 || random.nextBoolean()) {
                    out.write(ends[random.nextInt(ends.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return bytes.toByteArray();
    }

    /** How lbguard read a log before it read bytes: a BufferedReader's lines, each read by its format as text. */
    static TrafficLog lineByLine(Path file, boolean named,
                                 java.util.function.UnaryOperator<dev.lbguard.route.Request> projection)
            throws IOException {
        Tally tally = new Tally(projection);
        byte[] raw = Files.readAllBytes(file);
        InputStream bytes = new ByteArrayInputStream(raw);
        if (raw.length > 1 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            bytes = new GZIPInputStream(bytes);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8))) {
            java.util.Optional<LogFormat> format = named ? java.util.Optional.of(LogFormat.ALB)
                    : java.util.Optional.empty();
            long line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                if (format.isEmpty()) {
                    format = java.util.Optional.of(LogFormat.detect(text));
                }
                tally.add(format.get().lines().read(text), file.toString(), line);
            }
        }
        return tally.log();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
                Files.delete(p);
            }
        }
    }
}

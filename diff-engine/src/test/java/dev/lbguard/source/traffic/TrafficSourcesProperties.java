package dev.lbguard.source.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every line written is either counted as a request or as malformed, and the counts are the generator's. */
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

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
                Files.delete(p);
            }
        }
    }
}

package dev.lbguard.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.analysis.TrafficProjection;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.traffic.TrafficSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log read before the snapshots are known is the log read after them, where the rules let it be reduced as it
 * was read; where they do not, it is not given, and a log that cannot be read fails as it would have.
 */
class EarlyTrafficTest {
    @TempDir
    Path dir;

    private List<String> log() throws Exception {
        Path file = dir.resolve("access.log");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            lines.append("h2 2026-12-06T12:00:0").append(i % 10).append(".000000Z app/shop/50dc6c495c0c9188 10.0.0.")
                    .append(i % 3).append(":4000 10.0.1.5:8080 0.000 0.004 0.000 200 200 120 1450 \"GET https://")
                    .append(i % 2 == 0 ? "shop" : "api").append(".example.com:443/p/").append(i % 4)
                    .append("?page=").append(i % 5).append(" HTTP/2.0\" \"Mozilla/5.0\"\n");
        }
        lines.append("not a log line\n");
        Files.writeString(file, lines);
        return List.of("alb:" + file);
    }

    @Test
    void theLogReadEarlyIsTheLogReadLaterWhenTheRulesReadNoMore() throws Exception {
        List<String> sources = log();

        assertThat(new EarlyTraffic(sources).as(TrafficProjection.LEAST))
                .contains(TrafficSources.read(sources, TrafficProjection.LEAST));
    }

    @Test
    void rulesThatReadTheQueryOrTheClientHaveTheLogReadAgain() throws Exception {
        List<String> sources = log();

        assertThat(new EarlyTraffic(sources).as(new TrafficProjection(false, true, false))).isEmpty();
        assertThat(new EarlyTraffic(sources).as(new TrafficProjection(true, false, false))).isEmpty();
        assertThat(new EarlyTraffic(sources).as(TrafficProjection.WHOLE)).isEmpty();
    }

    @Test
    void aLogThatCannotBeReadFailsAsItWouldHave() {
        List<String> sources = List.of("alb:" + dir.resolve("no-such-file"));
        String message;
        try {
            TrafficSources.read(sources, TrafficProjection.LEAST);
            throw new AssertionError("read a file that is not there");
        } catch (SourceException e) {
            message = e.getMessage();
        }

        assertThatThrownBy(() -> new EarlyTraffic(sources).as(TrafficProjection.LEAST))
                .isInstanceOf(SourceException.class).hasMessage(message);
    }
}

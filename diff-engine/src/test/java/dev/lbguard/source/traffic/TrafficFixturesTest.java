package dev.lbguard.source.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.SourceException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The small samples under {@code fixtures/traffic/} read as their README says, line by line. */
class TrafficFixturesTest {
    private static final Path FIXTURES = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"))
            .resolve("traffic");

    static List<String> described(TrafficLog log) {
        return log.requests().stream()
                .map(r -> r.loadBalancer() + ":" + r.port() + " " + r.request().describe(true) + " x" + r.count())
                .collect(Collectors.toList());
    }

    @Test
    void albSampleReadsEveryEraOfTheFormatAndBothIpv6Spellings() throws SourceException {
        TrafficLog log = TrafficSources.read(List.of("alb:" + FIXTURES.resolve("alb/sample.log")));

        assertThat(described(log)).containsExactly(
                "shop-edge:443 GET shop.example.com/  User-Agent: curl/7.46.0  from 192.168.131.39 x1",
                "shop-edge:80 GET www.example.com/  User-Agent: curl/7.46.0  from 192.168.131.39 x1",
                "shop-edge:443 GET shop.example.com/checkout/pay?x=1&y  User-Agent: Mozilla/5.0 (X11; Linux x86_64)  "
                        + "from 203.0.113.9 x2",
                "shop-edge:8443 POST api.example.com/v2/orders  User-Agent: okhttp/4.12.0  from 2001:db8::7 x2");
        // The Host (in the URL) and the User-Agent are all an ALB line says of the headers.
        assertThat(log.requests()).allSatisfy(r -> {
            assertThat(r.request().unread().header("User-Agent")).isFalse();
            assertThat(r.request().unread().header("X-Canary")).isTrue();
            assertThat(r.request().unread().host()).isFalse();
        });
        assertThat(log.requests().get(2).request().query()).extracting(q -> q.key() + "=" + q.value())
                .containsExactly("x=1", "y=");
        assertThat(log.malformed()).isEqualTo(1);
        assertThat(log.problems()).singleElement().asString()
                .endsWith("sample.log:7: a connection-level entry (request \"- - -\", e.g. a TLS error or a client "
                        + "that sent no request), not a request");
        assertThat(log.from()).contains(Instant.parse("2016-08-10T23:39:43.065466Z"));
        assertThat(log.to()).contains(Instant.parse("2026-12-06T12:00:03Z"));
    }

    @Test
    void haproxySampleTakesTheHostFromTheCaptureOrTheAbsoluteUri() throws SourceException {
        TrafficLog log = TrafficSources.read(List.of("haproxy:" + FIXTURES.resolve("haproxy/sample.log")));

        assertThat(described(log)).containsExactly(
                "www:0 GET shop.example.com/checkout/pay?x=1  from 203.0.113.9 x1",
                "www:0 GET shop.example.com/cart  from 2001:db8::7 x1",
                "api:0 POST /v2/orders  from 10.0.0.5 x1",
                "www:0 GET shop.example.com/checkout/pay?x=1  from 10.0.0.5 x1");
        assertThat(log.requests().get(2).request().host()).isEmpty();
        assertThat(log.malformed()).isEqualTo(2);
        assertThat(log.problems()).hasSize(2);
        assertThat(log.problems().get(0)).endsWith("sample.log:5: HAProxy could not parse the request (<BADREQ>)");
        assertThat(log.problems().get(1)).contains("sample.log:6: ");
        assertThat(log.from()).contains(Instant.parse("2026-12-06T12:00:01.123Z"));
        assertThat(log.to()).contains(Instant.parse("2026-12-06T12:00:04Z"));
    }

    @Test
    void haproxyShapesSeenInRealLogsReadRightOrLeaveTheHostUnknown() throws SourceException {
        TrafficLog log = TrafficSources.read(List.of("haproxy:" + FIXTURES.resolve("haproxy/shapes.log")));

        assertThat(described(log)).containsExactly(
                // option httpslog: more fields after the request line
                "https-in:0 GET shop.example.com/index.html  from 198.51.100.2 x1",
                // the first capture is a number, the Host the second: not guessed, unknown
                "edge:0 POST /orders/status.do  from 198.51.100.3 x1",
                // a bare IPv4 capture behind a local proxy is X-Forwarded-For more often than Host: unknown
                "edge:0 GET /images/logo.png  from 127.0.0.1 x1",
                // syslog-ng's escaped quotes
                "edge:0 GET shop.example.com:8443/cart  from 198.51.100.5 x1",
                // a custom format with a quoted field after the request line
                "edge:0 GET shop.example.com/a  from 198.51.100.6 x1");
        assertThat(log.requests().stream().map(r -> r.request().unread().host()))
                .containsExactly(false, true, true, false, false);
        assertThat(log.requests()).allSatisfy(r -> assertThat(r.request().unread().header("User-Agent")).isTrue());
        assertThat(log.malformed()).isZero();
    }

    @Test
    void jsonlSampleAddsCountsAndReadsBothQueryForms() throws SourceException {
        TrafficLog log = TrafficSources.read(List.of("jsonl:" + FIXTURES.resolve("jsonl/sample.jsonl")));

        assertThat(described(log)).containsExactly(
                "storefront-edge:443 POST shop.example.com/checkout/pay?x=1&y=2  from 203.0.113.9 x50",
                "storefront-edge:443 GET shop.example.com/cart?id=1&id=2&v=3 x1");
        assertThat(log.malformed()).isEqualTo(2);
        assertThat(log.problems().get(0)).endsWith("sample.jsonl:4: \"count\" is a whole number of at least 1");
        assertThat(log.problems().get(1)).contains("sample.jsonl:5: not JSON");
        assertThat(log.from()).isEqualTo(Optional.of(Instant.parse("2026-12-06T09:00:00Z")));
        assertThat(log.to()).isEqualTo(log.from());
    }

    @Test
    void bareDirectoryDetectsEachFilesFormatAndAddsAllUp() throws SourceException {
        TrafficLog bare = TrafficSources.read(List.of(FIXTURES.toString()));
        TrafficLog prefixed = TrafficSources.read(List.of("alb:" + FIXTURES.resolve("alb/sample.log"),
                "haproxy:" + FIXTURES.resolve("haproxy/sample.log"),
                "haproxy:" + FIXTURES.resolve("haproxy/shapes.log"),
                "jsonl:" + FIXTURES.resolve("jsonl/sample.jsonl")));

        assertThat(described(bare)).containsExactlyElementsOf(described(prefixed));
        // README.md is read too, as the HAProxy format its first line is taken for: every line of it is malformed.
        assertThat(bare.malformed()).isGreaterThan(prefixed.malformed());
        assertThat(bare.total()).isEqualTo(prefixed.total()).isEqualTo(6 + 4 + 5 + 51);
    }
}

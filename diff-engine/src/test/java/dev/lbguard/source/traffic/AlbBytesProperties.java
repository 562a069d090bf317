package dev.lbguard.source.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.route.Request;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link AlbBytes} counts every line as {@link AlbAccessLog} reads its text: the same requests, counts, problems
 * and window, whether addresses and queries are kept or dropped, over lines of every historical field count with
 * quoted fields (escaped quotes too), {@code -} fields, IPv6 clients, odd times and bytes that are not UTF-8.
 */
class AlbBytesProperties {
    /** What the tally keeps when rules read addresses and queries, and when they read neither. */
    static final UnaryOperator<Request> KEEP_ALL = UnaryOperator.identity();
    static final UnaryOperator<Request> ROUTE_ONLY = r -> new Request(r.host(), r.path(), r.method(),
            new TreeMap<>(), List.of(), Optional.empty());

    @Property(tries = 300)
    void readsLinesAsTheTextReaderDoes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int count,
                                       @ForAll boolean routeOnly, @ForAll @IntRange(min = 1, max = 8) int kept) {
        List<byte[]> lines = lines(new Random(seed), count);
        UnaryOperator<Request> projection = routeOnly ? ROUTE_ONLY : KEEP_ALL;

        assertThat(fast(lines, projection, Integer.MAX_VALUE)).isEqualTo(slow(lines, projection));
        assertThat(fast(lines, projection, kept)).as("caches forgetting every %d entries", kept)
                .isEqualTo(slow(lines, projection));
    }

    @Test
    void theProjectionIsProbedForWhatItDrops() {
        assertThat(new Tally(ROUTE_ONLY).dropsAddressQueryAndHeaders()).isTrue();
        assertThat(new Tally(KEEP_ALL).dropsAddressQueryAndHeaders()).isFalse();
        assertThat(new Tally(r -> r.withSourceIp("192.0.2.9")).dropsAddressQueryAndHeaders()).isFalse();
        assertThat(new Tally(r -> {
            throw new IllegalStateException("only for logged hosts");
        }).dropsAddressQueryAndHeaders()).isFalse();
    }

    @Test
    void aRequestLineSeenAgainWithAnotherQueryOrClientIsItsOwnRequest() {
        String head = "h2 2026-12-06T12:00:01.123456Z app/shop/1 ";
        List<byte[]> lines = List.of(
                (head + "203.0.113.9:1 - 0 0 0 200 200 1 1 \"GET https://a.example:443/p?x=1 HTTP/2.0\" -")
                        .getBytes(StandardCharsets.UTF_8),
                (head + "[2001:db8::1]:2 - 0 0 0 200 200 1 1 \"GET https://a.example:443/p?y=2&y HTTP/2.0\"")
                        .getBytes(StandardCharsets.UTF_8),
                (head + "- - 0 0 0 200 200 1 1 \"GET https://a.example:443/p? HTTP/2.0\" \"a \\\"b\\\"\"")
                        .getBytes(StandardCharsets.UTF_8));

        TrafficLog log = fast(lines, KEEP_ALL);

        assertThat(log).isEqualTo(slow(lines, KEEP_ALL));
        assertThat(log.requests()).hasSize(3);
        assertThat(fast(lines, ROUTE_ONLY).requests()).singleElement()
                .extracting(LoggedRequest::count).isEqualTo(3L);
    }

    static TrafficLog fast(List<byte[]> lines, UnaryOperator<Request> projection) {
        return fast(lines, projection, Integer.MAX_VALUE);
    }

    static TrafficLog fast(List<byte[]> lines, UnaryOperator<Request> projection, int kept) {
        Tally tally = new Tally(projection);
        return read(lines, tally, new AlbBytes(tally.dropsAddressQueryAndHeaders(), kept), new AlbAccessLog());
    }

    static TrafficLog slow(List<byte[]> lines, UnaryOperator<Request> projection) {
        return read(lines, new Tally(projection), (b, from, to, tally, file, line) -> false, new AlbAccessLog());
    }

    /** The lines counted as {@link TrafficSources} counts them: by {@code bytes} where it takes them, else as text. */
    static TrafficLog read(List<byte[]> lines, Tally tally, ByteFormat bytes, LineFormat text) {
        for (int i = 0; i < lines.size(); i++) {
            byte[] b = lines.get(i);
            if (!bytes.read(b, 0, b.length, tally, "f", i + 1)) {
                tally.add(text.read(new String(b, StandardCharsets.UTF_8)), "f", i + 1);
            }
        }
        return tally.log();
    }

    // ---- lines

    private static final String[] TYPES = {"http", "https", "h2", "grpcs", "ws", "wss"};
    private static final String[] TAIL = {"\"Mozilla/5.0 (X11) \\\"quoted\\\" x\"", "ECDHE-RSA-AES128-GCM-SHA256",
        "TLSv1.2", "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/73e2d6bc24d8a067",
        "\"Root=1-58337262-36d228ad5d99923122bbe354\"", "\"shop.example.com\"", "\"session-reused\"", "10",
        "2026-12-06T12:00:00.998000Z", "\"waf,forward\"", "\"-\"", "\"10.0.0.66:9000\"", "\"200\"", "-",
        "TID_1234abcd5678ef90", "\"\"", "\"a\" b\""};

    /**
     * ALB lines, most of them requests that repeat (as a log's do), the rest each wrong in some way: cut short,
     * fields missing or odd, times that are no time or not in the usual shape, bytes that are not UTF-8.
     */
    static List<byte[]> lines(Random random, int count) {
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pool.add(requestLine(random));
        }
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String request = random.nextInt(4) == 0 ? requestLine(random) : pool.get(random.nextInt(pool.size()));
            List<String> fields = new ArrayList<>(List.of(pick(random, TYPES), time(random), elb(random),
                    client(random), random.nextBoolean() ? "10.0.0.66:9000" : "-", "0.000", "0.002", "-1", "200",
                    "-", "34", "366", "\"" + request + "\""));
            int tail = random.nextInt(21);
            for (int t = 0; t < tail; t++) {
                fields.add(pick(random, TAIL));
            }
            String line = String.join(" ", fields);
            switch (random.nextInt(12)) {
                case 0:
                    line = line.substring(0, random.nextInt(line.length() + 1));
                    break;
                case 1:
                    line = line.replaceFirst(" ", random.nextBoolean() ? "  " : "");
                    break;
                case 2:
                    line = line + " ";
                    break;
                default:
                    break;
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(15) == 0) {
                bytes = spliced(random, bytes);
            }
            lines.add(bytes);
        }
        return lines;
    }

    private static String time(Random random) {
        // Seconds either side of a midnight: lines of a day read after lines of another.
        long second = 1_765_065_598L + random.nextInt(5);
        String base = java.time.Instant.ofEpochSecond(second).toString();
        base = base.substring(0, 19);
        switch (random.nextInt(17)) {
            case 0:
                return base + "Z";
            case 1:
                return base + ".Z";
            case 2:
                return "2026-13-06T12:00:01.000Z";
            case 3:
                return "2026-02-30T12:00:01.5Z";
            case 4:
                return "2026-12-31T23:59:60.5Z";
            case 5:
                return "-";
            case 6:
                return base + "." + "1234567890" + "Z";
            case 7:
                return base.replace('T', ' ').replace(' ', 'x') + ".1Z";
            case 8:
                return base + ".12+01:00";
            case 9:
                return base.substring(0, 11) + "24:00:00.1Z"; // no time of a day a line before was read
            case 10:
                return base.substring(0, 14) + "60:00Z";
            case 11:
                return base.substring(0, 17) + "60.5Z";
            default:
                int digits = 1 + random.nextInt(9);
                return base + "." + String.format("%09d", random.nextInt(1_000_000_000)).substring(0, digits) + "Z";
        }
    }

    private static String elb(Random random) {
        switch (random.nextInt(10)) {
            case 0:
                return "net/shop/1";
            case 1:
                return "app//1";
            case 2:
                return "app/shop/1/2";
            case 3:
                return "-";
            case 4:
                return "app/caf\u00e9/1";
            default:
                return "app/" + (random.nextBoolean() ? "shop-edge" : "api-edge") + "/50dc6c495c0c9188";
        }
    }

    private static String client(Random random) {
        int port = 1024 + random.nextInt(60000);
        switch (random.nextInt(12)) {
            case 0:
                return "[2001:db8::" + (1 + random.nextInt(3)) + "]:" + port;
            case 1:
                return "2001:db8::" + (1 + random.nextInt(3)) + ":" + port;
            case 2:
                return "-";
            case 3:
                return "[::1";
            case 4:
                return "10.0.0.01:" + port;
            case 5:
                return "203.0.113.7";
            case 6:
                return "";
            case 7:
                return "unix:/run/x";
            default:
                return "203.0.113." + (1 + random.nextInt(4)) + ":" + port;
        }
    }

    private static String requestLine(Random random) {
        switch (random.nextInt(16)) {
            case 0:
                return "- - -";
            case 1:
                return "- - - ";
            case 2:
                return "GET";
            case 3:
                return " GET / HTTP/1.1";
            case 4:
                return "- https://a.example:443/ -";
            case 5:
                return "GET /origin?x=1 HTTP/1.1";
            case 6:
                return "OPTIONS * HTTP/1.1";
            case 7:
                return "GET h?ttp://a.example/x HTTP/1.1";
            case 8:
                return "GET ftp://a.example/x HTTP/1.1";
            case 9:
                return "GET https://user@[2001:db8::5]:8443/v?q=\\\"a b\\\" HTTP/2.0";
            default:
                String host = pick(random, new String[] {"shop.example.com", "Shop.Example.com", "api.example.com",
                    "caf\u00e9.example"});
                String port = pick(random, new String[] {"", ":443", ":8443", ":80", ":0", ":99999", ":x"});
                String path = pick(random, new String[] {"", "/", "/cart", "/a%20b", "/v2/orders/123"});
                String query = pick(random, new String[] {"", "?", "?x=1", "?x=1&y=", "?flag", "?a=1&a=2",
                    "?a=b c", "?&&"});
                return pick(random, new String[] {"GET", "POST", "get"}) + " "
                        + pick(random, new String[] {"https", "http", "HTTPS", "wss", "h2c"}) + "://" + host + port
                        + path + query + " " + pick(random, new String[] {"HTTP/1.1", "HTTP/2.0", "-"});
        }
    }

    /** The bytes with one or two not of UTF-8 (a stray lead or continuation byte) put in at some place. */
    static byte[] spliced(Random random, byte[] bytes) {
        int at = random.nextInt(bytes.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        byte[][] odd = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xed,
            (byte) 0xa0, (byte) 0x80}};
        byte[] o = odd[random.nextInt(odd.length)];
        out.write(o, 0, o.length);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}

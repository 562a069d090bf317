package dev.lbguard.source.traffic;

import static dev.lbguard.source.traffic.AlbBytesProperties.KEEP_ALL;
import static dev.lbguard.source.traffic.AlbBytesProperties.ROUTE_ONLY;
import static dev.lbguard.source.traffic.AlbBytesProperties.pick;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.route.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link HaproxyBytes} counts every line as {@link HaproxyHttpLog} reads its text: the same requests, counts,
 * problems and window, whether addresses and queries are kept or dropped, over lines behind every syslog prefix,
 * with and without captures, escaped quotes, request lines cut or followed by more fields, odd dates and clients,
 * Unicode spaces where the text reader looks for white space, and bytes that are not UTF-8.
 */
class HaproxyBytesProperties {
    /** What the tally keeps when an ACL reads the client address (src), and nothing else a log line has. */
    static final UnaryOperator<Request> ADDRESS_ONLY = r -> new Request(r.host(), r.path(), r.method(),
            new TreeMap<>(), List.of(), r.sourceIp());

    @Property(tries = 300)
    void readsLinesAsTheTextReaderDoes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int count,
                                       @ForAll @IntRange(min = 0, max = 2) int keeps,
                                       @ForAll @IntRange(min = 1, max = 8) int kept) {
        List<byte[]> lines = lines(new Random(seed), count);
        UnaryOperator<Request> projection = List.of(KEEP_ALL, ROUTE_ONLY, ADDRESS_ONLY).get(keeps);

        assertThat(fast(lines, projection, Integer.MAX_VALUE)).isEqualTo(slow(lines, projection));
        assertThat(fast(lines, projection, kept)).as("caches forgetting every %d entries", kept)
                .isEqualTo(slow(lines, projection));
    }

    @Test
    void aRequestLineSeenAgainFromAnotherClientOrWithAnotherQueryIsItsOwnRequestUnlessDropped() {
        String date = " [06/Dec/2026:12:00:01.123] www~ be/w1 0/0/1/12/13 200 5120 - - ---- 3/3/1/1/0 0/0 ";
        List<byte[]> lines = List.of(
                ("<134>Dec  6 12:00:01 lb1 haproxy[2317]: 203.0.113.9:1" + date + "{a.example|curl} \"GET /p?x=1 "
                        + "HTTP/1.1\"").getBytes(StandardCharsets.UTF_8),
                ("2001:db8::1:2" + date + "{a.example} {} \\\"GET /p?y=2&y HTTP/1.1\\\"")
                        .getBytes(StandardCharsets.UTF_8),
                ("203.0.113.9:3" + date + "\"GET http://a.example/p HTTP/2.0\" 0/0/0/0/0 a.example/TLSv1.3")
                        .getBytes(StandardCharsets.UTF_8),
                ("203.0.113.9:4" + date + "{a.example} \"<BADREQ>\"").getBytes(StandardCharsets.UTF_8));

        TrafficLog log = fast(lines, KEEP_ALL, Integer.MAX_VALUE);

        HaproxyBytes bytes = new HaproxyBytes(false);
        Tally tally = new Tally(KEEP_ALL);
        assertThat(lines).as("every line is read from its bytes, escaped quotes and <BADREQ> too")
                .allMatch(b -> bytes.read(b, 0, b.length, tally, "f", 1));

        assertThat(log).isEqualTo(slow(lines, KEEP_ALL));
        assertThat(log.requests()).hasSize(3);
        assertThat(log.malformed()).isOne();
        assertThat(fast(lines, ROUTE_ONLY, Integer.MAX_VALUE).requests()).singleElement()
                .extracting(LoggedRequest::count).isEqualTo(3L);
        assertThat(fast(lines, ADDRESS_ONLY, Integer.MAX_VALUE).requests()).hasSize(2);
    }

    @Test
    void linesCutAtTheRequestLineOrEndedInWhiteSpaceReadAsTheTextReaderDoes() {
        String head = "203.0.113.9:1 [06/Dec/2026:12:00:01.5] www be/w1 0/0/1/12/13 200 5120 - - ---- 3/3/1/1/0 0/0 ";
        List<byte[]> lines = new ArrayList<>();
        for (String tail : new String[] {"\"", "\" ", "\"\"", "\" \"", "\"GET /a\" \t ", "\"GET /a\u2003",
            "\"GET /a\"\u2003", "\"GET /a\"\u00a0", "{h.example} \"", "{h.example}", "\"GET /a\\\"", "\\\"GET /a\\\" x"}) {
            lines.add((head + tail).getBytes(StandardCharsets.UTF_8));
        }

        assertThat(fast(lines, KEEP_ALL, Integer.MAX_VALUE)).isEqualTo(slow(lines, KEEP_ALL));
    }

    @Test
    void theGeneratedLinesAreMostlyReadFromTheirBytesAndMostlyRequests() {
        List<byte[]> lines = lines(new Random(24), 2000);
        HaproxyBytes bytes = new HaproxyBytes(false);
        Tally tally = new Tally(KEEP_ALL);
        long taken = lines.stream().filter(b -> bytes.read(b, 0, b.length, tally, "f", 1)).count();

        // Else the property above would compare the text reader with itself, or count only malformed lines.
        assertThat(taken).as("lines read from their bytes").isGreaterThan(lines.size() * 4L / 10);
        assertThat(slow(lines, KEEP_ALL).total()).as("requests").isGreaterThan(lines.size() / 4L);
        assertThat(slow(lines, KEEP_ALL).malformed()).as("malformed lines").isGreaterThan(lines.size() / 10L);
    }

    static TrafficLog fast(List<byte[]> lines, UnaryOperator<Request> projection, int kept) {
        Tally tally = new Tally(projection);
        return AlbBytesProperties.read(lines, tally, new HaproxyBytes(tally.dropsAddressQueryAndHeaders(), kept),
                new HaproxyHttpLog());
    }

    static TrafficLog slow(List<byte[]> lines, UnaryOperator<Request> projection) {
        return AlbBytesProperties.read(lines, new Tally(projection), (b, from, to, tally, file, line) -> false,
                new HaproxyHttpLog());
    }

    // ---- lines

    private static final String[] PREFIXES = {"", "<134>Dec  6 12:00:01 lb1 haproxy[2317]: ",
        "<134>1 2026-12-06T12:00:02.000Z lb1 haproxy 2317 - - ", "Dec  6 12:00:01 lb1 haproxy[2317]: ",
        "x [not a date] ", "caf\u00e9 haproxy: ", "lb1\u2003", "x [06/Dec/2026:12:00:01]", "x:1 [06/Dec/2026:12:00:01] "};
    private static final String[] CLIENTS = {"203.0.113.9:51234", "203.0.113.10:40000", "2001:db8::7:40000",
        "[2001:db8::1]:443", "-:0", "unix:1", "10.0.0.01:5", "203.0.113.9:123456", "nocolon", ":80", "a:b:1x",
        "caf\u00e9:80"};
    private static final String[] FRONTENDS = {"www~", "www", "api", "caf\u00e9", "~", "a~~"};
    private static final String[] CAPTURES = {"", "{shop.example.com|curl/8.5.0} ", "{shop.example.com} {} ",
        "{1|shop.example.com|203.0.113.128|} ", "{203.0.113.74} ", "{shop.example.com:8443} ",
        "{[2001:db8::1]:443} ", "{} ", "{a \"b\" c|d} ", "{Shop.Example.COM.} ", "{caf\u00e9.example} ", "{x}{y} ",
        "{unclosed ", "{a\\\"b} "};
    private static final String[] TRAILERS = {"", "", " 0/0/0/0/0 shop.example.com/TLSv1.3", " \"custom-field\"",
        "  \t", " ", "\u2003", "\"", " \"", "x"};

    /** HAProxy lines, most of them requests that repeat (as a log's do), the rest each wrong in some way. */
    static List<byte[]> lines(Random random, int count) {
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pool.add(requestLine(random));
        }
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Half the lines are of the usual shapes only (each array lists those first), the rest anything.
            boolean usual = random.nextBoolean();
            String request = random.nextInt(4) == 0 ? requestLine(random) : pool.get(random.nextInt(pool.size()));
            String quote = random.nextInt(10) == 0 ? "\\\"" : "\"";
            String line = choose(random, PREFIXES, usual ? 5 : 0) + choose(random, CLIENTS, usual ? 4 : 0)
                    + " [" + date(random, usual) + "] " + choose(random, FRONTENDS, usual ? 4 : 0) + " "
                    + fields(random, usual) + choose(random, CAPTURES, usual ? 8 : 0) + quote + request
                    + (random.nextInt(8) == 0 && !usual ? "" : quote) + choose(random, TRAILERS, usual ? 5 : 0);
            switch (usual ? -1 : random.nextInt(6)) {
                case 0 -> line = line.substring(0, random.nextInt(line.length() + 1));
                case 1 -> line = line.replaceFirst(" ", random.nextBoolean() ? "  " : "");
                case 2 -> line = line.replace("] ", "]  ");
                default -> {
                }
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (!usual && random.nextInt(8) == 0) {
                bytes = AlbBytesProperties.spliced(random, bytes);
            }
            lines.add(bytes);
        }
        return lines;
    }

    private static String date(Random random, boolean usual) {
        String second = pick(random, new String[] {"06/Dec/2026:12:00:01", "06/Dec/2026:12:00:01",
            "06/Dec/2026:12:00:02", "31/Dec/2026:23:59:59"});
        return switch (usual ? -1 : random.nextInt(12)) {
            case 0 -> second;
            case 1 -> second + ".";
            case 2 -> second + ".1234567890";
            case 3 -> "31/Feb/2026:12:00:01.5";
            case 4 -> "06/dec/2026:12:00:01.5";
            case 5 -> "06/Dec/2026:24:00:00.000";
            case 6 -> "06/Dec/2026:12:00:60.000";
            case 7 -> "6/Dec/2026:12:00:01.000";
            case 8 -> "06/Dek/2026:12:00:01.000";
            case 9 -> "06/Dec/2026 12:00:01.000";
            default -> second + "." + String.format("%09d", random.nextInt(1_000_000_000))
                    .substring(0, 1 + random.nextInt(9));
        };
    }

    /** The nine fields after the frontend, now and then one not of option httplog (tcplog's timers, a missing slash). */
    private static String fields(Random random, boolean usual) {
        int n = usual ? 1 : 0;
        return choose(random, new String[] {"be_shop/web1", "www/<NOSRV>", "be"}, 2 * n) + " "
                + choose(random, new String[] {"0/0/1/12/13", "-1/-1/-1/-1/0", "0/0/5"}, 2 * n)
                + " 200 5120 - - ---- " + choose(random, new String[] {"3/3/1/1/0", "3/3/1/1/0", "3/3/1/1"}, 2 * n)
                + " " + choose(random, new String[] {"0/0", "0/0", "0"}, 2 * n) + " ";
    }

    /** One of the first {@code usual} values, or of all of them when {@code usual} is 0. */
    private static String choose(Random random, String[] values, int usual) {
        return values[random.nextInt(usual > 0 ? usual : values.length)];
    }

    private static String requestLine(Random random) {
        return switch (random.nextInt(30)) {
            case 0 -> "<BADREQ>";
            case 1 -> "GET";
            case 2 -> " GET / HTTP/1.1";
            case 3 -> "OPTIONS * HTTP/1.1";
            case 4 -> "CONNECT shop.example.com:443 HTTP/1.1";
            case 5 -> "GET h?ttp://a.example/x HTTP/1.1";
            case 6 -> "GET http://user@[2001:db8::5]:8443/v?q=1 HTTP/1.1";
            case 7 -> "GET /a b c";
            case 8 -> "GET /caf\u00e9?x=\u00e9 HTTP/1.1";
            case 9 -> "GET /a\\b#22 HTTP/1.1";
            case 10 -> "GET http://a.example?x=1 HTTP/2.0";
            case 11 -> "";
            default -> pick(random, new String[] {"GET", "POST", "get"}) + " "
                    + pick(random, new String[] {"", "", "https://shop.example.com", "http://api.example.com:8080",
                        "h2c://x"})
                    + pick(random, new String[] {"/", "/cart", "/a%20b", "/v2/orders/123", "/orders/status.do"})
                    + pick(random, new String[] {"", "?", "?x=1", "?x=1&y=", "?flag", "?a=1&a=2", "?&&", "?a?b"})
                    + pick(random, new String[] {" HTTP/1.1", " HTTP/2.0", "", " HTTP/1.1 extra"});
        };
    }
}

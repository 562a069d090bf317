package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes ALB access logs (an S3-like tree, most files gzipped, some named against their content) and HAProxy HTTP
 * logs with a seeded generator, and keeps what a reader must find: the count of every distinct request, the lines
 * written and how many of them are no request (corrupt, cut short, {@code - - -} entries, other syslog messages).
 */
final class GeneratedLogs {
    /** A distinct request as the reader must aggregate it. */
    record Counted(String loadBalancer, int port, Request request) {
    }

    /** The ALB format's fields as AWS added them; a line ends after one of these counts (13: just the request). */
    static final int[] ALB_FIELD_COUNTS = {13, 14, 16, 17, 18, 22, 25, 27, 29, 30, 33};

    private static final String[] HOSTS = {"shop.example.com", "api.example.com", "Shop.Example.com"};
    private static final String[] PATHS = {"/", "/checkout/pay", "/cart", "/v2/orders/123", "/static/app.js",
        "/a%20b"};
    private static final String[] QUERIES = {"", "x=1", "x=1&y=", "flag", "a=1&a=2"};
    private static final String[] METHODS = {"GET", "POST", "HEAD", "DELETE"};
    private static final DateTimeFormatter ACCEPT_DATE =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ENGLISH);
    private static final DateTimeFormatter SYSLOG_DATE = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss",
            Locale.ENGLISH);
    private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");
    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) \"quoted\"";

    final Map<Counted, Long> expected = new HashMap<>();
    long lines;
    long malformed;
    Optional<Instant> from = Optional.empty();
    Optional<Instant> to = Optional.empty();
    final Path alb;
    final Path haproxy;

    private final Random random;
    private long clock;

    private GeneratedLogs(Path dir, long seed) {
        this.alb = dir.resolve("alb");
        this.haproxy = dir.resolve("haproxy");
        this.random = new Random(seed);
    }

    /** Logs of about {@code albLines} and {@code haproxyLines} lines under {@code dir}, the same for the same seed. */
    static GeneratedLogs write(Path dir, long seed, int albLines, int haproxyLines) throws IOException {
        GeneratedLogs logs = new GeneratedLogs(dir, seed);
        logs.writeAlb(albLines);
        logs.writeHaproxy(haproxyLines);
        return logs;
    }

    long total() {
        return expected.values().stream().mapToLong(Long::longValue).sum();
    }

    // ---- ALB

    private record AlbRequest(String lb, String scheme, int port, boolean portWritten, String host, String path,
                              String query, String method, String client, boolean ipv6) {
    }

    private void writeAlb(int count) throws IOException {
        List<AlbRequest> pool = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean https = random.nextInt(3) > 0;
            int port = https ? (random.nextInt(4) == 0 ? 8443 : 443) : 80;
            boolean ipv6 = random.nextInt(4) == 0;
            String client = ipv6 ? "2001:db8::" + Integer.toHexString(1 + random.nextInt(20))
                    : "203.0.113." + (1 + random.nextInt(20));
            pool.add(new AlbRequest(random.nextBoolean() ? "shop-edge" : "api-edge", https ? "https" : "http", port,
                    port == 8443 || random.nextInt(5) > 0, pick(HOSTS), pick(PATHS), pick(QUERIES), pick(METHODS),
                    client, ipv6));
        }
        List<String> body = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(20);
            Instant time = tick();
            AlbRequest r = pool.get(random.nextInt(pool.size()));
            int fields = ALB_FIELD_COUNTS[random.nextInt(ALB_FIELD_COUNTS.length)];
            String line = albLine(r, time, fields);
            if (kind == 0) {
                body.add(connectionEntry(time));
            } else if (kind == 1) {
                int close = line.indexOf("\" ", line.indexOf(" \"") + 2);
                body.add(line.substring(0, 5 + random.nextInt((close < 0 ? line.length() - 1 : close) - 5)));
            } else if (kind == 2) {
                body.add(garbage());
            } else if (kind == 3) {
                body.add(line.replace(time.toString(), "2026-13-45T99:00:00Z"));
            } else if (kind == 4) {
                body.add(line.replaceFirst(" app/", " net/"));
            } else {
                body.add(line);
                // From 14 fields on, the line carries the User-Agent (AWS escapes its quotes); no other header.
                Request expected = request(r.host(), r.path(), r.query(), r.method(), r.client());
                if (fields > 13) {
                    expected = expected.withHeader("User-Agent", USER_AGENT);
                }
                count(new Counted(r.lb(), r.port(), expected.withUnread(AlbAccessLog.UNREAD)), time);
                continue;
            }
            malformed++;
        }
        lines += body.size();
        int files = 3 + random.nextInt(5);
        for (int f = 0; f < files; f++) {
            List<String> part = body.subList(body.size() * f / files, body.size() * (f + 1) / files);
            String day = String.format(Locale.ROOT, "%02d", 6 + f % 2);
            boolean gzip = random.nextInt(10) < 7;
            boolean nameMatches = random.nextInt(10) > 0;
            String name = "123456789012_elasticloadbalancing_eu-west-1_app.shop-edge.50dc6c495c0c9188_202612" + day
                    + "T12" + f + "0Z_10.0.0." + f + "_r" + f + (gzip == nameMatches ? ".log.gz" : ".log");
            Path file = alb.resolve("AWSLogs/123456789012/elasticloadbalancing/eu-west-1/2026/12/" + day)
                    .resolve(name);
            writeFile(file, part, gzip);
        }
    }

    private String albLine(AlbRequest r, Instant time, int fields) {
        String client = r.ipv6() && random.nextBoolean() ? "[" + r.client() + "]:" + (1024 + random.nextInt(60000))
                : r.client() + ":" + (1024 + random.nextInt(60000));
        String type = r.scheme().equals("http") ? (random.nextBoolean() ? "http" : "ws")
                : List.of("https", "h2", "grpcs", "wss").get(random.nextInt(4));
        String url = r.scheme() + "://" + r.host() + (r.portWritten() ? ":" + r.port() : "") + r.path()
                + (r.query().isEmpty() ? "" : "?" + r.query());
        String tls = r.scheme().equals("https") ? "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2" : "- -";
        List<String> f = new ArrayList<>(List.of(type, time.toString(),
                "app/" + r.lb() + "/50dc6c495c0c9188", client, "10.0.0.66:9000", "0.000", "0.002", "0.000", "200",
                "200", "34", "366", "\"" + r.method() + " " + url + " HTTP/1.1\"",
                "\"" + USER_AGENT.replace("\"", "\\\"") + "\""));
        f.addAll(List.of(tls.split(" ")));
        f.addAll(List.of("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/73e2d6bc24d8a067",
                "\"Root=1-58337262-36d228ad5d99923122bbe354\"", "\"" + r.host() + "\"", "\"session-reused\"", "10",
                time.minusMillis(2).toString(), "\"waf,forward\"", "\"-\"", "\"-\"", "\"10.0.0.66:9000\"", "\"200\"",
                "\"-\"", "\"-\"", "TID_1234abcd5678ef90", "\"-\"", "\"-\"", "\"-\""));
        return String.join(" ", f.subList(0, fields));
    }

    private static String connectionEntry(Instant time) {
        return "https " + time + " app/shop-edge/50dc6c495c0c9188 198.51.100.4:33333 - -1 -1 -1 400 - 0 0 "
                + "\"- - - \" \"-\" - - - \"-\" \"-\" \"-\" - " + time + " \"-\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\"";
    }

    // ---- HAProxy

    private record HaproxyRequest(String frontend, String captures, boolean absolute, String host, String path,
                                  String query, String method, String client) {
    }

    private void writeHaproxy(int count) throws IOException {
        List<HaproxyRequest> pool = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String host = pick(HOSTS);
            int capture = random.nextInt(6);
            String captures = List.of("", "{" + host + "|curl/8.5.0} ", "{" + host + "} ",
                    "{" + host + "|Mozilla/5.0 (X11; Linux x86_64)} {} ", "{curl/8.5.0|" + host + "} ", "").get(capture);
            boolean absolute = capture == 5;
            String logged = capture == 0 || capture == 4 ? "" : host;
            String client = random.nextInt(4) == 0 ? "2001:db8::" + Integer.toHexString(1 + random.nextInt(20))
                    : "10.0.0." + (1 + random.nextInt(20));
            pool.add(new HaproxyRequest(List.of("www~", "www", "api").get(random.nextInt(3)), captures, absolute,
                    logged, pick(PATHS), pick(QUERIES), pick(METHODS), client));
        }
        List<String> body = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(20);
            Instant time = tick();
            HaproxyRequest r = pool.get(random.nextInt(pool.size()));
            String line = syslogPrefix(time) + haproxyLine(r, time);
            if (kind == 0) {
                body.add(syslogPrefix(time) + r.client() + ":40000 [" + acceptDate(time) + "] www~ www/<NOSRV> "
                        + "-1/-1/-1/-1/0 400 0 - - PR-- 1/1/0/0/0 0/0 \"<BADREQ>\"");
            } else if (kind == 1) {
                body.add(line.substring(0, 5 + random.nextInt(line.length() - 6)));
            } else if (kind == 2) {
                body.add(garbage());
            } else if (kind == 3) {
                body.add(syslogPrefix(time) + "Proxy www started.");
            } else if (kind == 4) {
                body.add(syslogPrefix(time) + r.client() + ":40000 [" + acceptDate(time) + "] tcp-in be_tcp/s1 "
                        + "0/0/5 212 -- 1/1/1/1/0 0/0");
            } else {
                body.add(line);
                // The log says the host when it captured it (or the URL is absolute), and no other header.
                count(new Counted(r.frontend().replace("~", ""), 0,
                        request(r.host(), r.path(), r.query(), r.method(), r.client()).withUnread(
                                new Request.Unread(r.host().isEmpty(), Optional.of(java.util.Set.of())))),
                        time.truncatedTo(
                        java.time.temporal.ChronoUnit.MILLIS));
                continue;
            }
            malformed++;
        }
        lines += body.size();
        int files = 2 + random.nextInt(3);
        for (int f = 0; f < files; f++) {
            List<String> part = body.subList(body.size() * f / files, body.size() * (f + 1) / files);
            writeFile(haproxy.resolve("haproxy.log." + f), part, f > 0 && random.nextBoolean());
        }
    }

    private String haproxyLine(HaproxyRequest r, Instant time) {
        String target = (r.absolute() ? "https://" + r.host() : "") + r.path()
                + (r.query().isEmpty() ? "" : "?" + r.query());
        return r.client() + ":" + (1024 + random.nextInt(60000)) + " [" + acceptDate(time) + "] " + r.frontend()
                + " be_shop/web1 0/0/1/12/13 200 5120 - - ---- 3/3/1/1/0 0/0 " + r.captures() + "\"" + r.method()
                + " " + target + (r.absolute() ? " HTTP/2.0\"" : " HTTP/1.1\"");
    }

    private String syslogPrefix(Instant time) {
        LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        switch (random.nextInt(4)) {
            case 0:
                return "";
            case 1:
                return "<134>" + SYSLOG_DATE.format(t) + " lb1 haproxy[2317]: ";
            case 2:
                return "<134>1 " + time + " lb1 haproxy 2317 - - ";
            default:
                return SYSLOG_DATE.format(t) + " lb1 haproxy[2317]: ";
        }
    }

    private static String acceptDate(Instant time) {
        return ACCEPT_DATE.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    // ---- shared

    private static Request request(String host, String path, String query, String method, String client) {
        Request r = Request.of(host, path).withMethod(method).withSourceIp(client);
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            r = eq < 0 ? r.withQuery(pair, "") : r.withQuery(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return r;
    }

    private void count(Counted key, Instant time) {
        expected.merge(key, 1L, Long::sum);
        if (from.isEmpty() || time.isBefore(from.get())) {
            from = Optional.of(time);
        }
        if (to.isEmpty() || time.isAfter(to.get())) {
            to = Optional.of(time);
        }
    }

    /** Times move forward by up to a second, with microseconds, as ALB writes them. */
    private Instant tick() {
        clock += 1 + random.nextInt(1_000_000);
        return START.plusNanos(clock * 1000);
    }

    /** A line no format reads: control characters and bytes that are not UTF-8, never a line break. */
    private String garbage() {
        StringBuilder s = new StringBuilder("\u0001");
        int n = 1 + random.nextInt(80);
        for (int i = 0; i < n; i++) {
            char c = (char) (0x20 + random.nextInt(0x2000));
            s.append(Character.isSurrogate(c) ? '?' : c);
        }
        return s.toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static void writeFile(Path file, List<String> lines, boolean gzip) throws IOException {
        Files.createDirectories(file.getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.write(file, bytes.toByteArray());
    }
}

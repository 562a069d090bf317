package dev.lbguard.source.haproxy;

import dev.lbguard.testing.ProcessReady;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Listener;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.route.RouteResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of HAProxy semantics: the real {@code haproxy} is the oracle. Random configurations
 * (seeded; {@code -Dlbguard.haproxy.seed=N} replays one) are checked with {@code haproxy -c}, served by one
 * haproxy process each, and sent random requests over raw sockets (exact Host, method and source address);
 * lbguard's evaluator must name the same backend, or the same status, for every one of them.
 */
class HaproxyDifferentialTest {
    private static final String HAPROXY = System.getProperty("lbguard.haproxy", "/usr/sbin/haproxy");
    private static final int CONFIGS = 60;
    private static final int REQUESTS_PER_FRONTEND = 24;

    @TempDir
    Path dir;

    @Test
    void evaluatorAgreesWithRealHaproxy() throws Exception {
        assertThat(Path.of(HAPROXY)).as("haproxy must be installed at %s (.ci/run installs it)", HAPROXY)
                .isExecutable();
        long seed = Long.getLong("lbguard.haproxy.seed", System.nanoTime());
        RandomConfigs random = new RandomConfigs(seed);
        RouteEvaluator evaluator = new RouteEvaluator();
        int requests = 0;
        for (int c = 0; c < CONFIGS; c++) {
            int frontends = 1 + c % 2;
            List<Integer> ports = freePorts(frontends);
            String tag = "c" + c;
            String config = random.config(tag, ports);
            Path file = dir.resolve(tag + ".cfg");
            Files.writeString(file, config);
            String where = "seed " + seed + ", config " + c + ":\n" + config;
            Run check = run(List.of(HAPROXY, "-c", "-f", file.toString()));
            assertThat(check.code).as("haproxy -c rejects the generated config (%s)\n%s", check.output, where).isZero();
            RoutingSnapshot snapshot = new HaproxyConfigReader().read(tag + ".cfg", config, "",
                    SnapshotOrigin.other("test"));
            assertThat(snapshot.diagnostics()).as(where).noneMatch(d -> d.isError());
            Process haproxy = new ProcessBuilder(HAPROXY, "-db", "-f", file.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve(tag + ".log").toFile()).start();
            try {
                for (int f = 0; f < frontends; f++) {
                    waitForPort(ports.get(f), haproxy, where);
                    Listener listener = snapshot.loadBalancers().get(0).listenerOnPort(ports.get(f)).orElseThrow();
                    for (int k = 0; k < REQUESTS_PER_FRONTEND; k++) {
                        Request r = random.request();
                        String actual = send(ports.get(f), r);
                        RouteResult result = evaluator.evaluate(listener, r);
                        String expected = expected(result);
                        assertThat(expected).as("%s\nrequest %s %s Host: %s src %s headers %s (lbguard: %s)",
                                where, r.method(), r.path(), r.host(), r.sourceIp().orElse(""), r.headers(), result)
                                .isEqualTo(actual);
                        requests++;
                    }
                }
            } finally {
                haproxy.destroy();
                haproxy.waitFor(5, TimeUnit.SECONDS);
            }
        }
        assertThat(requests).isGreaterThanOrEqualTo(2000);
    }

    /** What lbguard says happens: {@code backend:<name>} or {@code status:<code>}. */
    private static String expected(RouteResult result) {
        if (!result.isMatched()) {
            return "unknown: " + result.reason();
        }
        return result.action().orElseThrow().terminal().accept(new RouteAction.Visitor<>() {
            @Override
            public String forward(RouteAction.Forward f) {
                String id = f.targets().get(0).targetGroup().value();
                return "backend:" + id.substring("haproxy:backend/".length());
            }

            @Override
            public String redirect(RouteAction.Redirect r) {
                return "redirect";
            }

            @Override
            public String fixedResponse(RouteAction.FixedResponse r) {
                return "status:" + r.statusCode();
            }

            @Override
            public String unresolved(RouteAction.Unresolved u) {
                return "unknown: " + u.reason();
            }
        });
    }

    /** Sends one request from the request's source address and reads which backend answered. */
    private static String send(int port, Request r) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(r.sourceIp().orElseThrow(), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            StringBuilder req = new StringBuilder();
            req.append(r.method()).append(' ').append(r.path()).append(" HTTP/1.1\r\n");
            req.append("Host: ").append(r.host()).append("\r\n");
            r.headers().forEach((name, values) -> values.forEach(v -> req.append(name).append(": ").append(v)
                    .append("\r\n")));
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String head = response.split("\r\n\r\n", 2)[0];
            String[] lines = head.split("\r\n");
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("x-backend:")) {
                    return "backend:" + line.substring("x-backend:".length()).trim();
                }
            }
            String[] status = lines[0].split(" ");
            return "status:" + (status.length > 1 ? status[1] : lines[0]);
        }
    }

    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
                sockets.add(s);
                ports.add(s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
        return ports;
    }

    private static void waitForPort(int port, Process haproxy, String where) throws InterruptedException {
        ProcessReady.await(haproxy, java.time.Duration.ofSeconds(10), () -> ProcessReady.listens(port),
                () -> "haproxy on port " + port + "\n" + where);
    }

    private record Run(int code, String output) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }
}

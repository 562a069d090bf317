package dev.lbguard.source.live.haproxy;

import dev.lbguard.testing.ProcessReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import dev.lbguard.source.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts one real {@code haproxy} with a generated configuration and a Runtime API socket (unix and TCP),
 * reads it with {@link HaproxyLiveSource}, changes servers over the socket as an operator would, and reads
 * it again; also the answers HAProxy never gives (cut off, garbage, nobody listening).
 */
class HaproxyLiveSourceTest {
    @TempDir
    static Path dir;
    private static Process haproxy;
    private static Path socket;
    private static int tcpPort;

    @BeforeAll
    static void startHaproxy() throws Exception {
        socket = dir.resolve("admin.sock");
        tcpPort = freePort();
        String cfg = String.join("\n",
                "global",
                "    stats socket " + socket + " mode 600 level admin",
                "    stats socket ipv4@127.0.0.1:" + tcpPort + " level admin",
                "defaults",
                "    mode http",
                "    timeout connect 2s",
                "    timeout client 5s",
                "    timeout server 5s",
                "frontend fe_main",
                "    bind 127.0.0.1:" + freePort(),
                "    default_backend be_web",
                "backend be_web",
                "    balance roundrobin",
                "    server web1 127.0.0.1:" + freePort() + " weight 100",
                "    server web2 127.0.0.1:" + freePort() + " weight 50",
                "    server spare 127.0.0.1:" + freePort() + " backup",
                "backend be_api",
                "    balance leastconn",
                "    server api1 127.0.0.1:19011 weight 10",
                "    server api2 127.0.0.1:19012 weight 20 disabled",
                "backend be_db",
                "    mode tcp",
                "    server db1 10.0.0.7:5432",
                "backend be_empty",
                "");
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), cfg);
        String binary = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
        try {
            haproxy = new ProcessBuilder(binary, "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("haproxy is not installed (apt-get install haproxy); these tests need it", e);
        }
        ProcessReady.await(haproxy, Duration.ofSeconds(20), HaproxyLiveSourceTest::answers,
                () -> "haproxy's socket: " + log(dir.resolve("haproxy.log")));
    }

    @AfterAll
    static void stopHaproxy() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
    }

    private static boolean answers() {
        try {
            return Files.exists(socket) && command("show backend").startsWith("# name");
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends one Runtime API command over the unix socket, as an operator's socat would. */
    private static String command(String line) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new String(readAll(ch), StandardCharsets.UTF_8);
        }
    }

    private static byte[] readAll(SocketChannel ch) throws IOException {
        try (InputStream in = java.nio.channels.Channels.newInputStream(ch)) {
            return in.readAllBytes();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Target server(RoutingSnapshot s, String backend, String server) {
        return s.targetGroup(ElementId.of("haproxy:backend/" + backend)).orElseThrow().targets().stream()
                .filter(t -> t.id().value().equals("haproxy:backend/" + backend + "/server/" + server))
                .findFirst().orElseThrow();
    }

    private static TargetStatus.State state(Target t) {
        return t.status().orElseThrow().state();
    }

    private static OptionalInt weight(Target t) {
        return t.status().orElseThrow().weight();
    }

    @Test
    void readsBackendsAndServers() throws SourceException {
        RoutingSnapshot s = new HaproxyLiveSource(socket.toString()).read();
        assertThat(s.origin().kind()).isEqualTo(SnapshotOrigin.Kind.LIVE);
        assertThat(s.origin().label()).isEqualTo("haproxy:" + socket);
        assertThat(s.loadBalancers()).isEmpty();
        assertThat(s.diagnostics()).isEmpty();
        assertThat(s.targetGroups()).extracting(TargetGroup::name).containsExactly("be_api", "be_db", "be_empty", "be_web");
        TargetGroup web = s.targetGroup(ElementId.of("haproxy:backend/be_web")).orElseThrow();
        assertThat(web.protocol()).isEqualTo("HTTP");
        assertThat(web.targets()).extracting(t -> t.id().value()).containsExactly("haproxy:backend/be_web/server/spare",
                "haproxy:backend/be_web/server/web1", "haproxy:backend/be_web/server/web2");
        Target web1 = server(s, "be_web", "web1");
        assertThat(web1.targetId()).isEqualTo("127.0.0.1");
        assertThat(web1.port()).isPresent();
        assertThat(state(web1)).isEqualTo(TargetStatus.State.HEALTHY);
        assertThat(weight(web1)).hasValue(100);
        assertThat(weight(server(s, "be_web", "web2"))).hasValue(50);
        assertThat(server(s, "be_web", "spare").takesTraffic()).isTrue();
        Target api2 = server(s, "be_api", "api2");
        assertThat(state(api2)).isEqualTo(TargetStatus.State.MAINTENANCE);
        assertThat(api2.status().orElseThrow().reason()).isEqualTo("MAINT");
        assertThat(api2.takesTraffic()).isFalse();
        assertThat(s.targetGroup(ElementId.of("haproxy:backend/be_db")).orElseThrow().protocol()).isEqualTo("TCP");
        assertThat(server(s, "be_db", "db1").targetId()).isEqualTo("10.0.0.7");
        assertThat(server(s, "be_db", "db1").port()).hasValue(5432);
        assertThat(s.targetGroup(ElementId.of("haproxy:backend/be_empty")).orElseThrow().targets()).isEmpty();
    }

    @Test
    void theTcpSocketReadsTheSame() throws SourceException {
        RoutingSnapshot unix = new HaproxyLiveSource(socket.toString()).read();
        RoutingSnapshot tcp = new HaproxyLiveSource("127.0.0.1:" + tcpPort).read();
        assertThat(tcp.targetGroups()).extracting(TargetGroup::targets).map(List::size)
                .isEqualTo(unix.targetGroups().stream().map(g -> g.targets().size()).toList());
        assertThat(tcp.targetGroups()).extracting(TargetGroup::id)
                .isEqualTo(unix.targetGroups().stream().map(TargetGroup::id).toList());
    }

    @Test
    void drainWeightZeroAndEnableAreSeen() throws Exception {
        command("set server be_web/web1 state drain");
        command("set server be_web/web2 weight 0");
        command("enable server be_api/api2");
        try {
            RoutingSnapshot s = new HaproxyLiveSource(socket.toString()).read();
            Target web1 = server(s, "be_web", "web1");
            assertThat(state(web1)).isEqualTo(TargetStatus.State.DRAINING);
            assertThat(web1.takesTraffic()).isFalse();
            Target web2 = server(s, "be_web", "web2");
            assertThat(state(web2)).isEqualTo(TargetStatus.State.HEALTHY);
            assertThat(weight(web2)).hasValue(0);
            assertThat(web2.takesTraffic()).isFalse();
            // Enabled at runtime: only the config-disabled bit 0x04 is left, which is not maintenance.
            Target api2 = server(s, "be_api", "api2");
            assertThat(state(api2)).isEqualTo(TargetStatus.State.HEALTHY);
            assertThat(api2.takesTraffic()).isTrue();
        } finally {
            command("set server be_web/web1 state ready");
            command("set server be_web/web2 weight 50");
            command("disable server be_api/api2");
        }
        RoutingSnapshot restored = new HaproxyLiveSource(socket.toString()).read();
        assertThat(server(restored, "be_web", "web1").takesTraffic()).isTrue();
        assertThat(weight(server(restored, "be_web", "web2"))).hasValue(50);
        assertThat(state(server(restored, "be_api", "api2"))).isEqualTo(TargetStatus.State.MAINTENANCE);
    }

    @Test
    void anAnswerCutOffMidwayIsRefused() throws Exception {
        String full = command("show servers state");
        String half = full.substring(0, full.length() / 2);
        try (FakeRuntimeApi fake = new FakeRuntimeApi(half)) {
            assertThatThrownBy(() -> new HaproxyLiveSource("127.0.0.1:" + fake.port()).read())
                    .isInstanceOf(SourceException.class)
                    .hasMessageStartingWith("haproxy:127.0.0.1:" + fake.port() + ": the answer to \"show backend\" was cut off")
                    .satisfies(e -> assertOneSentence(e.getMessage()));
        }
    }

    @Test
    void garbageIsRefused() throws Exception {
        try (FakeRuntimeApi fake = new FakeRuntimeApi("HTTP/1.1 400 Bad Request\r\n\r\n\n\n")) {
            assertThatThrownBy(() -> new HaproxyLiveSource("127.0.0.1:" + fake.port()).read())
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("is not what HAProxy answers")
                    .satisfies(e -> assertOneSentence(e.getMessage()));
        }
    }

    @Test
    void nobodyListeningIsOneSentence() throws Exception {
        int port = freePort();
        assertThatThrownBy(() -> new HaproxyLiveSource("127.0.0.1:" + port).read())
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("haproxy:127.0.0.1:" + port + ": cannot talk to the HAProxy Runtime API (Connection refused)")
                .satisfies(e -> assertOneSentence(e.getMessage()));
        Path missing = dir.resolve("missing.sock");
        assertThatThrownBy(() -> new HaproxyLiveSource(missing.toString()).read())
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("haproxy:" + missing + ": cannot talk to the HAProxy Runtime API")
                .satisfies(e -> assertOneSentence(e.getMessage()));
    }

    static void assertOneSentence(String message) {
        assertThat(message).doesNotContain("\n").endsWith(".");
    }

    /** A local TCP server that answers every command with the same bytes, then closes: a broken HAProxy. */
    private static final class FakeRuntimeApi implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        FakeRuntimeApi(String answer) throws IOException {
            server = new ServerSocket(0);
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        InputStream in = s.getInputStream();
                        int c;
                        while ((c = in.read()) != -1 && c != '\n') {
                            // read the command line
                        }
                        OutputStream out = s.getOutputStream();
                        out.write(answer.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }

    static String log(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

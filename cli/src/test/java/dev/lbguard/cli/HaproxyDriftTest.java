package dev.lbguard.cli;

import dev.lbguard.testing.ProcessReady;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * HAProxy drift end to end (issue 8 item 4): git holds {@code haproxy.cfg}, one real {@code haproxy} runs that very
 * file, and {@code drift --live haproxy:SOCKET} runs in-process. The untouched process shows no drift; an operator's
 * {@code set server ... state drain} and {@code weight 0} over the socket are exactly the drift reported, and LBG015
 * fires once no server of the routed backend takes traffic. The tests run in order on one process; without haproxy
 * they fail, never skip. Servers added and deleted at run time are unmanaged and missing live.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaproxyDriftTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path repo;
    private static Path socket;
    private static Process haproxy;

    @BeforeAll
    static void startHaproxyOnTheCommittedConfig() throws Exception {
        socket = dir.resolve("admin.sock");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        // The repository also defines an ALB with Terraform, which the Runtime API cannot see: it is out of scope.
        Files.createDirectories(tree.resolve("infra"));
        Files.copy(Golden.FIXTURES.resolve("live/moto/main.tf"), tree.resolve("infra/main.tf"));
        Files.createDirectories(tree.resolve("lb"));
        // No "check" on the servers: they point at closed ports and stay UP, so only operator changes are drift.
        Files.writeString(tree.resolve("lb/haproxy.cfg"), String.join("\n",
                "global",
                "    stats socket " + socket + " mode 600 level admin",
                "defaults",
                "    mode http",
                "    timeout connect 2s",
                "    timeout client 5s",
                "    timeout server 5s",
                "frontend fe_main",
                "    bind 127.0.0.1:" + freePort(),
                "    acl is_api path_beg /api",
                "    use_backend be_api if is_api",
                "    default_backend be_web",
                "backend be_web",
                "    balance roundrobin",
                "    server web1 127.0.0.1:" + freePort() + " weight 10",
                "    server web2 127.0.0.1:" + freePort() + " weight 10",
                "backend be_api",
                "    server api1 127.0.0.1:" + freePort() + " weight 5",
                ""));
        repo = dir.resolve("repo");
        Golden.commit(tree, repo);
        Path config = repo.resolve("lb/haproxy.cfg");
        haproxy = new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        ProcessReady.await(haproxy, Duration.ofSeconds(20), HaproxyDriftTest::answers,
                () -> "haproxy's socket: " + HaproxyDriftTest.log(dir.resolve("haproxy.log")));
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

    @Test
    @Order(1)
    void untouchedProcessHasNoDrift() throws Exception {
        CliRun run = drift();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("missingLive")).as("missing live").isEmpty();
        assertThat(json.get("unmanaged")).as("unmanaged").isEmpty();
        assertThat(json.get("resourceChanges")).as("resource changes").isEmpty();
        assertThat(json.get("routeChanges")).as("route changes").isEmpty();
        assertThat(json.get("findings")).as("findings").isEmpty();
    }

    @Test
    @Order(2)
    void drainedServerIsDrift() throws Exception {
        command("set server be_web/web1 state drain");
        JsonNode json = MAPPER.readTree(drift().out());
        assertThat(attributeChanges(json)).containsExactly("haproxy:backend/be_web/server/web1 adminState ready -> drain");
        assertThat(json.get("missingLive")).isEmpty();
        assertThat(json.get("unmanaged")).isEmpty();
        assertThat(json.get("routeChanges")).isEmpty();
        // web2 still serves be_web: no route leads only to servers that take no traffic.
        assertThat(ruleIds(json)).doesNotContain("LBG015");
    }

    @Test
    @Order(3)
    void lastServerWeightedToZeroLeavesTheDefaultRouteWithoutTraffic() throws Exception {
        command("set server be_web/web2 weight 0");
        CliRun run = drift();
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(attributeChanges(json)).containsExactlyInAnyOrder(
                "haproxy:backend/be_web/server/web1 adminState ready -> drain",
                "haproxy:backend/be_web/server/web2 weight 10 -> 0");
        assertThat(json.get("routeChanges")).isEmpty();
        List<JsonNode> noTraffic = new ArrayList<>();
        json.get("findings").forEach(f -> {
            if (f.get("id").asText().equals("LBG015")) {
                noTraffic.add(f);
            }
        });
        assertThat(noTraffic).hasSize(1);
        assertThat(noTraffic.get(0).get("message").asText()).contains("default action").contains("be_web")
                .contains("draining").contains("weight 0");
        assertThat(run.exitCode()).isEqualTo(1);

        // Saved and read back, the runtime snapshot is still known to see servers only: the same drift.
        Path saved = dir.resolve("live.json");
        CliRun.run("drift", "--repo", repo.toString(), "--live", "haproxy:" + socket, "--save-live", saved.toString());
        CliRun again = CliRun.run("drift", "--repo", repo.toString(), "--live", "snapshot:" + saved, "--format", "json");
        JsonNode back = MAPPER.readTree(again.out());
        assertThat(attributeChanges(back)).isEqualTo(attributeChanges(json));
        assertThat(ruleIds(back)).isEqualTo(ruleIds(json));
        assertThat(back.get("missingLive")).isEmpty();
    }

    @Test
    @Order(4)
    void serverAddedAtRunTimeIsUnmanagedAndOneDeletedIsMissingLive() throws Exception {
        assertThat(command("add server be_web/web9 127.0.0.1:" + freePort())).contains("New server registered");
        command("enable server be_web/web9");
        command("set server be_api/api1 state maint");
        assertThat(command("del server be_api/api1")).contains("Server deleted");
        JsonNode json = MAPPER.readTree(drift().out());
        assertThat(addresses(json.get("unmanaged"))).containsExactly("haproxy:backend/be_web/server/web9");
        assertThat(addresses(json.get("missingLive"))).containsExactly("haproxy:backend/be_api/server/api1");
        assertThat(ruleIds(json)).contains("LBG202", "LBG203");
        // web9 serves be_web again, so its route has traffic; be_api has no server left, which is LBG005's concern.
        assertThat(ruleIds(json)).doesNotContain("LBG015");
    }

    private static List<String> addresses(JsonNode unpaired) {
        List<String> out = new ArrayList<>();
        unpaired.forEach(u -> out.add(u.get("address").asText()));
        return out;
    }

    private static CliRun drift() {
        CliRun run = CliRun.run("drift", "--repo", repo.toString(), "--live", "haproxy:" + socket, "--format", "json",
                "--no-color");
        assertThat(run.err()).isEmpty();
        return run;
    }

    /** Each attribute change as {@code address path before -> after}. */
    private static List<String> attributeChanges(JsonNode json) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : json.get("resourceChanges")) {
            for (JsonNode a : c.get("attributes")) {
                out.add(c.get("address").asText() + " " + a.get("path").asText() + " " + a.get("before").asText()
                        + " -> " + a.get("after").asText());
            }
        }
        return out;
    }

    private static List<String> ruleIds(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.get("findings").forEach(f -> out.add(f.get("id").asText()));
        return out;
    }

    private static boolean answers() {
        try {
            return Files.exists(socket) && command("show backend").startsWith("# name");
        } catch (IOException e) {
            return false;
        }
    }

    /** One Runtime API command over the unix socket, as an operator's socat would send it. */
    private static String command(String line) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
            try (InputStream in = Channels.newInputStream(ch)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
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

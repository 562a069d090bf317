package dev.lbguard.source.live.aws;

import dev.lbguard.testing.ProcessReady;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code moto_server} (the AWS API emulator, DOMAIN.md section 9) on a free local port, started once
 * per test class. A machine without moto fails the test: it is part of the test environment, not optional.
 */
final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static MotoServer start() throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createTempFile("moto", ".log");
        Process p;
        try {
            p = new ProcessBuilder(List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server is not installed (pip install 'moto[server]'); "
                    + "the AWS live-source tests need it", e);
        }
        MotoServer server = new MotoServer(p, port, log);
        try {
            ProcessReady.await(p, Duration.ofSeconds(60), () -> ProcessReady.listens(port),
                    () -> "moto_server on port " + port + ": " + readLog(log));
        } catch (AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

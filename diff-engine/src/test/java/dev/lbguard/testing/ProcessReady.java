package dev.lbguard.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a server process a test started (haproxy, moto_server) to be ready. Between checks it waits on
 * the process itself, so a server that dies is reported at once, with what it printed, instead of a timeout.
 */
public final class ProcessReady {
    private ProcessReady() {
    }

    /** Returns once {@code ready} holds; fails when the process exits first or {@code timeout} passes. */
    public static void await(Process process, Duration timeout, BooleanSupplier ready, Supplier<String> context)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ready within " + timeout.toSeconds() + " s: " + context.get());
            }
            if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("exited with " + process.exitValue() + ": " + context.get());
            }
        }
    }

    /** True when something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean listens(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.lbguard.cli.command;

import dev.lbguard.analysis.TrafficProjection;
import dev.lbguard.route.Request;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.traffic.TrafficLog;
import dev.lbguard.source.traffic.TrafficSources;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.UnaryOperator;

/**
 * The {@code --traffic} logs read on a thread of their own while the command reads its snapshots: reading a
 * million log lines and reading a large configuration each took a core for a second or two, one after the other.
 * How the log's requests are reduced depends on the snapshots' rules ({@link TrafficProjection#of}), which are not
 * known yet, so they are reduced as most rule sets let them be ({@link TrafficProjection#LEAST}); when the rules
 * read more (a source-ip, query or header condition), this reading is dropped and the logs read again. Either way
 * the log is the one the projection gives, so the reports are the same; only when it is read differs.
 */
final class EarlyTraffic {
    private final FutureTask<TrafficLog> reading;

    EarlyTraffic(List<String> sources) {
        reading = new FutureTask<>(() -> TrafficSources.read(sources, TrafficProjection.LEAST));
        Thread thread = new Thread(reading, "lbguard-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the log is being read as {@code projection} reduces its requests, so that it can be taken as read. */
    boolean readsAs(UnaryOperator<Request> projection) {
        return TrafficProjection.LEAST.equals(projection);
    }

    /**
     * The log as read, when {@code projection} is the one it was read with ({@link #readsAs}); empty, the reading
     * stopped, when it is not.
     *
     * @throws SourceException as reading the logs threw it
     */
    Optional<TrafficLog> as(UnaryOperator<Request> projection) throws SourceException {
        if (!readsAs(projection)) {
            stop();
            return Optional.empty();
        }
        return Optional.of(log());
    }

    /**
     * The log, once read.
     *
     * @throws SourceException as reading the logs threw it
     */
    TrafficLog log() throws SourceException {
        try {
            return reading.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SourceException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while reading the traffic logs", e);
        }
    }

    /** Stops the reading when it is still going: nothing will take its log. */
    void stop() {
        reading.cancel(true);
    }
}

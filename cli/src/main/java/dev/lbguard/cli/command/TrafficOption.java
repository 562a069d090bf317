package dev.lbguard.cli.command;

import dev.lbguard.analysis.TrafficWeighting;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.TrafficWeigher;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.traffic.TrafficLog;
import dev.lbguard.source.traffic.TrafficSources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** {@code --traffic} and {@code --show-requests}: weigh what a command compares by the requests load balancers logged. */
public final class TrafficOption {
    @Option(names = "--traffic", paramLabel = "SOURCE", description = "Weigh the change by logged traffic: ALB access "
            + "logs (alb:PATH), HAProxy HTTP logs (haproxy:PATH) or jsonl:PATH, a file or a directory of them, "
            + ".gz or plain; the prefix may be left out (repeatable).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--show-requests", description = "With --traffic: show the paths moved as logged. By default "
            + "their numeric ids (which may name a customer or an order) are masked as {id}.")
    boolean showRequests;

    /** The logs being read since {@link #readEarly}; null before, and once {@link #log} took or dropped them. */
    private EarlyTraffic early;

    boolean given() {
        if (showRequests && sources.isEmpty()) {
            throw new UsageException("--show-requests goes with --traffic");
        }
        return !sources.isEmpty();
    }

    /**
     * Starts reading the logs, when there are any, while the caller reads the snapshots it will weigh with them
     * ({@link EarlyTraffic}); the caller calls {@link #stopEarly} when it is done, whether or not it weighed.
     */
    void readEarly() {
        if (given()) {
            early = new EarlyTraffic(sources);
        }
    }

    /** Stops an early reading that no weigher took (the command failed before it weighed). */
    void stopEarly() {
        if (early != null) {
            early.stop();
            early = null;
        }
    }

    /**
     * The weigher of the logs, read once, each request reduced to what the rules of {@code sides} can read; empty
     * without {@code --traffic}.
     */
    Optional<TrafficWeigher> weigher(List<RoutingSnapshot> sides) {
        UnaryOperator<dev.lbguard.route.Request> projection = dev.lbguard.analysis.TrafficProjection.of(sides);
        if (early != null && early.readsAs(projection)) {
            // Waited for when the first change is weighed: the review compares the snapshots meanwhile.
            EarlyTraffic read = early;
            return Optional.of(TrafficWeighting.of(() -> {
                try {
                    return read.log();
                } catch (SourceException e) {
                    throw new UsageException(e.getMessage());
                }
            }, showRequests));
        }
        return log(projection).map(l -> TrafficWeighting.of(l, showRequests));
    }

    /** As {@link #weigher(List)}, for commands that read their snapshots later: requests are kept whole. */
    Optional<TrafficWeigher> weigher() {
        return log(UnaryOperator.identity()).map(l -> TrafficWeighting.of(l, showRequests));
    }

    Optional<TrafficLog> log(UnaryOperator<dev.lbguard.route.Request> projection) {
        if (!given()) {
            return Optional.empty();
        }
        try {
            if (early != null) {
                EarlyTraffic read = early;
                early = null;
                Optional<TrafficLog> log = read.as(projection);
                if (log.isPresent()) {
                    return log;
                }
            }
            return Optional.of(TrafficSources.read(sources, projection));
        } catch (SourceException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

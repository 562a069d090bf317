package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the requests of every line read, identical ones together, so that memory grows with the distinct
 * requests and not with the lines; keeps the malformed lines' count, the first few problems and the time window.
 */
final class Tally {
    /** Problems kept for the report: enough to see what is wrong, never a copy of a broken file. */
    static final int PROBLEMS_KEPT = 10;

    private record Key(String loadBalancer, int port, Request request) {
    }

    /** Insertion-ordered so the result is the same for the same files, whatever the hash codes. */
    private final Map<Key, long[]> counts = new LinkedHashMap<>();
    private final java.util.function.UnaryOperator<Request> projection;
    private final List<String> problems = new ArrayList<>();
    private long malformed;
    private Optional<Instant> from = Optional.empty();
    private Optional<Instant> to = Optional.empty();

    /** {@code projection} drops what routing will not read, before requests are told apart. */
    Tally(java.util.function.UnaryOperator<Request> projection) {
        this.projection = projection;
    }

    void add(LogEntry entry, String file, long line) {
        if (entry.request().isEmpty()) {
            malformed(file, line, entry.problem());
            return;
        }
        LoggedRequest r = entry.request().get();
        Key key = new Key(r.loadBalancer(), r.port(), projection.apply(r.request()));
        long[] count = counts.get(key);
        if (count != null && count[0] > Long.MAX_VALUE - r.count()) {
            malformed(file, line, "the count overflows what lbguard can add up");
            return;
        }
        counts.computeIfAbsent(key, k -> new long[1])[0] += r.count();
        entry.time().ifPresent(t -> {
            if (from.isEmpty() || t.isBefore(from.get())) {
                from = Optional.of(t);
            }
            if (to.isEmpty() || t.isAfter(to.get())) {
                to = Optional.of(t);
            }
        });
    }

    void malformed(String file, long line, String why) {
        malformed++;
        if (problems.size() < PROBLEMS_KEPT) {
            problems.add(file + ":" + line + ": " + why);
        }
    }

    TrafficLog log() {
        List<LoggedRequest> requests = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> requests.add(new LoggedRequest(k.loadBalancer(), k.port(), k.request(), n[0])));
        return new TrafficLog(requests, malformed, problems, from, to);
    }
}

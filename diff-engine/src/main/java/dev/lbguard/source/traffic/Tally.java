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

    /**
     * A load balancer, port and projected request, equal when theirs are. Written out rather than a record: a
     * record's (and {@link Request}'s) equals and hashCode go through method handles, which the client compiler
     * lbguard runs with does not inline, and the tally looks up a key for every line of a log.
     */
    private static final class Key {
        private final String loadBalancer;
        private final int port;
        private final Request request;
        private final int hash;

        Key(String loadBalancer, int port, Request request) {
            this.loadBalancer = loadBalancer;
            this.port = port;
            this.request = request;
            int h = loadBalancer.hashCode() * 31 + port;
            h = h * 31 + request.host().hashCode();
            h = h * 31 + request.path().hashCode();
            h = h * 31 + request.method().hashCode();
            h = h * 31 + (request.headers().isEmpty() ? 0 : request.headers().hashCode());
            h = h * 31 + (request.query().isEmpty() ? 0 : request.query().hashCode());
            this.hash = h * 31 + (request.sourceIp().isEmpty() ? 0 : request.sourceIp().get().hashCode());
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            Request a = request;
            Request b = k.request;
            return hash == k.hash && port == k.port && loadBalancer.equals(k.loadBalancer)
                    && a.host().equals(b.host()) && a.path().equals(b.path()) && a.method().equals(b.method())
                    && a.sourceIp().equals(b.sourceIp()) && same(a.query(), b.query())
                    && (a.headers().isEmpty() ? b.headers().isEmpty() : a.headers().equals(b.headers()));
        }

        private static boolean same(List<Request.QueryParam> a, List<Request.QueryParam> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                Request.QueryParam p = a.get(i);
                Request.QueryParam q = b.get(i);
                if (p != q && !(p.key().equals(q.key()) && p.value().equals(q.value()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Insertion-ordered so the result is the same for the same files, whatever the hash codes. */
    private final Map<Key, long[]> counts = new LinkedHashMap<>();
    private final java.util.function.UnaryOperator<Request> projection;
    private final List<String> problems = new ArrayList<>();
    private long malformed;
    /** The window as seconds and nanoseconds, not Instants: it is widened once a line, a million times a log. */
    private boolean timed;
    private long fromSecond;
    private int fromNano;
    private long toSecond;
    private int toNano;

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
        if (count(r.loadBalancer(), r.port(), r.request(), r.count(), file, line)) {
            entry.time().ifPresent(t -> time(t.getEpochSecond(), t.getNano()));
        }
    }

    /**
     * Counts {@code count} requests, {@code request} as logged (the projection is applied here); false, with the
     * line counted as malformed, when the sum would overflow.
     */
    boolean count(String loadBalancer, int port, Request request, long count, String file, long line) {
        return add(sum(loadBalancer, port, request), count, file, line);
    }

    /**
     * The sum of the requests that project as {@code request} does, for {@link #add}: kept by a reader that knows
     * more lines will project alike, so that it counts them without projecting and looking up each. A new sum is
     * 0 until added to, which the caller does at once.
     */
    long[] sum(String loadBalancer, int port, Request request) {
        return counts.computeIfAbsent(new Key(loadBalancer, port, projection.apply(request)), k -> new long[1]);
    }

    /** Adds {@code count} to a sum from {@link #sum}; false, with the line counted as malformed, on overflow. */
    boolean add(long[] sum, long count, String file, long line) {
        if (sum[0] > Long.MAX_VALUE - count) {
            malformed(file, line, "the count overflows what lbguard can add up");
            return false;
        }
        sum[0] += count;
        return true;
    }

    /**
     * Whether the projection drops the client address, the query and the headers, tried on two requests that carry
     * them: then every request does without them (the projection keeps a field for every request or for none, as it
     * keeps what the rules read), and a line's address, query and User-Agent need not be read, nor the line projected.
     */
    boolean dropsAddressQueryAndHeaders() {
        for (Request probe : List.of(
                Request.of("lbguard.invalid", "/").withQuery("q", "1").withSourceIp("192.0.2.1")
                        .withHeader("User-Agent", "lbguard"),
                Request.of("lbguard.invalid:8443", "/a").withMethod("POST").withQuery("a", "")
                        .withSourceIp("2001:db8::1").withHeader("User-Agent", "-lbguard"))) {
            Request projected;
            try {
                projected = projection.apply(probe);
            } catch (RuntimeException e) {
                return false; // a projection made for logged requests only is applied to each, as it expects
            }
            if (projected.sourceIp().isPresent() || !projected.query().isEmpty() || !projected.headers().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Widens the window to a counted line's time. */
    void time(long epochSecond, int nano) {
        if (!timed || epochSecond < fromSecond || (epochSecond == fromSecond && nano < fromNano)) {
            fromSecond = epochSecond;
            fromNano = nano;
        }
        if (!timed || epochSecond > toSecond || (epochSecond == toSecond && nano > toNano)) {
            toSecond = epochSecond;
            toNano = nano;
        }
        timed = true;
    }

    void malformed(String file, long line, String why) {
        malformed++;
        if (problems.size() < PROBLEMS_KEPT) {
            problems.add(file + ":" + line + ": " + why);
        }
    }

    TrafficLog log() {
        List<LoggedRequest> requests = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> requests.add(new LoggedRequest(k.loadBalancer, k.port, k.request, n[0])));
        return new TrafficLog(requests, malformed, problems,
                timed ? Optional.of(Instant.ofEpochSecond(fromSecond, fromNano)) : Optional.empty(),
                timed ? Optional.of(Instant.ofEpochSecond(toSecond, toNano)) : Optional.empty());
    }
}

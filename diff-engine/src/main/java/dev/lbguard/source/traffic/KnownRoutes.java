package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.util.HashMap;
import java.util.Map;

/**
 * What a log line's load balancer field and request line (query aside) come to, worked out once per distinct run of
 * their bytes and found again by them: a million lines repeat a few thousand. A byte reader ({@link AlbBytes},
 * {@link HaproxyBytes}) writes the key from the fields it reads, finds the route, and works it out from the fields'
 * text ({@link Routed}) only when it is not found. When the tally drops the client address, query and headers, a
 * route's lines are all one request, counted in the one sum kept with it.
 */
final class KnownRoutes {
    /**
     * Distinct keys remembered, and their bytes: with what each comes to, some 50 MB at most (a log of more forgets
     * them and works them out again).
     */
    private static final int ROUTES_KEPT = 1 << 18;
    private static final long ROUTE_BYTES_KEPT = 24L << 20;

    /**
     * A route (its strings shared with every route that has them), or why there is none; and, when the route is the
     * request, the sum its lines add to. One flat object, not a record in an Optional: a log has a few hundred
     * thousand.
     */
    static final class Known {
        final String loadBalancer;
        final int port;
        final String method;
        final String host;
        final String path;
        /** What the line does not say of the request's headers; null when there is no route. */
        final Request.Unread unread;
        /** Why there is no route; empty when there is one. */
        final String problem;
        private long[] sum = new long[0];

        private Known(String loadBalancer, int port, String method, String host, String path, Request.Unread unread,
                      String problem) {
            this.loadBalancer = loadBalancer;
            this.port = port;
            this.method = method;
            this.host = host;
            this.path = path;
            this.unread = unread;
            this.problem = problem;
        }
    }

    private final SliceCache<Known> routes;
    private final Map<String, String> strings = new HashMap<>();
    /** The projection drops addresses, queries and headers: a route's lines are one request, counted in its sum. */
    private final boolean routeIsRequest;
    private byte[] key = new byte[256];
    private int length;
    private int hash;

    /** {@code routeIsRequest} when the tally's projection drops addresses, queries and headers. */
    KnownRoutes(boolean routeIsRequest, int kept) {
        this.routeIsRequest = routeIsRequest;
        this.routes = new SliceCache<>(Math.min(kept, ROUTES_KEPT), ROUTE_BYTES_KEPT);
    }

    boolean routeIsRequest() {
        return routeIsRequest;
    }

    /** Starts a new key, empty. */
    void newKey() {
        length = 0;
    }

    /** Adds {@code b[from, to)} to the key. */
    void key(byte[] b, int from, int to) {
        int n = to - from;
        room(n);
        System.arraycopy(b, from, key, length, n);
        length += n;
    }

    /** Adds one byte to the key. */
    void key(byte c) {
        room(1);
        key[length++] = c;
    }

    private void room(int n) {
        if (key.length < length + n) {
            key = java.util.Arrays.copyOf(key, Math.max(length + n, 2 * key.length));
        }
    }

    /** What the key's bytes came to, or null: then the caller works it out and keeps it with {@link #keep}. */
    Known find() {
        hash = SliceCache.hash(key, 0, length);
        return routes.get(key, 0, length, hash);
    }

    /** Keeps what the key that {@link #find} did not find comes to: the route, or the problem. */
    Known keep(Routed routed) {
        Known known = routed.route().map(r -> new Known(shared(r.loadBalancer()), r.port(), shared(r.method()),
                shared(r.host()), shared(r.target().path()), r.unread(), ""))
                .orElseGet(() -> new Known("", 0, "", "", "", null, routed.problem()));
        routes.put(key, 0, length, hash, known);
        return known;
    }

    /**
     * The sum a line of {@code known} is counted in when that is known without its request: the route is the request
     * and a line of it was counted before; null when the line's request is to be built and given to {@link #sum}.
     */
    long[] sum(Known known) {
        return routeIsRequest && known.sum.length > 0 ? known.sum : null;
    }

    /** The tally's sum for {@code request}, a line of {@code known}: kept with it when the route is the request. */
    long[] sum(Known known, Request request, Tally tally) {
        long[] sum = tally.sum(known.loadBalancer, known.port, request);
        if (routeIsRequest) {
            known.sum = sum;
        }
        return sum;
    }

    /** One String for equal names, hosts and paths across routes, so that memory grows with the distinct ones. */
    private String shared(String s) {
        if (strings.size() >= ROUTES_KEPT) {
            strings.clear();
        }
        String known = strings.putIfAbsent(s, s);
        return known == null ? s : known;
    }
}

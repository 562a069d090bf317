package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * ALB access-log lines read from their bytes, the way {@link AlbAccessLog} reads their text, for the lines that are
 * requests (nearly all): the fields routing reads are found in place, and what the {@code elb} field and the
 * request line say is worked out once per distinct pair, then found again by their bytes. The query is left out
 * of that pair and read on its own, since it is the part of a request line that varies most. A line this reader
 * does not take (a field missing, a request line not closed, a time that is no time) is left to
 * {@link AlbAccessLog}, which names what is wrong; so every problem is worded in one place, and {@code AlbBytesProperties} checks that both
 * readers count every line alike.
 */
final class AlbBytes {
    /** As in {@link AlbAccessLog}: type, time, elb, client:port, target:port, 3 timings, 2 codes, 2 sizes. */
    private static final int FIELDS_BEFORE_REQUEST = 12;
    /**
     * Distinct request lines (query aside) remembered, and their bytes: with what each comes to, some 50 MB at most
     * (a log of more forgets them and works them out again); queries and addresses far less.
     */
    private static final int ROUTES_KEPT = 1 << 18;
    private static final long ROUTE_BYTES_KEPT = 24L << 20;
    private static final int QUERIES_KEPT = 1 << 16;
    private static final long QUERY_BYTES_KEPT = 4L << 20;
    private static final int ADDRESSES_KEPT = 1 << 16;
    private static final long ADDRESS_BYTES_KEPT = 2L << 20;
    private static final SortedMap<String, List<String>> NO_HEADERS = Collections.emptySortedMap();

    /**
     * What an {@code elb} field and a request line (query aside) come to: a route (its strings shared with every
     * route that has them), or why there is none; and, when the tally drops addresses and queries, the sum every
     * line of the route adds to. One flat object, not a record in an Optional: a log has a few hundred thousand.
     */
    private static final class Known {
        final String loadBalancer;
        final int port;
        final String method;
        final String host;
        final String path;
        /** Why there is no route; empty when there is one. */
        final String problem;
        long[] sum = new long[0];

        Known(String loadBalancer, int port, String method, String host, String path, String problem) {
            this.loadBalancer = loadBalancer;
            this.port = port;
            this.method = method;
            this.host = host;
            this.path = path;
            this.problem = problem;
        }
    }

    private final SliceCache<Known> routes;
    private final SliceCache<List<Request.QueryParam>> queries;
    private final SliceCache<Optional<String>> addresses;
    private final Map<String, String> strings = new HashMap<>();
    /** The projection drops addresses and queries: a route's lines are one request, counted in its sum. */
    private final boolean routeIsRequest;
    private byte[] key = new byte[256];
    private final AlbTimes times = new AlbTimes();

    /** {@code routeIsRequest} when the tally's projection drops addresses and queries. */
    AlbBytes(boolean routeIsRequest) {
        this(routeIsRequest, Integer.MAX_VALUE);
    }

    /** As {@link #AlbBytes(boolean)}, each cache keeping at most {@code kept} entries: tests make them forget often. */
    AlbBytes(boolean routeIsRequest, int kept) {
        this.routeIsRequest = routeIsRequest;
        this.routes = new SliceCache<>(Math.min(kept, ROUTES_KEPT), ROUTE_BYTES_KEPT);
        this.queries = new SliceCache<>(Math.min(kept, QUERIES_KEPT), QUERY_BYTES_KEPT);
        this.addresses = new SliceCache<>(Math.min(kept, ADDRESSES_KEPT), ADDRESS_BYTES_KEPT);
    }

    /**
     * Counts the line {@code b[from, to)} in {@code tally} as {@link AlbAccessLog} would; false, with nothing
     * counted, when the line is to be read as text instead.
     */
    boolean read(byte[] b, int from, int to, Tally tally, String file, long line) {
        if (from < to && b[from] >= '0' && b[from] <= '9') {
            return false; // a type never starts with a digit; a Classic Load Balancer's time does (AlbAccessLog says so)
        }
        int timeStart = 0;
        int timeEnd = 0;
        int elbStart = 0;
        int elbEnd = 0;
        int clientStart = 0;
        int clientEnd = 0;
        int pos = from;
        for (int i = 0; i < FIELDS_BEFORE_REQUEST; i++) {
            int space = pos;
            while (space < to && b[space] != ' ') {
                space++;
            }
            if (space == to) {
                return false;
            }
            if (i == 1) {
                timeStart = pos;
                timeEnd = space;
            } else if (i == 2) {
                elbStart = pos;
                elbEnd = space;
            } else if (i == 3) {
                clientStart = pos;
                clientEnd = space;
            }
            pos = space + 1;
        }
        if (pos >= to || b[pos] != '"') {
            return false;
        }
        int close = -1;
        for (int i = pos + 1; i + 1 < to; i++) {
            if (b[i] == '"' && b[i + 1] == ' ') {
                close = i;
                break;
            }
        }
        if (close < 0) {
            if (to > pos + 1 && b[to - 1] == '"') {
                close = to - 1;
            } else {
                return false;
            }
        }
        long seconds;
        int nanos = AlbTimes.fraction(b, timeStart, timeEnd);
        if (nanos >= 0 && (times.sameSecond(b, timeStart) || times.newSecond(b, timeStart))) {
            seconds = times.epochSecond();
        } else {
            Instant time;
            try {
                time = IsoInstant.parse(new String(b, timeStart, timeEnd - timeStart, StandardCharsets.UTF_8));
            } catch (DateTimeParseException e) {
                return false;
            }
            seconds = time.getEpochSecond();
            nanos = time.getNano();
        }
        int question = queryMark(b, pos + 1, close);
        int queryEnd = question < 0 ? close : lastSpace(b, pos + 1, close);
        Known known = known(b, elbStart, elbEnd, pos + 1, close, question, queryEnd);
        if (!known.problem.isEmpty()) {
            tally.malformed(file, line, known.problem);
            return true;
        }
        boolean counted;
        if (routeIsRequest && known.sum.length > 0) {
            counted = tally.add(known.sum, 1, file, line);
        } else {
            // The User-Agent, the one header the line carries, matters only where the projection keeps headers;
            // where it does not, every line of the route is this one request (routeIsRequest).
            SortedMap<String, List<String>> headers = routeIsRequest || close + 2 >= to ? NO_HEADERS
                    : AlbAccessLog.userAgent(new String(b, close + 2, to - close - 2, StandardCharsets.UTF_8), 0);
            Request request = new Request(known.host, known.path, known.method, headers,
                    query(b, question, queryEnd), address(b, clientStart, clientEnd), AlbAccessLog.UNREAD);
            long[] sum = tally.sum(known.loadBalancer, known.port, request);
            counted = tally.add(sum, 1, file, line);
            if (routeIsRequest) {
                known.sum = sum;
            }
        }
        if (counted) {
            tally.time(seconds, nanos);
        }
        return true;
    }

    /**
     * The route of the {@code elb} field and the request line {@code b[from, to)}, its query {@code (question,
     * lastSpace)} cut out: how {@link AlbAccessLog#route} reads a line does not depend on the query (no check looks
     * past the {@code ?}, nor does any problem quote it), so lines that differ only there share it.
     */
    private Known known(byte[] b, int elbStart, int elbEnd, int from, int to, int question, int lastSpace) {
        int elb = elbEnd - elbStart;
        int length = elb + 1 + (question < 0 ? to - from : question + 1 - from + to - lastSpace);
        if (key.length < length) {
            key = new byte[Math.max(length, 2 * key.length)];
        }
        System.arraycopy(b, elbStart, key, 0, elb);
        key[elb] = ' ';
        if (question < 0) {
            System.arraycopy(b, from, key, elb + 1, to - from);
        } else {
            System.arraycopy(b, from, key, elb + 1, question + 1 - from);
            System.arraycopy(b, lastSpace, key, elb + 1 + question + 1 - from, to - lastSpace);
        }
        int hash = SliceCache.hash(key, 0, length);
        Known known = routes.get(key, 0, length, hash);
        if (known == null) {
            AlbAccessLog.Routed routed = AlbAccessLog.route(text(b, elbStart, elbEnd), text(b, from, to));
            known = routed.route().map(r -> new Known(shared(r.loadBalancer()), r.port(), shared(r.method()),
                    shared(r.host()), shared(r.target().path()), ""))
                    .orElseGet(() -> new Known("", 0, "", "", "", routed.problem()));
            routes.put(key, 0, length, hash, known);
        }
        return known;
    }

    /**
     * Where the query of the request line {@code b[from, to)} starts: its URL's first {@code ?}, the URL being what
     * lies between the first and the last space; -1 when there is none, or no such URL.
     */
    private static int queryMark(byte[] b, int from, int to) {
        int firstSpace = from;
        while (firstSpace < to && b[firstSpace] != ' ') {
            firstSpace++;
        }
        if (firstSpace == from || firstSpace == to) {
            return -1;
        }
        int lastSpace = lastSpace(b, from, to);
        for (int i = firstSpace + 1; i < lastSpace; i++) {
            if (b[i] == '?') {
                return i;
            }
        }
        return -1;
    }

    private static int lastSpace(byte[] b, int from, int to) {
        int i = to - 1;
        while (i >= from && b[i] != ' ') {
            i--;
        }
        return i;
    }

    /** The pairs of the query {@code (question, end)}, as {@link RequestTarget#params} splits them. */
    private List<Request.QueryParam> query(byte[] b, int question, int end) {
        if (question < 0 || question + 1 == end) {
            return List.of();
        }
        int hash = SliceCache.hash(b, question + 1, end);
        List<Request.QueryParam> params = queries.get(b, question + 1, end, hash);
        if (params == null) {
            params = List.copyOf(RequestTarget.params(text(b, question + 1, end)));
            queries.put(b, question + 1, end, hash, params);
        }
        return params;
    }

    /** The address of the client field {@code b[from, to)}, as {@link ClientAddress#of} reads it. */
    private Optional<String> address(byte[] b, int from, int to) {
        int start = from;
        int end;
        if (from < to && b[from] == '[') {
            start = from + 1;
            end = start;
            while (end < to && b[end] != ']') {
                end++;
            }
            if (end == to) {
                return Optional.empty();
            }
        } else {
            end = to - 1;
            while (end >= from && b[end] != ':') {
                end--;
            }
            if (end < from) {
                end = to;
            }
        }
        int hash = SliceCache.hash(b, start, end);
        Optional<String> address = addresses.get(b, start, end, hash);
        if (address == null) {
            String text = text(b, start, end);
            address = ClientAddress.isAddress(text) ? Optional.of(text) : Optional.empty();
            addresses.put(b, start, end, hash, address);
        }
        return address;
    }

    /** One String for equal names, hosts and paths across routes, so that memory grows with the distinct ones. */
    private String shared(String s) {
        if (strings.size() >= ROUTES_KEPT) {
            strings.clear();
        }
        String known = strings.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}

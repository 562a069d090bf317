package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * ALB access-log lines read from their bytes, the way {@link AlbAccessLog} reads their text, for the lines that are
 * requests (nearly all): the fields routing reads are found in place, and what the {@code elb} field and the
 * request line say is worked out once per distinct pair, then found again by their bytes ({@link KnownRoutes}).
 * The query is left out of that pair and read on its own ({@link ByteFields}), since it is the part of a request
 * line that varies most. A line this reader does not take (a field missing, a request line not closed, a time that
 * is no time) is left to {@link AlbAccessLog}, which names what is wrong; so every problem is worded in one place,
 * and {@code AlbBytesProperties} checks that both readers count every line alike.
 */
final class AlbBytes implements ByteFormat {
    /** As in {@link AlbAccessLog}: type, time, elb, client:port, target:port, 3 timings, 2 codes, 2 sizes. */
    private static final int FIELDS_BEFORE_REQUEST = 12;
    private static final SortedMap<String, List<String>> NO_HEADERS = Collections.emptySortedMap();

    private final KnownRoutes routes;
    private final ByteFields fields;
    private final AlbTimes times = new AlbTimes();

    /** {@code routeIsRequest} when the tally's projection drops addresses, queries and headers. */
    AlbBytes(boolean routeIsRequest) {
        this(routeIsRequest, Integer.MAX_VALUE);
    }

    /** As {@link #AlbBytes(boolean)}, each cache keeping at most {@code kept} entries: tests make them forget often. */
    AlbBytes(boolean routeIsRequest, int kept) {
        this.routes = new KnownRoutes(routeIsRequest, kept);
        this.fields = new ByteFields(kept);
    }

    /**
     * Counts the line {@code b[from, to)} in {@code tally} as {@link AlbAccessLog} would; false, with nothing
     * counted, when the line is to be read as text instead.
     */
    @Override
    public boolean read(byte[] b, int from, int to, Tally tally, String file, long line) {
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
        // Eight bytes at a time (Bytes.indexOf), here and below: byte by byte, finding the fields took a fifth of
        // reading a line under the client compiler.
        for (int i = 0; i < FIELDS_BEFORE_REQUEST; i++) {
            int space = Bytes.indexOf(b, pos, to, (byte) ' ');
            if (space < 0) {
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
        for (int q = Bytes.indexOf(b, pos + 1, to - 1, (byte) '"'); q >= 0;
             q = Bytes.indexOf(b, q + 1, to - 1, (byte) '"')) {
            if (b[q + 1] == ' ') {
                close = q;
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
                time = IsoInstant.parse(ByteFields.text(b, timeStart, timeEnd));
            } catch (DateTimeParseException e) {
                return false;
            }
            seconds = time.getEpochSecond();
            nanos = time.getNano();
        }
        int question = queryMark(b, pos + 1, close);
        int queryEnd = question < 0 ? close : lastSpace(b, pos + 1, close);
        KnownRoutes.Known known = known(b, elbStart, elbEnd, pos + 1, close, question, queryEnd);
        if (!known.problem.isEmpty()) {
            tally.malformed(file, line, known.problem);
            return true;
        }
        long[] sum = routes.sum(known);
        if (sum == null) {
            // The User-Agent, the one header the line carries, the query and the client matter only where the
            // projection keeps them; where it does not, every line of the route is this one request (routeIsRequest).
            Request request = routes.routeIsRequest()
                    ? new Request(known.host, known.path, known.method, NO_HEADERS, List.of(), Optional.empty(),
                    known.unread)
                    : new Request(known.host, known.path, known.method, close + 2 >= to ? NO_HEADERS
                    : AlbAccessLog.userAgent(ByteFields.text(b, close + 2, to), 0), fields.query(b, question, queryEnd),
                    fields.addressOfPort(b, clientStart, clientEnd), known.unread);
            sum = routes.sum(known, request, tally);
        }
        if (tally.add(sum, 1, file, line)) {
            tally.time(seconds, nanos);
        }
        return true;
    }

    /**
     * The route of the {@code elb} field and the request line {@code b[from, to)}, its query {@code (question,
     * lastSpace)} cut out: how {@link AlbAccessLog#route} reads a line does not depend on the query (no check looks
     * past the {@code ?}, nor does any problem quote it), so lines that differ only there share it.
     */
    private KnownRoutes.Known known(byte[] b, int elbStart, int elbEnd, int from, int to, int question,
                                    int lastSpace) {
        routes.newKey();
        routes.key(b, elbStart, elbEnd);
        routes.key((byte) ' ');
        if (question < 0) {
            routes.key(b, from, to);
        } else {
            routes.key(b, from, question + 1);
            routes.key(b, lastSpace, to);
        }
        KnownRoutes.Known known = routes.find();
        return known != null ? known : routes.keep(AlbAccessLog.route(ByteFields.text(b, elbStart, elbEnd),
                ByteFields.text(b, from, to)));
    }

    /**
     * Where the query of the request line {@code b[from, to)} starts: its URL's first {@code ?}, the URL being what
     * lies between the first and the last space; -1 when there is none, or no such URL.
     */
    private static int queryMark(byte[] b, int from, int to) {
        int firstSpace = Bytes.indexOf(b, from, to, (byte) ' ');
        if (firstSpace == from || firstSpace < 0) {
            return -1;
        }
        int lastSpace = lastSpace(b, from, to);
        return firstSpace + 1 < lastSpace ? Bytes.indexOf(b, firstSpace + 1, lastSpace, (byte) '?') : -1;
    }

    private static int lastSpace(byte[] b, int from, int to) {
        int i = to - 1;
        while (i >= from && b[i] != ' ') {
            i--;
        }
        return i;
    }
}

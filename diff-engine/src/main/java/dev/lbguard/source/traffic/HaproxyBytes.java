package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * HAProxy HTTP log lines read from their bytes, the way {@link HaproxyHttpLog} reads their text, for the lines that
 * are requests (nearly all): the client, accept date, frontend, first capture and request line are found in place,
 * and what the frontend, the first capture and the request line (query aside) say is worked out once per distinct
 * run of their bytes and found again by them ({@link KnownRoutes}). syslog-ng's escaped quotes are undone first, in
 * a copy, as the text reader does. A line out of the ordinary (no accept date, a field missing, a request line not
 * closed, bytes that might be a Unicode space where the text reader looks for one) is left to the text reader,
 * which names what is wrong; {@code HaproxyBytesProperties} checks that both readers count every line alike.
 */
final class HaproxyBytes implements ByteFormat {
    /** As in {@link HaproxyHttpLog}: frontend, backend/server, timers, status, bytes, cookies, state, conns, queues. */
    private static final int FIELDS_BEFORE_CAPTURES = 10;
    /** As {@link HaproxyHttpLog} skips it: a date field is at most 40 characters. */
    private static final int DATE_LONGEST = 40;
    private static final SortedMap<String, List<String>> NO_HEADERS = Collections.emptySortedMap();
    private static final Optional<String> NO_CAPTURE = Optional.empty();
    /** First captures judged Host or not: a log repeats a few hosts in many routes. */
    private static final int CAPTURES_KEPT = 4096;
    private static final long CAPTURE_BYTES_KEPT = 1L << 20;

    private final KnownRoutes routes;
    private final ByteFields fields;
    private final SliceCache<Optional<String>> hosts;
    private final AcceptDates dates = new AcceptDates();
    private byte[] unescaped = new byte[256];
    /** Where the client starts, its port's colon, the space before the accept date's {@code [}, and its {@code ]}. */
    private int clientStart;
    private int colon;
    private int bracket;
    private int dateEnd;

    /** {@code routeIsRequest} when the tally's projection drops addresses, queries and headers. */
    HaproxyBytes(boolean routeIsRequest) {
        this(routeIsRequest, Integer.MAX_VALUE);
    }

    /** As {@link #HaproxyBytes(boolean)}, each cache keeping at most {@code kept} entries: tests make them forget. */
    HaproxyBytes(boolean routeIsRequest, int kept) {
        this.routes = new KnownRoutes(routeIsRequest, kept);
        this.fields = new ByteFields(kept);
        this.hosts = new SliceCache<>(Math.min(kept, CAPTURES_KEPT), CAPTURE_BYTES_KEPT);
    }

    @Override
    public boolean read(byte[] line, int start, int end, Tally tally, String file, long number) {
        byte[] b = line;
        int from = start;
        int to = end;
        if (Bytes.indexOf(b, from, to, (byte) '\\') >= 0) {
            to = unescape(b, from, to);
            b = unescaped;
            from = 0;
        }
        if (!start(b, from, to) || !dates.read(b, bracket + 2)) {
            return false;
        }
        long seconds = dates.epochSecond();
        int nanos = AcceptDates.nanos(b, bracket + 2, dateEnd);
        int pos = dateEnd + 2;
        int frontendStart = pos;
        int frontendEnd = 0;
        for (int i = 0; i < FIELDS_BEFORE_CAPTURES; i++) {
            int space = Bytes.indexOf(b, pos, to, (byte) ' ');
            if (space < 0) {
                return false;
            }
            int slashes = i == 1 || i == 9 ? 1 : i == 2 || i == 8 ? 4 : -1;
            if ((i == 0 && space == pos) || (slashes >= 0 && Bytes.count(b, pos, space, (byte) '/') != slashes)) {
                return false;
            }
            frontendEnd = i == 0 ? space : frontendEnd;
            pos = space + 1;
        }
        int captureStart = -1;
        int captureEnd = -1;
        while (pos < to && b[pos] == '{') {
            int close = Bytes.indexOf(b, pos, to, (byte) '}');
            if (close < 0) {
                return false;
            }
            if (captureStart < 0) {
                captureStart = pos + 1;
                int bar = Bytes.indexOf(b, captureStart, close, (byte) '|');
                captureEnd = bar < 0 ? close : bar;
            }
            pos = close + 1;
            if (pos < to && b[pos] == ' ') {
                pos++;
            }
        }
        if (pos >= to || b[pos] != '"') {
            return false;
        }
        int close = requestEnd(b, from, pos, to);
        if (close < 0) {
            return false;
        }
        // The URI is what lies between the request line's first space and the next (or its end); its query from
        // its first '?' on, as RequestTarget reads it.
        int firstSpace = Bytes.indexOf(b, pos + 1, close, (byte) ' ');
        int uriEnd = firstSpace < 0 ? close : Bytes.indexOf(b, firstSpace + 1, close, (byte) ' ');
        uriEnd = uriEnd < 0 ? close : uriEnd;
        int question = firstSpace < 0 ? -1 : Bytes.indexOf(b, firstSpace + 1, uriEnd, (byte) '?');
        KnownRoutes.Known known = known(b, frontendStart, frontendEnd, captureStart, captureEnd, pos + 1, close,
                question, uriEnd);
        if (!known.problem.isEmpty()) {
            tally.malformed(file, number, known.problem);
            return true;
        }
        long[] sum = routes.sum(known);
        if (sum == null) {
            // The query and the client matter only where the projection keeps them (not routeIsRequest).
            Request request = routes.routeIsRequest()
                    ? new Request(known.host, known.path, known.method, NO_HEADERS, List.of(), Optional.empty(),
                    known.unread)
                    : new Request(known.host, known.path, known.method, NO_HEADERS, fields.query(b, question, uriEnd),
                    fields.address(b, clientStart, colon), known.unread);
            sum = routes.sum(known, request, tally);
        }
        if (tally.add(sum, 1, file, number)) {
            tally.time(seconds, nanos);
        }
        return true;
    }

    /**
     * What the frontend field, the first capture (or none: {@code captureStart} -1) and the request line
     * {@code b[from, to)} come to, the query {@code (question, uriEnd)} cut out: {@link HaproxyHttpLog#route} reads
     * nothing past the {@code ?}, so lines that differ only there share it.
     */
    private KnownRoutes.Known known(byte[] b, int frontendStart, int frontendEnd, int captureStart, int captureEnd,
                                    int from, int to, int question, int uriEnd) {
        routes.newKey();
        routes.key(b, frontendStart, frontendEnd);
        routes.key((byte) ' ');
        if (captureStart >= 0) {
            routes.key((byte) '{');
            routes.key(b, captureStart, captureEnd);
        }
        routes.key((byte) '}');
        int cut = question < 0 ? to : question + 1;
        routes.key(b, from, cut);
        if (question >= 0) {
            routes.key(b, uriEnd, to);
        }
        KnownRoutes.Known known = routes.find();
        if (known != null) {
            return known;
        }
        Optional<String> host = captureStart < 0 ? NO_CAPTURE : host(b, captureStart, captureEnd);
        String requestLine = ByteFields.text(b, from, cut) + (question < 0 ? "" : ByteFields.text(b, uriEnd, to));
        return routes.keep(HaproxyHttpLog.route(ByteFields.text(b, frontendStart, frontendEnd), host, requestLine));
    }

    /** The first capture {@code b[from, to)} when {@link HaproxyHttpLog#looksLikeHost} takes it for the Host. */
    private Optional<String> host(byte[] b, int from, int to) {
        int hash = SliceCache.hash(b, from, to);
        Optional<String> host = hosts.get(b, from, to, hash);
        if (host == null) {
            host = Optional.of(ByteFields.text(b, from, to)).filter(HaproxyHttpLog::looksLikeHost);
            hosts.put(b, from, to, hash, host);
        }
        return host;
    }

    /**
     * Finds the client and the accept date as {@link HaproxyHttpLog} does, behind any syslog prefix: the first
     * {@code " ["} followed by a date and {@code "] "}, the client the word before it, ending in a port. False when the
     * line has none, or a byte that is not ASCII stands where the text reader would ask whether it is a space.
     */
    private boolean start(byte[] b, int from, int to) {
        for (int s = Bytes.indexOf(b, from + 1, to, (byte) ' '); s >= 0; s = Bytes.indexOf(b, s + 1, to, (byte) ' ')) {
            if (s + 1 >= to || b[s + 1] != '[') {
                continue;
            }
            int close = s + 2;
            while (close + 1 < to && !(b[close] == ']' && b[close + 1] == ' ')) {
                close++;
            }
            if (close + 1 >= to) {
                return false;
            }
            if (close - s - 2 > DATE_LONGEST || !AcceptDates.shape(b, s + 2, close)) {
                continue;
            }
            int first = s;
            while (first > from && !Bytes.asciiSpace(b[first - 1])) {
                if (b[first - 1] < 0) {
                    return false;
                }
                first--;
            }
            int c = s - 1;
            while (c >= from && b[c] != ':') {
                c--;
            }
            int digits = s - c - 1;
            if (c > first && digits >= 1 && digits <= 5 && Bytes.count(b, c + 1, s, (byte) '0', (byte) '9') == digits) {
                clientStart = first;
                colon = c;
                bracket = s;
                dateEnd = close;
                return true;
            }
            return false;
        }
        return false;
    }

    /**
     * The request line's closing quote as {@link HaproxyHttpLog} finds it: the first that ends a field, else the
     * last of the line, white space after it aside; -1 when there is none, or a byte that is not ASCII ends the line.
     */
    private static int requestEnd(byte[] b, int from, int open, int to) {
        for (int i = Bytes.indexOf(b, open + 1, to, (byte) '"'); i >= 0; i = Bytes.indexOf(b, i + 1, to, (byte) '"')) {
            if (i + 1 < to && b[i + 1] == ' ') {
                return i;
            }
        }
        int t = to;
        while (t > from && Bytes.asciiSpace(b[t - 1])) {
            t--;
        }
        return t > from && b[t - 1] == '"' && t >= open + 2 ? t - 1 : -1;
    }

    /** The line with each {@code \"} made {@code "}, as the text reader does, into {@link #unescaped}; its length. */
    private int unescape(byte[] b, int from, int to) {
        if (unescaped.length < to - from) {
            unescaped = new byte[Math.max(to - from, 2 * unescaped.length)];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            boolean escape = b[i] == '\\' && i + 1 < to && b[i + 1] == '"';
            unescaped[n++] = escape ? (byte) '"' : b[i];
            i += escape ? 1 : 0;
        }
        return n;
    }
}

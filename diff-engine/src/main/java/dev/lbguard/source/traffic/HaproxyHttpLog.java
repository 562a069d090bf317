package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of an HAProxy HTTP log in the {@code option httplog} default format, behind any syslog prefix (RFC 3164,
 * RFC 5424, a journald or file prefix, or none):
 * {@code client:port [accept_date] frontend backend/server Tq/Tw/Tc/Tr/Tt status bytes req_cookie res_cookie
 * termination actconn/feconn/beconn/srv_conn/retries srv_queue/backend_queue {req headers} {res headers}
 * "METHOD URI VERSION"}, the header captures present only when configured.
 *
 * <p>The load balancer is the frontend (a trailing {@code ~}, HAProxy's mark of an SSL frontend, dropped); the
 * port is 0, since the frontend is the listener. The Host is the URI's authority when the request line is in
 * absolute form (HTTP/2 requests are logged so), else the first captured request header when it looks like a host:
 * {@code capture request header Host} is by custom the first capture, and nothing in the log says which header a
 * capture is. A capture that could as well be another header (a bare IPv4 address is more often X-Forwarded-For;
 * a bare number, a count) is not taken. Without a host the request says it does not know it ({@link
 * Request.Unread}): a rule on the host leaves it undecided. No other header is in the log, so none is known. The
 * accept date carries no zone; it is read as UTC. syslog-ng's escaped quotes ({@code \"}) are undone first, as
 * HAProxy's documentation says is safe: the request line never holds a quote ({@code %{+Q}r} writes {@code #22}).
 */
final class HaproxyHttpLog implements LineFormat {
    /** Captures judged host or not, by text: a log repeats a few hosts a million times. */
    private static final int CAPTURES_KEPT = 4096;
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> hosts = new java.util.concurrent.ConcurrentHashMap<>();
    /** A host name or IPv4 address, or a bracketed IPv6 literal, with an optional port. */
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?"
                    + "|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?");
    /** A port at the end, compiled once: the byte reader asks of every distinct capture. */
    private static final Pattern PORT = Pattern.compile(":\\d+$");
    /** frontend, backend/server, timers, status, bytes, two cookies, termination state, connections, queues. */
    private static final int FIELDS_BEFORE_CAPTURES = 10;

    /** What an HAProxy log says of a request's headers: nothing but the host, when it says that. */
    private static final Request.Unread HOST_KNOWN = new Request.Unread(false, Optional.of(java.util.Set.of()));
    private static final Request.Unread HOST_UNKNOWN = new Request.Unread(true, Optional.of(java.util.Set.of()));

    @Override
    public LogEntry read(String text) {
        String line = text.contains("\\\"") ? text.replace("\\\"", "\"") : text;
        int[] start = start(line);
        if (start == null) {
            return LogEntry.unreadable("no 'client:port [accept date]' of an HAProxy log line");
        }
        String acceptDate = line.substring(start[2] + 2, start[3]);
        Instant time;
        try {
            time = AcceptDates.parse(acceptDate);
        } catch (DateTimeParseException e) {
            return LogEntry.unreadable("the accept date '" + acceptDate + "' is no date");
        }
        // Where each field starts and ends: only the frontend is kept as text.
        int[] fieldStart = new int[FIELDS_BEFORE_CAPTURES];
        int[] fieldEnd = new int[FIELDS_BEFORE_CAPTURES];
        int pos = start[3] + 2;
        for (int i = 0; i < FIELDS_BEFORE_CAPTURES; i++) {
            int space = line.indexOf(' ', pos);
            if (space < 0) {
                return LogEntry.unreadable("an HAProxy HTTP log line has 10 fields after the accept date and then "
                        + "the request, this one " + (i + 1) + " (option tcplog, or cut short)");
            }
            fieldStart[i] = pos;
            fieldEnd[i] = space;
            pos = space + 1;
        }
        if (fieldEnd[0] == fieldStart[0] || slashes(line, fieldStart[1], fieldEnd[1]) != 1
                || slashes(line, fieldStart[2], fieldEnd[2]) != 4 || slashes(line, fieldStart[8], fieldEnd[8]) != 4
                || slashes(line, fieldStart[9], fieldEnd[9]) != 1) {
            return LogEntry.unreadable("the fields after the accept date are not those of option httplog "
                    + "(frontend backend/server Tq/Tw/Tc/Tr/Tt ... actconn/feconn/beconn/srv_conn/retries "
                    + "srv_queue/backend_queue)");
        }
        Optional<String> firstCapture = Optional.empty();
        while (line.startsWith("{", pos)) {
            int close = line.indexOf('}', pos);
            if (close < 0) {
                return LogEntry.unreadable("a header capture '{' is not closed (the line is cut short)");
            }
            if (firstCapture.isEmpty()) {
                String captures = line.substring(pos + 1, close);
                int bar = captures.indexOf('|');
                firstCapture = Optional.of(bar < 0 ? captures : captures.substring(0, bar));
            }
            pos = close + 1;
            if (line.startsWith(" ", pos)) {
                pos++;
            }
        }
        if (!line.startsWith("\"", pos)) {
            return LogEntry.unreadable("no quoted request line where option httplog writes it");
        }
        // Closed by the first quote that ends a field: httpslog and custom formats log more after it.
        int close = line.indexOf("\" ", pos + 1);
        String trimmed = line.stripTrailing();
        if (close < 0 && trimmed.length() >= pos + 2 && trimmed.endsWith("\"")) {
            close = trimmed.length() - 1;
        }
        if (close < 0) {
            return LogEntry.unreadable("the request line is not closed by a quote (the line is cut short, e.g. at "
                    + "HAProxy's log length)");
        }
        Routed routed = route(line.substring(fieldStart[0], fieldEnd[0]), firstCapture.filter(this::takenForHost),
                line.substring(pos + 1, close));
        if (routed.route().isEmpty()) {
            return LogEntry.unreadable(routed.problem());
        }
        Routed.Route r = routed.route().get();
        String clientField = line.substring(start[0], start[1]);
        Optional<String> client = ClientAddress.isAddress(clientField) ? Optional.of(clientField) : Optional.empty();
        LoggedRequest request = new LoggedRequest(r.loadBalancer(), r.port(), r.target().request(r.host(), r.method(),
                client, java.util.Collections.emptySortedMap(), r.unread()), 1);
        return LogEntry.of(request, Optional.of(time));
    }

    /**
     * The route of the frontend field and the request line (without its quotes), with the first capture when it is
     * taken for the Host, checked as {@link #read} does: all of a request a line logs but its client and time.
     */
    static Routed route(String frontendField, Optional<String> capturedHost, String requestLine) {
        if (requestLine.equals("<BADREQ>")) {
            return Routed.none("HAProxy could not parse the request (<BADREQ>)");
        }
        int firstSpace = requestLine.indexOf(' ');
        if (firstSpace <= 0) {
            return Routed.none("the request line is not METHOD URI [VERSION]");
        }
        int secondSpace = requestLine.indexOf(' ', firstSpace + 1);
        String method = requestLine.substring(0, firstSpace);
        String uri = secondSpace < 0 ? requestLine.substring(firstSpace + 1)
                : requestLine.substring(firstSpace + 1, secondSpace);
        Optional<RequestTarget> target = RequestTarget.parse(uri);
        if (target.isEmpty()) {
            return Routed.none("the request target is neither a path nor an absolute URL (e.g. CONNECT or "
                    + "OPTIONS *): no route decides it");
        }
        Optional<String> known = target.get().authority().or(() -> capturedHost);
        String frontend = frontendField.endsWith("~") ? frontendField.substring(0, frontendField.length() - 1)
                : frontendField;
        if (frontend.isEmpty()) {
            return Routed.none("the frontend's name is empty");
        }
        return Routed.of(new Routed.Route(frontend, 0, method, known.orElse(""), target.get(),
                known.isPresent() ? HOST_KNOWN : HOST_UNKNOWN));
    }

    /**
     * Where the client and the accept date stand, anywhere in the line so that any syslog prefix is skipped: {client
     * start, client end, the space before '[', the ']'}; null when the line has none.
     */
    private static int[] start(String line) {
        for (int b = line.indexOf(" [", 1); b >= 0; b = line.indexOf(" [", b + 1)) {
            int close = line.indexOf("] ", b + 2);
            if (close < 0) {
                return null;
            }
            if (close - b - 2 > 40 || !AcceptDates.shape(line.substring(b + 2, close)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, close - b - 2)) {
                continue;
            }
            int from = b;
            while (from > 0 && !Character.isWhitespace(line.charAt(from - 1))) {
                from--;
            }
            int colon = line.lastIndexOf(':', b - 1);
            int digits = b - colon - 1;
            if (colon > from && digits >= 1 && digits <= 5 && allDigits(line, colon + 1, b)) {
                return new int[] {from, colon, b, close};
            }
        }
        return null;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private boolean takenForHost(String capture) {
        Boolean known = hosts.get(capture);
        if (known == null) {
            known = looksLikeHost(capture);
            if (hosts.size() < CAPTURES_KEPT) {
                hosts.put(capture, known);
            }
        }
        return known;
    }

    /**
     * Whether a first capture is taken for the Host header: a name with a letter, or an address with a port, or a
     * bracketed IPv6 literal. A bare IPv4 address or number is as likely another header (X-Forwarded-For, a count).
     */
    static boolean looksLikeHost(String capture) {
        if (!HOST.matcher(capture).matches()) {
            return false;
        }
        String name = capture.startsWith("[") ? capture : PORT.matcher(capture).replaceFirst("");
        return capture.startsWith("[") || !name.equals(capture) || name.chars().anyMatch(Character::isLetter);
    }

    private static int slashes(String line, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (line.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }
}

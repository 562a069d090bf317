package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
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
    /** The client and the accept date, found anywhere in the line so that any syslog prefix is skipped. */
    private static final Pattern START = Pattern.compile(
            "(?<![^\\s])(\\S+):(\\d{1,5}) \\[(\\d{2}/[A-Za-z]{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)\\] ");
    private static final DateTimeFormatter ACCEPT_DATE = new DateTimeFormatterBuilder()
            .appendPattern("dd/MMM/yyyy:HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ENGLISH);
    /** A host name or IPv4 address, or a bracketed IPv6 literal, with an optional port. */
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?"
                    + "|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?");
    /** frontend, backend/server, timers, status, bytes, two cookies, termination state, connections, queues. */
    private static final int FIELDS_BEFORE_CAPTURES = 10;

    /** What an HAProxy log says of a request's headers: nothing but the host, when it says that. */
    private static final Request.Unread HOST_KNOWN = new Request.Unread(false, Optional.of(java.util.Set.of()));
    private static final Request.Unread HOST_UNKNOWN = new Request.Unread(true, Optional.of(java.util.Set.of()));

    @Override
    public LogEntry read(String text) {
        String line = text.contains("\\\"") ? text.replace("\\\"", "\"") : text;
        Matcher start = START.matcher(line);
        if (!start.find()) {
            return LogEntry.unreadable("no 'client:port [accept date]' of an HAProxy log line");
        }
        Instant time;
        try {
            time = LocalDateTime.parse(start.group(3), ACCEPT_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return LogEntry.unreadable("the accept date '" + start.group(3) + "' is no date");
        }
        String[] fields = new String[FIELDS_BEFORE_CAPTURES];
        int pos = start.end();
        for (int i = 0; i < FIELDS_BEFORE_CAPTURES; i++) {
            int space = line.indexOf(' ', pos);
            if (space < 0) {
                return LogEntry.unreadable("an HAProxy HTTP log line has 10 fields after the accept date and then "
                        + "the request, this one " + (i + 1) + " (option tcplog, or cut short)");
            }
            fields[i] = line.substring(pos, space);
            pos = space + 1;
        }
        if (fields[0].isEmpty() || slashes(fields[1]) != 1 || slashes(fields[2]) != 4 || slashes(fields[8]) != 4
                || slashes(fields[9]) != 1) {
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
        String requestLine = line.substring(pos + 1, close);
        if (requestLine.equals("<BADREQ>")) {
            return LogEntry.unreadable("HAProxy could not parse the request (<BADREQ>)");
        }
        int firstSpace = requestLine.indexOf(' ');
        if (firstSpace <= 0) {
            return LogEntry.unreadable("the request line is not METHOD URI [VERSION]");
        }
        int secondSpace = requestLine.indexOf(' ', firstSpace + 1);
        String method = requestLine.substring(0, firstSpace);
        String uri = secondSpace < 0 ? requestLine.substring(firstSpace + 1)
                : requestLine.substring(firstSpace + 1, secondSpace);
        Optional<RequestTarget> target = RequestTarget.parse(uri);
        if (target.isEmpty()) {
            return LogEntry.unreadable("the request target is neither a path nor an absolute URL (e.g. CONNECT or "
                    + "OPTIONS *): no route decides it");
        }
        Optional<String> capturedHost = firstCapture.filter(HaproxyHttpLog::looksLikeHost);
        Optional<String> known = target.get().authority().or(() -> capturedHost);
        String host = known.orElse("");
        String frontend = fields[0].endsWith("~") ? fields[0].substring(0, fields[0].length() - 1) : fields[0];
        if (frontend.isEmpty()) {
            return LogEntry.unreadable("the frontend's name is empty");
        }
        Optional<String> client = ClientAddress.isAddress(start.group(1)) ? Optional.of(start.group(1))
                : Optional.empty();
        LoggedRequest request = new LoggedRequest(frontend, 0, target.get().request(host, method, client,
                java.util.Collections.emptySortedMap(), known.isPresent() ? HOST_KNOWN : HOST_UNKNOWN), 1);
        return LogEntry.of(request, Optional.of(time));
    }

    /**
     * Whether a first capture is taken for the Host header: a name with a letter, or an address with a port, or a
     * bracketed IPv6 literal. A bare IPv4 address or number is as likely another header (X-Forwarded-For, a count).
     */
    static boolean looksLikeHost(String capture) {
        if (!HOST.matcher(capture).matches()) {
            return false;
        }
        String name = capture.startsWith("[") ? capture : capture.replaceFirst(":\\d+$", "");
        return capture.startsWith("[") || !name.equals(capture) || name.chars().anyMatch(Character::isLetter);
    }

    private static int slashes(String field) {
        int n = 0;
        for (int i = 0; i < field.length(); i++) {
            if (field.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }
}

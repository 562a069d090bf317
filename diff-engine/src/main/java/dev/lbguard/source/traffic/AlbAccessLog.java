package dev.lbguard.source.traffic;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of an Application Load Balancer access log, as AWS documents it ("Access log entries"): fields
 * separated by single spaces, some double-quoted. Everything routing reads is in the first 13 fields ({@code type
 * time elb client:port target:port} three timings, two status codes, two byte counts, {@code "request"}), so
 * fields are read by position up to the request line and any number of later fields is accepted: AWS appends new
 * fields at the end ({@code user_agent} through {@code conn_trace_id} and whatever comes next) and tells parsers to
 * ignore those they do not expect, and old logs simply have fewer.
 *
 * <p>The load balancer is NAME of the {@code elb} field {@code app/NAME/ID}; the listener port is the request
 * URL's port (ALB always logs it), else 443 for https and 80 for http; the Host is the URL's host (ALB writes the
 * URL from the Host header); the path and query are kept as logged. Problems never quote the request line: it may
 * carry query values and paths that reports keep private.
 */
final class AlbAccessLog implements LineFormat {
    /** Unquoted fields before the request line: type, time, elb, client:port, target:port, 3 timings, 2 codes, 2 sizes. */
    private static final int FIELDS_BEFORE_REQUEST = 12;

    /** A Classic Load Balancer's line starts with its time, where an ALB's starts with the request type. */
    private static final java.util.regex.Pattern CLASSIC = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z \\S+ \\S+:\\d+ .*");

    @Override
    public LogEntry read(String line) {
        if (CLASSIC.matcher(line).matches()) {
            return LogEntry.unreadable("a Classic Load Balancer's access-log line (it starts with the time): lbguard "
                    + "reads Application Load Balancer logs, whose lines start with the type (http, https, h2, ...)");
        }
        String[] fields = new String[FIELDS_BEFORE_REQUEST];
        int pos = 0;
        for (int i = 0; i < FIELDS_BEFORE_REQUEST; i++) {
            int space = line.indexOf(' ', pos);
            if (space < 0) {
                return LogEntry.unreadable("an ALB access-log line has at least 13 fields, this one " + (i + 1));
            }
            fields[i] = line.substring(pos, space);
            pos = space + 1;
        }
        if (!line.startsWith("\"", pos)) {
            return LogEntry.unreadable("field 13 of an ALB access-log line is the quoted request line");
        }
        int close = line.indexOf("\" ", pos + 1);
        if (close < 0) {
            close = line.length() > pos + 1 && line.endsWith("\"") ? line.length() - 1 : -1;
        }
        if (close < 0) {
            return LogEntry.unreadable("the request line is not closed by a quote (the line is cut short)");
        }
        String requestLine = line.substring(pos + 1, close);
        Instant time;
        try {
            time = IsoInstant.parse(fields[1]);
        } catch (DateTimeParseException e) {
            return LogEntry.unreadable("the time '" + LogEntry.excerpt(fields[1]) + "' is not ISO-8601");
        }
        Routed routed = route(fields[2], requestLine);
        if (routed.route().isEmpty()) {
            return LogEntry.unreadable(routed.problem());
        }
        Routed.Route r = routed.route().get();
        LoggedRequest request = new LoggedRequest(r.loadBalancer(), r.port(), r.target().request(r.host(), r.method(),
                ClientAddress.of(fields[3]), userAgent(line, close + 2), r.unread()), 1);
        return LogEntry.of(request, Optional.of(time));
    }

    /**
     * What an ALB line says of a request's headers: the Host (in the URL) and the User-Agent; of any other, nothing.
     */
    static final dev.lbguard.route.Request.Unread UNREAD = new dev.lbguard.route.Request.Unread(false,
            Optional.of(java.util.Set.of("user-agent")));
    private static final java.util.SortedMap<String, java.util.List<String>> NO_HEADERS =
            java.util.Collections.emptySortedMap();

    /**
     * The User-Agent header of the quoted field at {@code from} (the one after the request line), as headers; none
     * when the field is {@code "-"}, missing (the oldest lines end sooner) or not closed.
     */
    static java.util.SortedMap<String, java.util.List<String>> userAgent(String line, int from) {
        if (from >= line.length() || line.charAt(from) != '"') {
            return NO_HEADERS;
        }
        // AWS writes a quote inside the field as \" (and a backslash as \\).
        StringBuilder agent = new StringBuilder();
        int i = from + 1;
        for (; i < line.length() && line.charAt(i) != '"'; i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                c = line.charAt(++i);
            }
            agent.append(c);
        }
        if (i >= line.length() || agent.toString().equals("-")) {
            return NO_HEADERS;
        }
        java.util.TreeMap<String, java.util.List<String>> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.put("User-Agent", java.util.List.of(agent.toString()));
        return h;
    }

    /**
     * The route of an {@code elb} field and a request line (without its quotes), checked as {@link #read} does: all
     * of a request an ALB line logs but its client and time, which these two fields alone decide.
     */
    static Routed route(String elbField, String requestLine) {
        String[] elb = elbField.split("/", -1);
        if (elb.length != 3 || !elb[0].equals("app") || elb[1].isEmpty()) {
            return Routed.none("the elb field '" + LogEntry.excerpt(elbField)
                    + "' is not app/NAME/ID (an Application Load Balancer's)");
        }
        if (requestLine.strip().equals("- - -")) {
            return Routed.none("a connection-level entry (request \"- - -\", e.g. a TLS error or a client "
                    + "that sent no request), not a request");
        }
        int firstSpace = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace == firstSpace) {
            return Routed.none("the request line is not METHOD URL VERSION");
        }
        String method = requestLine.substring(0, firstSpace);
        String url = requestLine.substring(firstSpace + 1, lastSpace);
        Optional<RequestTarget> target = RequestTarget.parse(url);
        if (method.equals("-") || target.isEmpty() || target.get().host().isEmpty()) {
            return Routed.none("the request line has no method and absolute URL (scheme://host:port/path)");
        }
        OptionalInt port = listenerPort(target.get());
        if (port.isEmpty()) {
            return Routed.none("the request URL names no port and its scheme '" + target.get().scheme().orElse("")
                    + "' implies none");
        }
        return Routed.of(new Routed.Route(elb[1], port.getAsInt(), method, target.get().host().get(), target.get(),
                UNREAD));
    }

    private static OptionalInt listenerPort(RequestTarget target) {
        OptionalInt port = target.port();
        if (port.isPresent()) {
            return port;
        }
        switch (target.scheme().orElse("")) {
            case "https":
            case "wss":
                return OptionalInt.of(443);
            case "http":
            case "ws":
                return OptionalInt.of(80);
            default:
                return OptionalInt.empty();
        }
    }
}

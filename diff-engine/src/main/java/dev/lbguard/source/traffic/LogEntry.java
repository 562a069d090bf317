package dev.lbguard.source.traffic;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one log line says: a request (with the time the line carries, if any), or why it is no request.
 *
 * @param request the request the line logged; empty when the line is unreadable
 * @param time when the line says it happened; empty when it does not say
 * @param problem why the line is no request; empty when it is one
 */
record LogEntry(Optional<LoggedRequest> request, Optional<Instant> time, String problem) {
    LogEntry {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(problem, "problem");
        if (request.isPresent() == !problem.isEmpty()) {
            throw new IllegalArgumentException("a log line is a request or has a problem, never both nor neither");
        }
    }

    static LogEntry of(LoggedRequest request, Optional<Instant> time) {
        return new LogEntry(Optional.of(request), time, "");
    }

    static LogEntry unreadable(String why) {
        return new LogEntry(Optional.empty(), Optional.empty(), why);
    }

    /**
     * A field of a bad line as a problem may quote it: at most 40 characters, control characters as {@code ?}, so
     * a binary file's problems stay one short line each.
     */
    static String excerpt(String field) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < field.length() && i < 40; i++) {
            char c = field.charAt(i);
            s.append(c < 0x20 || c == 0x7f || c == '\ufffd' ? '?' : c);
        }
        return field.length() > 40 ? s.append("...").toString() : s.toString();
    }
}

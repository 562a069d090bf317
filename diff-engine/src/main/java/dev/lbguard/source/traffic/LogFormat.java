package dev.lbguard.source.traffic;

import java.util.List;
import java.util.Optional;

/** The log formats a traffic source may hold, each with the spec prefix that names it. */
enum LogFormat {
    ALB("alb", new AlbAccessLog()),
    HAPROXY("haproxy", new HaproxyHttpLog()),
    JSONL("jsonl", new JsonlTraffic());

    /** The request types an ALB access-log line starts with (the {@code type} field, AWS's documented values). */
    private static final List<String> ALB_TYPES = List.of("http ", "https ", "h2 ", "grpcs ", "ws ", "wss ");

    private final String prefix;
    private final LineFormat lines;

    LogFormat(String prefix, LineFormat lines) {
        this.prefix = prefix;
        this.lines = lines;
    }

    String prefix() {
        return prefix;
    }

    LineFormat lines() {
        return lines;
    }

    static Optional<LogFormat> byPrefix(String prefix) {
        for (LogFormat f : values()) {
            if (f.prefix.equals(prefix)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The format a file holds, judged by its first non-empty line: ALB lines start with their request type, JSON
     * lines with {@code {}; anything else is taken for HAProxy, whose lines may start with any syslog prefix, so
     * a file of neither format has its lines counted as malformed HAProxy lines rather than skipped.
     */
    static LogFormat detect(String firstLine) {
        String line = firstLine.stripLeading();
        if (line.startsWith("{")) {
            return JSONL;
        }
        for (String type : ALB_TYPES) {
            if (line.startsWith(type)) {
                return ALB;
            }
        }
        return HAPROXY;
    }
}

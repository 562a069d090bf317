package dev.lbguard.source.traffic;

import dev.lbguard.source.SourceException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --traffic} value: {@code alb:PATH}, {@code haproxy:PATH}, {@code jsonl:PATH}, or a bare PATH whose
 * files' format is judged by their first line.
 *
 * @param spec the value as given, for messages
 * @param format the format the prefix names; empty for a bare path
 * @param path the file or directory
 */
record TrafficSpec(String spec, Optional<LogFormat> format, Path path) {
    private static final Pattern PREFIX = Pattern.compile("([a-z0-9]+):(.*)", Pattern.DOTALL);

    TrafficSpec {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(path, "path");
    }

    static TrafficSpec parse(String spec) throws SourceException {
        Matcher m = PREFIX.matcher(spec);
        if (m.matches()) {
            Optional<LogFormat> format = LogFormat.byPrefix(m.group(1));
            if (format.isPresent()) {
                return new TrafficSpec(spec, format, path(m.group(2), spec));
            }
            if (!Files.exists(path(spec, spec))) {
                throw new SourceException("the traffic source '" + spec + "' names no format lbguard reads ('"
                        + m.group(1) + ":'): use alb:PATH, haproxy:PATH or jsonl:PATH (convert other logs to JSON "
                        + "lines with jq)");
            }
        }
        return new TrafficSpec(spec, Optional.empty(), path(spec, spec));
    }

    private static Path path(String text, String spec) throws SourceException {
        if (text.isEmpty()) {
            throw new SourceException("the traffic source '" + spec + "' names no path: give a file or directory, "
                    + "e.g. alb:logs/AWSLogs");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new SourceException("the traffic source '" + spec + "' is not a path: " + e.getMessage(), e);
        }
    }
}

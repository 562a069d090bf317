package dev.lbguard.source.traffic;

import dev.lbguard.source.SourceException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * Reads {@code --traffic} sources into one {@link TrafficLog}: every file of every spec, line by line, identical
 * requests counted together across lines and files. A line that is no request is counted and its place kept;
 * only a path that cannot be read at all stops the reading. Lines are read as bytes ({@link ByteLines}), ALB and
 * HAProxy lines counted from them ({@link ByteFormat}), and only the others decoded for their format's reader: a
 * million-line log is read in about the time gunzip takes, which runs alongside on a thread of its own
 * ({@link ReadAhead}).
 */
public final class TrafficSources {
    private TrafficSources() {
    }

    /**
     * The requests the specs' logs hold.
     *
     * @param specs {@code alb:PATH}, {@code haproxy:PATH}, {@code jsonl:PATH} or a bare PATH (each file's format
     *              judged by its first non-empty line); PATH a file or a directory, read recursively in name order;
     *              gzip files are recognised by content, not name
     * @throws SourceException naming the path that does not exist or cannot be read, and what to give instead
     */
    public static TrafficLog read(List<String> specs) throws SourceException {
        return read(specs, java.util.function.UnaryOperator.identity());
    }

    /**
     * As {@link #read(List)}, each request first reduced by {@code projection} to what routing reads (a client
     * address where no rule looks at addresses, a query where none looks at queries): requests that differ only in
     * what is dropped are counted as one, so memory grows with what can route differently, not with clients.
     * Whether the projection drops the address and the query is a matter of the rules, the same for every request,
     * so it is tried once on sample requests; when it drops them, ALB and HAProxy lines that differ only in them
     * are counted together without being projected one by one.
     */
    public static TrafficLog read(List<String> specs, java.util.function.UnaryOperator<dev.lbguard.route.Request>
            projection) throws SourceException {
        Tally tally = new Tally(projection);
        boolean routeIsRequest = tally.dropsAddressQueryAndHeaders();
        Map<LogFormat, ByteFormat> bytes = new EnumMap<>(Map.of(LogFormat.ALB, new AlbBytes(routeIsRequest),
                LogFormat.HAPROXY, new HaproxyBytes(routeIsRequest)));
        for (String text : specs) {
            TrafficSpec spec = TrafficSpec.parse(text);
            for (Path file : LogFiles.list(spec.path(), text)) {
                read(file, spec.format(), tally, bytes);
            }
        }
        return tally.log();
    }

    private static void read(Path file, Optional<LogFormat> given, Tally tally, Map<LogFormat, ByteFormat> bytes)
            throws SourceException {
        String name = file.toString();
        long line = 0;
        try (InputStream in = LogFiles.open(file)) {
            ByteLines lines = new ByteLines(in);
            Optional<LogFormat> format = given;
            ByteFormat reader = given.map(bytes::get).orElse(null);
            while (lines.next()) {
                line++;
                if (lines.blank()) {
                    continue;
                }
                if (format.isEmpty()) {
                    format = Optional.of(LogFormat.detect(lines.text()));
                    reader = bytes.get(format.get());
                }
                if (reader != null && reader.read(lines.bytes(), lines.start(), lines.end(), tally, name, line)) {
                    continue;
                }
                tally.add(format.get().lines().read(lines.text()), name, line);
            }
        } catch (EOFException | ZipException e) {
            // A cut or damaged gzip (an upload interrupted, a disk full) loses the rest of its file, not the run.
            tally.malformed(name, line + 1, "the gzip data ends or breaks here (" + e.getMessage()
                    + "): the rest of the file is lost");
        } catch (IOException e) {
            throw new SourceException("cannot read the traffic log " + name + ": " + e.getMessage()
                    + "; check the file and its permissions", e);
        }
    }
}

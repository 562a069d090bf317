package dev.lbguard.source.traffic;

import dev.lbguard.source.SourceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The files a traffic spec's path names, in a fixed order, opened as the text they hold. */
final class LogFiles {
    private static final int BUFFER = 1 << 16;

    private LogFiles() {
    }

    /**
     * The path itself when it is a file; the regular files under it, at any depth and in path order, when it is a
     * directory (ALB writes {@code AWSLogs/<account>/elasticloadbalancing/<region>/<yyyy>/<mm>/<dd>/...}).
     */
    static List<Path> list(Path path, String spec) throws SourceException {
        if (!Files.exists(path)) {
            throw new SourceException("the traffic log " + path + " (from --traffic " + spec + ") does not exist: "
                    + "give a log file or a directory of them, as alb:PATH, haproxy:PATH or jsonl:PATH");
        }
        if (!Files.isReadable(path)) {
            throw new SourceException("cannot read the traffic log " + path + ": check its permissions");
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new SourceException("cannot list the traffic logs in " + path + ": " + e.getMessage()
                    + "; check the directory's permissions", e);
        }
        if (files.isEmpty()) {
            throw new SourceException("the traffic log directory " + path + " holds no files: give the directory "
                    + "the logs were delivered to (for ALB, the bucket's AWSLogs/ copy)");
        }
        return files;
    }

    /**
     * The file's bytes, gunzipped when they start with gzip's magic number, whatever the file's name; gunzipped on a
     * thread of its own ({@link ReadAhead}), while the caller reads lines.
     */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            return b1 == 0x1f && b2 == 0x8b ? new ReadAhead(new GZIPInputStream(in, BUFFER), file.toString()) : in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }
}

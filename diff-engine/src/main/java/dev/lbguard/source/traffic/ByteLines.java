package dev.lbguard.source.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A stream's lines as runs of bytes in a buffer, ended as {@link java.io.BufferedReader#readLine} ends them
 * ({@code \n}, {@code \r} or {@code \r\n}; a last line without one counts too), so line numbers are the same. Bytes
 * and not Strings: decoding every character of a log to UTF-16 and copying each line cost more than gunzip, and most
 * of an ALB line (user agent, TLS, trace fields) is never read. Both line ends are ASCII and never part of a UTF-8
 * sequence, so a line's bytes decode to what the reader's characters were.
 */
final class ByteLines {
    private static final int BUFFER = 1 << 20;
    private static final long NEWLINES = Bytes.spread((byte) '\n');
    private static final long RETURNS = Bytes.spread((byte) '\r');

    private final InputStream in;
    private byte[] buffer;
    /** Where the next line starts; bytes up to {@code limit} were read. */
    private int next;
    private int limit;
    /** Where the search for the next line's end resumes, so a line longer than a read is not searched again. */
    private int searched;
    private boolean eof;
    /** The last line ended with {@code \r}: a {@code \n} right after it belongs to it. */
    private boolean skipNewline;
    private int start;
    private int end;

    ByteLines(InputStream in) {
        this(in, BUFFER);
    }

    /** With a buffer of {@code size} bytes to start with, grown for a longer line: tests cross its end often. */
    ByteLines(InputStream in, int size) {
        this.in = in;
        this.buffer = new byte[size];
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        while (true) {
            if (skipNewline) {
                if (next == limit && !eof) {
                    fill();
                    continue;
                }
                if (next < limit && buffer[next] == '\n') {
                    next++;
                }
                skipNewline = false;
                searched = next;
            }
            byte[] b = buffer;
            int n = limit;
            int i = lineEnd(b, searched, n);
            if (i < n) {
                start = next;
                end = i;
                skipNewline = b[i] == '\r';
                next = i + 1;
                searched = next;
                return true;
            }
            searched = n;
            if (eof) {
                if (next < limit) {
                    start = next;
                    end = limit;
                    next = limit;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    /** The buffer the current line is in, from {@link #start()} to {@link #end()}, line end excluded. */
    byte[] bytes() {
        return buffer;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** The current line as text; bytes that are not UTF-8 become U+FFFD, as the reader decoded them. */
    String text() {
        return new String(buffer, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * Whether the line is empty or white space only ({@link String#isBlank}): a line starting with a printable
     * ASCII character (every line of a log) is decided without decoding it.
     */
    boolean blank() {
        if (start < end && buffer[start] > ' ' && buffer[start] < 0x7f) {
            return false;
        }
        return text().isBlank();
    }

    /**
     * The first {@code \n} or {@code \r} in {@code b[from, to)}, or {@code to}, eight bytes at a time ({@link Bytes}):
     * a log is hundreds of megabytes of line, and byte by byte this search took a third of the reading under the
     * client compiler.
     */
    static int lineEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = Bytes.word(b, i);
            long marks = Bytes.marks(word, NEWLINES) | Bytes.marks(word, RETURNS);
            if (marks != 0) {
                return Bytes.first(i, marks);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return to;
    }

    /** Moves the unfinished line to the front, growing the buffer only for a line longer than it, and reads on. */
    private void fill() throws IOException {
        int kept = limit - next;
        if (next > 0) {
            System.arraycopy(buffer, next, buffer, 0, kept);
            searched -= next;
            next = 0;
            limit = kept;
        } else if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }
}

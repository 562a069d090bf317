package dev.lbguard.source.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link ByteLines} ends lines where {@link BufferedReader#readLine} does and its lines decode to the reader's
 * text, whatever the buffer's size and however the stream's reads fall: {@code \r\n} split between two reads,
 * lines longer than the buffer, bytes that are not UTF-8, no line end at the end.
 */
class ByteLinesProperties {
    private static final byte[][] PIECES = {"a".getBytes(StandardCharsets.UTF_8), " ".getBytes(StandardCharsets.UTF_8),
        "\n".getBytes(StandardCharsets.UTF_8), "\r".getBytes(StandardCharsets.UTF_8),
        "\r\n".getBytes(StandardCharsets.UTF_8), "\u00e9".getBytes(StandardCharsets.UTF_8),
        "\u2003".getBytes(StandardCharsets.UTF_8), "\t".getBytes(StandardCharsets.UTF_8), {(byte) 0xff},
        {(byte) 0xe2, (byte) 0x82}, {(byte) 0xc3}, "xyz".getBytes(StandardCharsets.UTF_8)};

    @Property(tries = 500)
    void linesAreTheReadersLines(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int buffer,
                                 @ForAll @IntRange(min = 0, max = 300) int pieces) throws IOException {
        Random random = new Random(seed);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < pieces; i++) {
            byte[] p = PIECES[random.nextInt(PIECES.length)];
            out.write(p, 0, p.length);
        }
        byte[] bytes = out.toByteArray();

        List<String> expected = new ArrayList<>();
        List<Boolean> blank = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                expected.add(line);
                blank.add(line.isBlank());
            }
        }
        List<String> actual = new ArrayList<>();
        List<Boolean> actualBlank = new ArrayList<>();
        ByteLines lines = new ByteLines(new Trickle(bytes, random), buffer);
        while (lines.next()) {
            actual.add(lines.text());
            actualBlank.add(lines.blank());
        }

        assertThat(actual).isEqualTo(expected);
        assertThat(actualBlank).isEqualTo(blank);
    }

    @Property(tries = 1000)
    void lineEndIsTheFirstNewlineOrReturn(@ForAll byte[] bytes, @ForAll @IntRange(min = 0, max = 3) int skip) {
        int from = Math.min(skip, bytes.length);
        int expected = from;
        while (expected < bytes.length && bytes[expected] != '\n' && bytes[expected] != '\r') {
            expected++;
        }

        assertThat(ByteLines.lineEnd(bytes, from, bytes.length)).isEqualTo(expected);
    }

    /** A stream that hands out its bytes a few at a time, as a pipe or a gunzip may. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int next;

        Trickle(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (next == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(7)), bytes.length - next);
            System.arraycopy(bytes, next, b, off, n);
            next += n;
            return n;
        }
    }
}

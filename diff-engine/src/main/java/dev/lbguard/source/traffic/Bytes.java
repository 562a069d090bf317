package dev.lbguard.source.traffic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches in a log line's bytes for the byte readers: ASCII bytes, which never occur inside a UTF-8 sequence, so
 * that what is found is where the text reader finds the same character. Eight bytes at a time where the search may
 * run long, each word tested for the byte with the carry trick ({@code (x - 0x01..) & ~x & 0x80..} marks a zero byte,
 * and the lowest mark is always a true one): byte by byte, such searches took a third of reading a log under the
 * client compiler.
 */
final class Bytes {
    /** Eight bytes read as one long, the first byte lowest. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    /** The eight bytes at {@code b[i]}, the first lowest. */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** {@code c} in each of eight bytes. */
    static long spread(byte c) {
        return (c & 0xffL) * ONES;
    }

    /**
     * Marks (the high bit) the bytes of {@code word} that equal those of {@code spread}: nonzero when one does, and
     * the lowest mark is then the first such byte.
     */
    static long marks(long word, long spread) {
        long x = word ^ spread;
        return (x - ONES) & ~x & HIGHS;
    }

    /** The index of the first byte a nonzero {@link #marks} marked, counted from {@code i}. */
    static int first(int i, long marks) {
        return i + (Long.numberOfTrailingZeros(marks) >>> 3);
    }

    /** The first {@code c} in {@code b[from, to)}, or -1. */
    static int indexOf(byte[] b, int from, int to, byte c) {
        int i = from;
        long spread = spread(c);
        for (; i + 8 <= to; i += 8) {
            long m = marks(word(b, i), spread);
            if (m != 0) {
                return first(i, m);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** How many bytes of {@code b[from, to)} are {@code c}. */
    static int count(byte[] b, int from, int to, byte c) {
        return count(b, from, to, c, c);
    }

    /** How many bytes of {@code b[from, to)} are from {@code low} to {@code high}. */
    static int count(byte[] b, int from, int to, byte low, byte high) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += b[i] >= low && b[i] <= high ? 1 : 0;
        }
        return n;
    }

    /** Whether {@code c} is an ASCII character {@link Character#isWhitespace} takes for white space. */
    static boolean asciiSpace(byte c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
    }

    /** The digits of {@code b[from, from + length)} as a number, or -1 when one is no digit (times in both logs). */
    static int digits(byte[] b, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }
}

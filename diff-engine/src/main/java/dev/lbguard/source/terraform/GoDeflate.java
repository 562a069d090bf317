package dev.lbguard.source.terraform;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The gzip stream Terraform's {@code base64gzip} writes: Go's {@code gzip.Writer} at the default level, which is
 * {@code compress/flate} level 6 (lazy matching over hash chains, 4-byte minimum matches, each block stored,
 * fixed or dynamic, whichever is smallest), then {@code Flush} (an empty stored block) and {@code Close} (a final
 * empty stored block). zlib, and so {@link java.util.zip.Deflater}, picks other matches and blocks; the bytes
 * must be Go's for the value to equal Terraform's.
 */
final class GoDeflate {
    static final int MAX_NUM_LIT = 286;
    private static final int WINDOW_SIZE = 1 << 15;
    private static final int WINDOW_MASK = WINDOW_SIZE - 1;
    private static final int MIN_MATCH = 4;
    private static final int MAX_MATCH = 258;
    private static final int HASH_BITS = 17;
    private static final int HASH_MASK = (1 << HASH_BITS) - 1;
    private static final int MAX_HASH_OFFSET = 1 << 24;
    private static final int MAX_BLOCK_TOKENS = 1 << 14;
    // Level 6.
    private static final int GOOD = 8;
    private static final int LAZY = 16;
    private static final int NICE = 128;
    private static final int CHAIN = 128;
    // A token: a literal byte (or 256, the end of block), or a match as 1 << 30 | (length - 3) << 22 | distance - 1.
    static final int MATCH = 1 << 30;

    private final byte[] window = new byte[2 * WINDOW_SIZE];
    private final int[] hashHead = new int[1 << HASH_BITS];
    private final int[] hashPrev = new int[WINDOW_SIZE];
    private int hashOffset = 1;
    private int chainHead = -1;
    private int index;
    private int windowEnd;
    private int blockStart;
    private boolean byteAvailable;
    private int length = MIN_MATCH - 1;
    private int offset;
    private boolean sync;
    private final int[] tokens = new int[MAX_BLOCK_TOKENS + 1];
    private int ntokens;
    private final GoBlockWriter out = new GoBlockWriter();

    private GoDeflate() {
    }

    /** {@code gzip.NewWriter}, {@code Write(data)}, {@code Flush()}, {@code Close()}. */
    static byte[] gzip(byte[] data) {
        GoDeflate d = new GoDeflate();
        for (int at = 0; at < data.length; ) {
            d.deflate();
            at += d.fill(data, at);
        }
        for (boolean last : new boolean[] {false, true}) {
            d.sync = true;
            d.deflate();
            d.out.storedHeader(0, last);
            d.out.flush();
            d.sync = false;
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        gz.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        gz.writeBytes(d.out.bytes.toByteArray());
        for (long v : new long[] {crc.getValue(), data.length & 0xffffffffL}) {
            for (int i = 0; i < 4; i++) {
                gz.write((int) (v >>> (8 * i)) & 0xff);
            }
        }
        return gz.toByteArray();
    }

    private int fill(byte[] b, int from) {
        if (index >= 2 * WINDOW_SIZE - (MIN_MATCH + MAX_MATCH)) {
            System.arraycopy(window, WINDOW_SIZE, window, 0, WINDOW_SIZE);
            index -= WINDOW_SIZE;
            windowEnd -= WINDOW_SIZE;
            blockStart = blockStart >= WINDOW_SIZE ? blockStart - WINDOW_SIZE : Integer.MAX_VALUE;
            hashOffset += WINDOW_SIZE;
            if (hashOffset > MAX_HASH_OFFSET) {
                int delta = hashOffset - 1;
                hashOffset -= delta;
                chainHead -= delta;
                for (int[] table : new int[][] {hashPrev, hashHead}) {
                    for (int i = 0; i < table.length; i++) {
                        table[i] = Integer.compareUnsigned(table[i], delta) > 0 ? table[i] - delta : 0;
                    }
                }
            }
        }
        int n = Math.min(b.length - from, window.length - windowEnd);
        System.arraycopy(b, from, window, windowEnd, n);
        windowEnd += n;
        return n;
    }

    private int hash4(int i) {
        int v = (window[i + 3] & 0xff) | (window[i + 2] & 0xff) << 8 | (window[i + 1] & 0xff) << 16
                | (window[i] & 0xff) << 24;
        return (v * 0x1e35a7bd) >>> (32 - HASH_BITS);
    }

    private void insert(int at) {
        int h = hash4(at) & HASH_MASK;
        chainHead = hashHead[h];
        hashPrev[at & WINDOW_MASK] = chainHead;
        hashHead[h] = at + hashOffset;
    }

    private void deflate() {
        if (windowEnd - index < MIN_MATCH + MAX_MATCH && !sync) {
            return;
        }
        int maxInsertIndex = windowEnd - (MIN_MATCH - 1);
        while (true) {
            int lookahead = windowEnd - index;
            if (lookahead < MIN_MATCH + MAX_MATCH) {
                if (!sync) {
                    return;
                }
                if (lookahead == 0) {
                    if (byteAvailable) {
                        token(window[index - 1] & 0xff);
                        byteAvailable = false;
                    }
                    if (ntokens > 0) {
                        writeBlock(index);
                    }
                    return;
                }
            }
            if (index < maxInsertIndex) {
                insert(index);
            }
            int prevLength = length;
            int prevOffset = offset;
            length = MIN_MATCH - 1;
            offset = 0;
            int minIndex = Math.max(index - WINDOW_SIZE, 0);
            if (chainHead - hashOffset >= minIndex && lookahead > prevLength && prevLength < LAZY) {
                findMatch(index, chainHead - hashOffset, lookahead);
            }
            if (prevLength >= MIN_MATCH && length <= prevLength) {
                // The previous match is at least as good: take it, and hash the bytes it covers.
                token(MATCH | (prevLength - 3) << 22 | (prevOffset - 1));
                int newIndex = index + prevLength - 1;
                for (index++; index < newIndex; index++) {
                    if (index < maxInsertIndex) {
                        int h = hash4(index) & HASH_MASK;
                        hashPrev[index & WINDOW_MASK] = hashHead[h];
                        hashHead[h] = index + hashOffset;
                    }
                }
                byteAvailable = false;
                length = MIN_MATCH - 1;
                if (ntokens == MAX_BLOCK_TOKENS) {
                    writeBlock(index);
                }
            } else {
                if (byteAvailable) {
                    token(window[index - 1] & 0xff);
                    if (ntokens == MAX_BLOCK_TOKENS) {
                        writeBlock(index);
                    }
                }
                index++;
                byteAvailable = true;
            }
        }
    }

    /** Go's {@code findMatch}: sets {@link #length} and {@link #offset} when a longer match than 3 is found. */
    private void findMatch(int pos, int prevHead, int lookahead) {
        int minMatchLook = Math.min(MAX_MATCH, lookahead);
        int nice = Math.min(NICE, minMatchLook);
        int tries = CHAIN;
        int best = MIN_MATCH - 1;
        if (best >= GOOD) {
            tries >>= 2;
        }
        byte wEnd = window[pos + best];
        int minIndex = pos - WINDOW_SIZE;
        for (int i = prevHead; tries > 0; tries--) {
            if (wEnd == window[i + best]) {
                int n = 0;
                while (n < minMatchLook && window[i + n] == window[pos + n]) {
                    n++;
                }
                if (n > best && (n > MIN_MATCH || pos - i <= 4096)) {
                    best = n;
                    length = n;
                    offset = pos - i;
                    if (n >= nice) {
                        break;
                    }
                    wEnd = window[pos + n];
                }
            }
            if (i == minIndex) {
                break;
            }
            i = hashPrev[i & WINDOW_MASK] - hashOffset;
            if (i < minIndex || i < 0) {
                break;
            }
        }
    }

    private void token(int t) {
        tokens[ntokens++] = t;
    }

    private void writeBlock(int end) {
        if (end > 0) {
            byte[] input = blockStart <= end ? Arrays.copyOfRange(window, blockStart, end) : null;
            blockStart = end;
            out.block(Arrays.copyOf(tokens, ntokens), input);
        }
        ntokens = 0;
    }
}

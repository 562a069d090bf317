package dev.lbguard.source.terraform;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Go's {@code huffmanBitWriter} for {@link GoDeflate}: bits written LSB first, and each block of tokens in the
 * cheapest of stored, fixed-Huffman and dynamic-Huffman form, costed and written as Go costs and writes them.
 */
final class GoBlockWriter {
    // RFC 1951 3.2.5: extra bits and base of each length code (for length - 3) and distance code (distance - 1).
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4,
        4, 4, 5, 5, 5, 5, 0};
    private static final int[] LENGTH_BASE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48,
        56, 64, 80, 96, 112, 128, 160, 192, 224, 255};
    private static final int[] OFFSET_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
        10, 10, 11, 11, 12, 12, 13, 13};
    private static final int[] OFFSET_BASE = {0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384,
        512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576};
    private static final int[] CODEGEN_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    private static final GoHuffman FIXED_LITERALS = GoHuffman.fixedLiterals();
    private static final GoHuffman FIXED_OFFSETS = GoHuffman.fixedOffsets();
    private static final int MATCH = GoDeflate.MATCH;
    private static final int MAX_NUM_LIT = GoDeflate.MAX_NUM_LIT;

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long bits;
    private int nbits;
    private final int[] literalFreq = new int[MAX_NUM_LIT];
    private final int[] offsetFreq = new int[30];
    private final int[] codegenFreq = new int[19];
    private final GoHuffman literals = new GoHuffman(MAX_NUM_LIT);
    private final GoHuffman offsets = new GoHuffman(30);
    private final GoHuffman codegenCode = new GoHuffman(19);

    void write(int value, int n) {
        bits |= (long) value << nbits;
        nbits += n;
        while (nbits >= 8) {
            bytes.write((int) bits & 0xff);
            bits >>>= 8;
            nbits -= 8;
        }
    }

    void flush() {
        if (nbits > 0) {
            bytes.write((int) bits & 0xff);
        }
        bits = 0;
        nbits = 0;
    }

    void storedHeader(int length, boolean last) {
        write(last ? 1 : 0, 3);
        flush();
        write(length, 16);
        write(~length & 0xffff, 16);
    }

    void block(int[] blockTokens, byte[] input) {
        int[] all = Arrays.copyOf(blockTokens, blockTokens.length + 1);
        all[blockTokens.length] = 256;
        Arrays.fill(literalFreq, 0);
        Arrays.fill(offsetFreq, 0);
        for (int t : all) {
            if (t < MATCH) {
                literalFreq[t]++;
            } else {
                literalFreq[257 + lengthCode(t >>> 22 & 0xff)]++;
                offsetFreq[offsetCode(t & 0x3fffff)]++;
            }
        }
        int numLiterals = MAX_NUM_LIT;
        while (literalFreq[numLiterals - 1] == 0) {
            numLiterals--;
        }
        int numOffsets = 30;
        while (numOffsets > 0 && offsetFreq[numOffsets - 1] == 0) {
            numOffsets--;
        }
        if (numOffsets == 0) {
            offsetFreq[0] = 1;
            numOffsets = 1;
        }
        literals.generate(literalFreq, 15);
        offsets.generate(offsetFreq, 15);
        boolean storable = input != null && input.length <= 65535;
        int extraBits = 0;
        if (storable) {
            for (int c = 257 + 8; c < numLiterals; c++) {
                extraBits += literalFreq[c] * LENGTH_EXTRA[c - 257];
            }
            for (int c = 4; c < numOffsets; c++) {
                extraBits += offsetFreq[c] * OFFSET_EXTRA[c];
            }
        }
        int size = 3 + FIXED_LITERALS.bitLength(literalFreq) + FIXED_OFFSETS.bitLength(offsetFreq) + extraBits;
        int[] codegen = codegen(numLiterals, numOffsets);
        codegenCode.generate(codegenFreq, 7);
        int numCodegens = 19;
        while (numCodegens > 4 && codegenFreq[CODEGEN_ORDER[numCodegens - 1]] == 0) {
            numCodegens--;
        }
        int dynamicSize = 3 + 5 + 5 + 4 + 3 * numCodegens + codegenCode.bitLength(codegenFreq)
                + codegenFreq[16] * 2 + codegenFreq[17] * 3 + codegenFreq[18] * 7
                + literals.bitLength(literalFreq) + offsets.bitLength(offsetFreq) + extraBits;
        boolean dynamic = dynamicSize < size;
        size = Math.min(size, dynamicSize);
        if (storable && (input.length + 5) * 8 < size) {
            storedHeader(input.length, false);
            bytes.writeBytes(input);
            return;
        }
        GoHuffman lit = dynamic ? literals : FIXED_LITERALS;
        GoHuffman off = dynamic ? offsets : FIXED_OFFSETS;
        if (dynamic) {
            write(4, 3);
            write(numLiterals - 257, 5);
            write(numOffsets - 1, 5);
            write(numCodegens - 4, 4);
            for (int i = 0; i < numCodegens; i++) {
                write(codegenCode.len[CODEGEN_ORDER[i]], 3);
            }
            for (int i = 0; i < codegen.length; i++) {
                int word = codegen[i];
                write(codegenCode.code[word], codegenCode.len[word]);
                if (word >= 16) {
                    write(codegen[++i], word == 16 ? 2 : word == 17 ? 3 : 7);
                }
            }
        } else {
            write(2, 3);
        }
        for (int t : all) {
            if (t < MATCH) {
                write(lit.code[t], lit.len[t]);
                continue;
            }
            int xlength = t >>> 22 & 0xff;
            int lc = lengthCode(xlength);
            write(lit.code[lc + 257], lit.len[lc + 257]);
            write(xlength - LENGTH_BASE[lc], LENGTH_EXTRA[lc]);
            int xoffset = t & 0x3fffff;
            int oc = offsetCode(xoffset);
            write(off.code[oc], off.len[oc]);
            write(xoffset - OFFSET_BASE[oc], OFFSET_EXTRA[oc]);
        }
    }

    /**
     * RFC 1951 3.2.7: the code lengths of both codes, run-length encoded as Go does it (16 repeats the
     * previous length 3-6 times, 17 and 18 repeat zero), with {@link #codegenFreq} counted.
     */
    private int[] codegen(int numLiterals, int numOffsets) {
        Arrays.fill(codegenFreq, 0);
        int[] sizes = new int[numLiterals + numOffsets + 1];
        for (int i = 0; i < numLiterals; i++) {
            sizes[i] = literals.len[i];
        }
        for (int i = 0; i < numOffsets; i++) {
            sizes[numLiterals + i] = offsets.len[i];
        }
        sizes[numLiterals + numOffsets] = 255;
        int[] out = new int[sizes.length * 2];
        int o = 0;
        int size = sizes[0];
        int count = 1;
        for (int in = 1; size != 255; in++) {
            int next = sizes[in];
            if (next == size) {
                count++;
                continue;
            }
            if (size != 0) {
                out[o++] = size;
                codegenFreq[size]++;
                count--;
                while (count >= 3) {
                    int n = Math.min(6, count);
                    out[o++] = 16;
                    out[o++] = n - 3;
                    codegenFreq[16]++;
                    count -= n;
                }
            } else {
                while (count >= 11) {
                    int n = Math.min(138, count);
                    out[o++] = 18;
                    out[o++] = n - 11;
                    codegenFreq[18]++;
                    count -= n;
                }
                if (count >= 3) {
                    out[o++] = 17;
                    out[o++] = count - 3;
                    codegenFreq[17]++;
                    count = 0;
                }
            }
            for (count--; count >= 0; count--) {
                out[o++] = size;
                codegenFreq[size]++;
            }
            size = next;
            count = 1;
        }
        return Arrays.copyOf(out, o);
    }

    static int lengthCode(int xlength) {
        int c = LENGTH_BASE.length - 1;
        while (LENGTH_BASE[c] > xlength) {
            c--;
        }
        return c;
    }

    static int offsetCode(int xoffset) {
        int c = OFFSET_BASE.length - 1;
        while (OFFSET_BASE[c] > xoffset) {
            c--;
        }
        return c;
    }
}

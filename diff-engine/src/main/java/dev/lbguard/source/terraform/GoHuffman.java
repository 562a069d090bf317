package dev.lbguard.source.terraform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A length-limited Huffman code built exactly as Go's {@code compress/flate} builds it (its {@code bitCounts}
 * package-merge and its tie-breaking by literal), so that {@link GoDeflate} chooses the same codes, and so the
 * same bytes, as Terraform's {@code base64gzip}.
 */
final class GoHuffman {
    /** Bit codes (already bit-reversed for LSB-first output) and lengths, by symbol. */
    final int[] code;
    final int[] len;

    GoHuffman(int size) {
        code = new int[size];
        len = new int[size];
    }

    /** The fixed literal/length code of RFC 1951 3.2.6. */
    static GoHuffman fixedLiterals() {
        GoHuffman h = new GoHuffman(GoDeflate.MAX_NUM_LIT);
        for (int ch = 0; ch < GoDeflate.MAX_NUM_LIT; ch++) {
            int bits;
            int size;
            if (ch < 144) {
                bits = ch + 48;
                size = 8;
            } else if (ch < 256) {
                bits = ch + 400 - 144;
                size = 9;
            } else if (ch < 280) {
                bits = ch - 256;
                size = 7;
            } else {
                bits = ch + 192 - 280;
                size = 8;
            }
            h.code[ch] = reverse(bits, size);
            h.len[ch] = size;
        }
        return h;
    }

    /** The fixed distance code: five bits each. */
    static GoHuffman fixedOffsets() {
        GoHuffman h = new GoHuffman(30);
        for (int i = 0; i < 30; i++) {
            h.code[i] = reverse(i, 5);
            h.len[i] = 5;
        }
        return h;
    }

    static int reverse(int number, int bitLength) {
        return Integer.reverse(number) >>> (32 - bitLength);
    }

    /** The number of bits {@code freq} takes in this code. */
    int bitLength(int[] freq) {
        int total = 0;
        for (int i = 0; i < freq.length; i++) {
            if (freq[i] != 0) {
                total += freq[i] * len[i];
            }
        }
        return total;
    }

    private record Node(int literal, int freq) {
    }

    /** Makes this the minimum code for {@code freq} with no code longer than {@code maxBits}. */
    void generate(int[] freq, int maxBits) {
        List<Node> list = new ArrayList<>();
        for (int i = 0; i < freq.length; i++) {
            if (freq[i] != 0) {
                list.add(new Node(i, freq[i]));
            } else {
                len[i] = 0;
            }
        }
        if (list.size() <= 2) {
            for (int i = 0; i < list.size(); i++) {
                code[list.get(i).literal()] = i;
                len[list.get(i).literal()] = 1;
            }
            return;
        }
        list.sort(Comparator.comparingInt(Node::freq).thenComparingInt(Node::literal));
        int[] bitCount = bitCounts(list, maxBits);
        int c = 0;
        int end = list.size();
        for (int n = 0; n < bitCount.length; n++) {
            c <<= 1;
            if (n == 0 || bitCount[n] == 0) {
                continue;
            }
            List<Node> chunk = new ArrayList<>(list.subList(end - bitCount[n], end));
            chunk.sort(Comparator.comparingInt(Node::literal));
            for (Node node : chunk) {
                code[node.literal()] = reverse(c, n);
                len[node.literal()] = n;
                c++;
            }
            end -= bitCount[n];
        }
    }

    /** How many symbols get each code length: Go's {@code bitCounts}, level by level. */
    private static int[] bitCounts(List<Node> list, int maxBitsLimit) {
        int n = list.size();
        int[] freq = new int[n + 1];
        for (int i = 0; i < n; i++) {
            freq[i] = list.get(i).freq();
        }
        freq[n] = Integer.MAX_VALUE;
        int maxBits = Math.min(maxBitsLimit, n - 1);
        int[] lastFreq = new int[17];
        int[] nextCharFreq = new int[17];
        int[] nextPairFreq = new int[17];
        int[] needed = new int[17];
        int[][] leafCounts = new int[17][17];
        for (int level = 1; level <= maxBits; level++) {
            lastFreq[level] = freq[1];
            nextCharFreq[level] = freq[2];
            nextPairFreq[level] = level == 1 ? Integer.MAX_VALUE : freq[0] + freq[1];
            leafCounts[level][level] = 2;
        }
        needed[maxBits] = 2 * n - 4;
        int level = maxBits;
        while (true) {
            if (nextPairFreq[level] == Integer.MAX_VALUE && nextCharFreq[level] == Integer.MAX_VALUE) {
                needed[level] = 0;
                nextPairFreq[level + 1] = Integer.MAX_VALUE;
                level++;
                continue;
            }
            int prevFreq = lastFreq[level];
            if (nextCharFreq[level] < nextPairFreq[level]) {
                int leaves = leafCounts[level][level] + 1;
                lastFreq[level] = nextCharFreq[level];
                leafCounts[level][level] = leaves;
                nextCharFreq[level] = freq[leaves];
            } else {
                lastFreq[level] = nextPairFreq[level];
                System.arraycopy(leafCounts[level - 1], 0, leafCounts[level], 0, level);
                needed[level - 1] = 2;
            }
            if (--needed[level] == 0) {
                if (level == maxBits) {
                    break;
                }
                nextPairFreq[level + 1] = prevFreq + lastFreq[level];
                level++;
            } else {
                while (needed[level - 1] > 0) {
                    level--;
                }
            }
        }
        int[] bitCount = new int[maxBits + 1];
        int bits = 1;
        for (int l = maxBits; l > 0; l--) {
            bitCount[bits++] = leafCounts[maxBits][l] - leafCounts[maxBits][l - 1];
        }
        return bitCount;
    }
}

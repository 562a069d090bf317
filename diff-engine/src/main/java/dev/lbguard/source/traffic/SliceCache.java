package dev.lbguard.source.traffic;

import java.util.Arrays;

/**
 * What was worked out from a run of bytes of a log line, found again by those bytes without making a String or a
 * key object of them: a million lines repeat a few thousand load balancers, request lines and client addresses.
 * Bounded: when it holds {@code maxEntries} keys or {@code maxKeyBytes} bytes of them it starts again empty, since
 * a cache that grew with the lines (unique query strings, a client per line, long URLs) would make memory grow with
 * the log, which is what aggregating avoids.
 *
 * @param <V> what the bytes were worked out into
 */
final class SliceCache<V> {
    private final int maxEntries;
    private final long maxKeyBytes;
    private long keyBytes;
    private int[] hashes;
    private byte[][] keys;
    private Object[] values;
    private int size;

    SliceCache(int maxEntries, long maxKeyBytes) {
        this.maxEntries = maxEntries;
        this.maxKeyBytes = maxKeyBytes;
        allocate(64);
    }

    /** The hash {@link #get} and {@link #put} take, of {@code bytes[from, to)}; never 0, which marks a free slot. */
    static int hash(byte[] bytes, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        h ^= h >>> 16;
        return h == 0 ? 1 : h;
    }

    /** The value put for the same bytes, or null when there is none (never put, or forgotten since). */
    @SuppressWarnings("unchecked")
    V get(byte[] bytes, int from, int to, int hash) {
        int mask = hashes.length - 1;
        // The hashes alone are probed: a slot's key (elsewhere in memory) is read only when its hash is the same.
        for (int i = hash & mask; hashes[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] == hash && Arrays.equals(keys[i], 0, keys[i].length, bytes, from, to)) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Keeps {@code value} for a copy of {@code bytes[from, to)}, which {@link #get} has not found. */
    void put(byte[] bytes, int from, int to, int hash, V value) {
        if (size >= maxEntries || keyBytes + (to - from) > maxKeyBytes) {
            allocate(64);
            keyBytes = 0;
        } else if (2 * (size + 1) > hashes.length) {
            grow();
        }
        insert(Arrays.copyOfRange(bytes, from, to), hash, value);
        keyBytes += to - from;
    }

    private void insert(byte[] key, int hash, Object value) {
        int mask = hashes.length - 1;
        int i = hash & mask;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = hash;
        values[i] = value;
        size++;
    }

    private void grow() {
        int[] oldHashes = hashes;
        byte[][] oldKeys = keys;
        Object[] oldValues = values;
        allocate(hashes.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldHashes[i] != 0) {
                insert(oldKeys[i], oldHashes[i], oldValues[i]);
            }
        }
    }

    private void allocate(int capacity) {
        hashes = new int[capacity];
        keys = new byte[capacity][];
        values = new Object[capacity];
        size = 0;
    }
}

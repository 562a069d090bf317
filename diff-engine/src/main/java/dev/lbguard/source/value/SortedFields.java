package dev.lbguard.source.value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An object's fields as {@link Value.Obj} keeps them: unmodifiable, iterated in key order, in three arrays. The
 * evaluator and the snapshot builder read attributes by name thousands of times per root module; a tree map's
 * string comparisons were a fifth of a big root's timeline commit, and a hash map per object took more memory
 * than a timeline may hold. A small object is searched by the keys' cached hashes, a large one by binary search.
 */
final class SortedFields extends AbstractMap<String, Value> {
    /**
     * Objects of at most this many fields are searched by hash, one after the other: comparing cached hashes in
     * order beats a binary search's string comparisons well beyond 16 fields (a listener rule's listener_arn,
     * read at every commit of a history, was a twentieth of a big root's timeline).
     */
    private static final int SCANNED = 64;

    private final String[] keys;
    private final Value[] values;
    private final int[] hashes;

    private SortedFields(String[] keys, Value[] values) {
        this.keys = keys;
        this.values = values;
        this.hashes = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            hashes[i] = keys[i].hashCode();
        }
    }

    /** The fields of {@code fields}, sorted by key; the same map when it is one already. */
    static SortedFields of(Map<String, Value> fields) {
        if (fields instanceof SortedFields s) {
            return s;
        }
        String[] keys;
        Value[] values = new Value[fields.size()];
        if (fields instanceof java.util.SortedMap<String, Value> s && s.comparator() == null) {
            keys = s.keySet().toArray(new String[0]);
            int i = 0;
            for (Value v : s.values()) {
                values[i++] = v;
            }
        } else {
            // Sorting the keys costs less than building a tree of them (no key may be null, as in a tree map).
            keys = fields.keySet().toArray(new String[0]);
            Arrays.sort(keys);
            for (int i = 0; i < keys.length; i++) {
                values[i] = fields.get(keys[i]);
            }
        }
        return new SortedFields(keys, values);
    }

    private int indexOf(Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        if (keys.length <= SCANNED) {
            int h = k.hashCode();
            for (int i = 0; i < keys.length; i++) {
                if (hashes[i] == h && keys[i].equals(k)) {
                    return i;
                }
            }
            return -1;
        }
        int i = Arrays.binarySearch(keys, k);
        return i >= 0 ? i : -1;
    }

    @Override
    public Value get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public Set<Entry<String, Value>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Value>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, Value> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Value> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], values[i]);
        }
    }
}

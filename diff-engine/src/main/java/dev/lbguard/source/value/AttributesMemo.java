package dev.lbguard.source.value;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What was derived from resources' attributes objects, across the reads of one root module's revisions: a resource
 * taken over from an earlier evaluation has the very same attributes object, so what is derived from it alone is
 * derived once. One map across reads (a map built afresh for each cost a twentieth of a commit's walk on a root of
 * 2,000 rules); entries no read asked for since the one before are dropped once they outnumber those it asked for,
 * so what it keeps stays near what one read asks.
 *
 * @param <V> what is derived; only what depends on the attributes object alone belongs here
 */
public final class AttributesMemo<V> {
    private static final class Kept<V> {
        final V value;
        int read;

        Kept(V value, int read) {
            this.value = value;
            this.read = read;
        }
    }

    private final Map<Value.Obj, Kept<V>> kept = new IdentityHashMap<>();
    private int read;
    private int asked;

    /** Starts the next read. */
    public void next() {
        if (kept.size() > 2 * asked + 64) {
            int last = read;
            kept.values().removeIf(k -> k.read != last);
        }
        read++;
        asked = 0;
    }

    /** What was derived from {@code attributes}, or null; either way it is asked for in this read. */
    public V get(Value.Obj attributes) {
        Kept<V> k = kept.get(attributes);
        if (k == null) {
            return null;
        }
        if (k.read != read) {
            k.read = read;
            asked++;
        }
        return k.value;
    }

    public void put(Value.Obj attributes, V value) {
        Kept<V> was = kept.put(attributes, new Kept<>(value, read));
        if (was == null || was.read != read) {
            asked++;
        }
    }

    public V computeIfAbsent(Value.Obj attributes, Function<Value.Obj, V> derive) {
        V v = get(attributes);
        if (v == null) {
            v = derive.apply(attributes);
            put(attributes, v);
        }
        return v;
    }

    /** How many attributes objects are kept. */
    public int size() {
        return kept.size();
    }
}

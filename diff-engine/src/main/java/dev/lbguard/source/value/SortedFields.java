package dev.lbguard.source.value;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * An object's fields as {@link Value.Obj} keeps them: unmodifiable, iterated in key order, looked up by hash. A
 * type of its own so that an object built from another object's fields is not copied and sorted again.
 */
final class SortedFields extends AbstractMap<String, Value> {
    private final Map<String, Value> inKeyOrder;

    SortedFields(Map<String, Value> inKeyOrder) {
        this.inKeyOrder = inKeyOrder;
    }

    @Override
    public Value get(Object key) {
        return inKeyOrder.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return inKeyOrder.containsKey(key);
    }

    @Override
    public int size() {
        return inKeyOrder.size();
    }

    @Override
    public Set<Entry<String, Value>> entrySet() {
        return inKeyOrder.entrySet();
    }

    @Override
    public Set<String> keySet() {
        return inKeyOrder.keySet();
    }

    @Override
    public java.util.Collection<Value> values() {
        return inKeyOrder.values();
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Value> action) {
        inKeyOrder.forEach(action);
    }

    @Override
    public boolean equals(Object o) {
        return inKeyOrder.equals(o);
    }

    @Override
    public int hashCode() {
        return inKeyOrder.hashCode();
    }
}

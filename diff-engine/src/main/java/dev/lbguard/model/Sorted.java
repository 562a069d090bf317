package dev.lbguard.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Builds the sorted unmodifiable collections the model holds (never Set.of/Map.of: their order is unspecified). */
final class Sorted {
    private Sorted() {
    }

    /** A copy sorted by the key; rejects nulls and duplicate keys because either is a bug in a source. */
    static <T, K extends Comparable<? super K>> List<T> byKey(Collection<T> items, Function<T, K> key) {
        List<T> out = new ArrayList<>(items);
        out.forEach(java.util.Objects::requireNonNull);
        // Model records are often rebuilt from model records (a snapshot re-stamped with the next revision): items
        // in strictly ascending order are sorted and distinct already, found in one pass rather than a sort and a check.
        if (strictlyAscending(out, key)) {
            return Collections.unmodifiableList(out);
        }
        out.sort(Comparator.comparing(key));
        for (int i = 1; i < out.size(); i++) {
            if (key.apply(out.get(i - 1)).compareTo(key.apply(out.get(i))) == 0) {
                throw new IllegalArgumentException("duplicate element " + key.apply(out.get(i)));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static <T, K extends Comparable<? super K>> boolean strictlyAscending(List<T> items, Function<T, K> key) {
        K last = null;
        for (T item : items) {
            K k = key.apply(item);
            if (last != null && last.compareTo(k) >= 0) {
                return false;
            }
            last = k;
        }
        return true;
    }

    /** A sorted, deduplicated copy: the model's representation of a set. */
    static <T extends Comparable<? super T>> List<T> set(Collection<T> items) {
        // Model records are often rebuilt from model records: a set that is one already is kept, not re-sorted
        // (List.copyOf returns an immutable list itself, and rejects nulls).
        List<T> list = List.copyOf(items);
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i - 1).compareTo(list.get(i)) >= 0) {
                return List.copyOf(new TreeSet<>(list));
            }
        }
        return list;
    }

    static <T> List<T> list(Collection<T> items) {
        items.forEach(java.util.Objects::requireNonNull);
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    static SortedMap<String, String> map(Map<String, String> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}

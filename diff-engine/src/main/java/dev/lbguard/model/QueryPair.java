package dev.lbguard.model;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One value of a query-string condition: a key pattern (absent: any key) and a value pattern. Both are
 * case-insensitive and take {@code *} and {@code ?}; a backslash escapes {@code *}, {@code ?} and itself.
 */
public record QueryPair(Optional<String> key, String value) implements Comparable<QueryPair> {
    private static final Comparator<QueryPair> ORDER = Comparator
            .comparing((QueryPair p) -> p.key.orElse(""))
            .thenComparing(p -> p.key.isPresent())
            .thenComparing(QueryPair::value);

    public QueryPair {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        // An empty key is how state files write "no key"; one spelling keeps equal conditions equal.
        key = key.filter(k -> !k.isEmpty());
    }

    public static QueryPair of(String key, String value) {
        return new QueryPair(Optional.of(key), value);
    }

    public static QueryPair valueOnly(String value) {
        return new QueryPair(Optional.empty(), value);
    }

    @Override
    public int compareTo(QueryPair o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return key.map(k -> k + "=" + value).orElse(value);
    }
}

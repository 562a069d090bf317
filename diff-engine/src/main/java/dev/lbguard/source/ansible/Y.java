package dev.lbguard.source.ansible;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A YAML node that remembers the line it was written on, so every diagnostic and model element read from
 * Ansible can point at a line. After templating, a value that could not be rendered becomes {@link Unknown}
 * in place, so the rest of a task still reads.
 */
sealed interface Y permits Y.Map, Y.List, Y.Scalar, Y.Null, Y.Unknown {

    /** The 1-based line, 0 when the node was made rather than read. */
    int line();

    /** An ordered mapping; keys are scalars' text. */
    record Map(java.util.Map<String, Y> entries, int line) implements Y {
        public Map {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Optional<Y> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }
    }

    /** A sequence. */
    record List(java.util.List<Y> items, int line) implements Y {
        public List {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }
    }

    /**
     * A scalar: a {@link String}, {@link Long}, {@link Double} or {@link Boolean}.
     *
     * @param literalBlock a {@code |} block, whose n-th line of text is the n-th line after {@code line}; in any
     *                     other scalar a line of text (an escaped {@code \n}, a folded line) says nothing about
     *                     the file's lines
     */
    record Scalar(Object value, int line, boolean literalBlock) implements Y {
        public Scalar {
            Objects.requireNonNull(value, "value");
            if (!(value instanceof String || value instanceof Long || value instanceof Double
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException("not a scalar: " + value.getClass());
            }
        }

        Scalar(Object value, int line) {
            this(value, line, false);
        }

        /** The file's line of the {@code n}-th line (from 1) of this scalar's text, as near as it can be told. */
        int lineOf(int n) {
            return literalBlock && n > 0 ? line + n : line;
        }

        String text() {
            return value.toString();
        }
    }

    /** YAML's null ({@code ~}, {@code null} or nothing after the colon). */
    record Null(int line) implements Y {
    }

    /** A value that templating could not produce; a diagnostic already says why. */
    record Unknown(String reason, int line) implements Y {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The node's text if it is a scalar. */
    static Optional<String> text(Y y) {
        return y instanceof Scalar s ? Optional.of(s.text()) : Optional.empty();
    }

    /** The mapping's entry as text, if present and a scalar. */
    static Optional<String> text(Y map, String key) {
        return field(map, key).flatMap(Y::text);
    }

    static Optional<Y> field(Y map, String key) {
        return map instanceof Map m ? m.get(key).filter(v -> !(v instanceof Null)) : Optional.empty();
    }

    /** The items of a list, or the node alone when a single value stands for a one-element list. */
    static java.util.List<Y> items(Y y) {
        if (y instanceof List l) {
            return l.items();
        }
        return y instanceof Null ? java.util.List.of() : java.util.List.of(y);
    }

    /** Converts to plain Java values for Jinjava: maps, lists, strings, numbers, booleans; null becomes "". */
    static Object toJava(Y y) {
        if (y instanceof Map m) {
            java.util.Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, toJava(v)));
            return out;
        }
        if (y instanceof List l) {
            java.util.List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(toJava(i)));
            return out;
        }
        if (y instanceof Scalar s) {
            return s.value();
        }
        // Ansible's None renders as "" in module arguments that are strings; lbguard never needs the difference.
        return "";
    }

    /** Converts a value Jinjava produced back to a node on {@code line}. */
    static Y fromJava(Object o, int line) {
        if (o == null) {
            return new Null(line);
        }
        if (o instanceof Y y) {
            return y;
        }
        if (o instanceof java.util.Map<?, ?> m) {
            java.util.Map<String, Y> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), fromJava(v, line)));
            return new Map(out, line);
        }
        if (o instanceof Iterable<?> it) {
            java.util.List<Y> out = new ArrayList<>();
            it.forEach(v -> out.add(fromJava(v, line)));
            return new List(out, line);
        }
        if (o instanceof Object[] arr) {
            java.util.List<Y> out = new ArrayList<>();
            for (Object v : arr) {
                out.add(fromJava(v, line));
            }
            return new List(out, line);
        }
        if (o instanceof Boolean || o instanceof Long || o instanceof Double || o instanceof String) {
            return new Scalar(o, line);
        }
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return new Scalar(((Number) o).longValue(), line);
        }
        if (o instanceof java.math.BigInteger b) {
            return new Scalar(b.longValue(), line);
        }
        if (o instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? new Scalar((long) d, line) : new Scalar(d, line);
        }
        return new Scalar(o.toString(), line);
    }

    /** An empty mapping on {@code line}. */
    static Map emptyMap(int line) {
        return new Map(java.util.Map.of(), line);
    }

    /** A mapping built from {@code entries}, in order. */
    static Map map(java.util.Map<String, Y> entries, int line) {
        return new Map(entries, line);
    }

    /** Whether a node is a key absent from a mapping, written as YAML null, or not known. */
    static boolean isAbsent(Optional<Y> y) {
        return y.isEmpty() || y.get() instanceof Null;
    }

    /** Shorthand used by readers that treat scalars by value. */
    static Optional<Object> scalar(Y y) {
        return y instanceof Scalar s ? Optional.of(s.value()) : Optional.empty();
    }

    /** Helper for tests and readers: a node's mapping entries, or none. */
    static java.util.Map<String, Y> entries(Y y) {
        return y instanceof Map m ? m.entries() : java.util.Map.of();
    }

    /** Copies a mapping with one key replaced (or added at the end). */
    static Map with(Map m, String key, Y value) {
        java.util.Map<String, Y> out = new LinkedHashMap<>(m.entries());
        out.put(key, value);
        return new Map(out, m.line());
    }

    /** True if {@code y} or anything inside it is {@link Unknown}. */
    static boolean hasUnknown(Y y) {
        if (y instanceof Unknown) {
            return true;
        }
        if (y instanceof Map m) {
            return m.entries().values().stream().anyMatch(Y::hasUnknown);
        }
        return y instanceof List l && l.items().stream().anyMatch(Y::hasUnknown);
    }

    /** The first {@link Unknown} inside {@code y}. */
    static Optional<Unknown> firstUnknown(Y y) {
        if (y instanceof Unknown u) {
            return Optional.of(u);
        }
        java.util.List<Y> children = y instanceof Map m ? new ArrayList<>(m.entries().values())
                : y instanceof List l ? l.items() : java.util.List.of();
        for (Y c : children) {
            Optional<Unknown> u = firstUnknown(c);
            if (u.isPresent()) {
                return u;
            }
        }
        return Optional.empty();
    }
}

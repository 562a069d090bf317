package dev.lbguard.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule condition: the request matches when it matches any of the values (OR). Values are a set
 * (sorted, deduplicated); host names are lower-cased because the host comparison ignores case.
 *
 * @param headerName the header of an {@code http-header} condition, as written; {@code ""} for other types
 * @param values the patterns, CIDRs or methods; empty for {@code query-string}
 * @param queryPairs the key/value patterns of a {@code query-string} condition; empty for other types
 * @param unknownReason present when some values could not be evaluated: the known values still match,
 *                      but a request none of them matches gets an unknown answer
 */
public record Condition(ConditionType type, String headerName, List<String> values, List<QueryPair> queryPairs,
                        Optional<String> unknownReason) implements Comparable<Condition> {

    private static final Comparator<Condition> ORDER = Comparator
            .comparing(Condition::type)
            .thenComparing(c -> c.headerName.toLowerCase(Locale.ROOT))
            .thenComparing(Condition::headerName)
            .thenComparing(Condition::values, Condition::compareValues)
            .thenComparing(c -> c.queryPairs.toString())
            .thenComparing(c -> c.unknownReason.orElse(""))
            .thenComparing(c -> c.unknownReason.isPresent());

    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(headerName, "headerName");
        Objects.requireNonNull(unknownReason, "unknownReason");
        if ((type == ConditionType.HTTP_HEADER) == headerName.isEmpty()) {
            throw new IllegalArgumentException("an http-header condition, and only it, names a header");
        }
        if (type != ConditionType.QUERY_STRING && !queryPairs.isEmpty()
                || type == ConditionType.QUERY_STRING && !values.isEmpty()) {
            throw new IllegalArgumentException("query-string conditions hold pairs, others hold values");
        }
        if (type == ConditionType.HOST_HEADER) {
            values = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        }
        values = Sorted.set(values);
        queryPairs = Sorted.set(queryPairs);
    }

    /**
     * Value lists compared element by element, as their NUL-joined strings compare (values hold no NUL), without
     * building those strings: conditions are sorted wherever rules are.
     */
    private static int compareValues(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    public static Condition of(ConditionType type, Collection<String> values) {
        return new Condition(type, "", List.copyOf(values), List.of(), Optional.empty());
    }

    public static Condition hostHeader(String... values) {
        return of(ConditionType.HOST_HEADER, List.of(values));
    }

    public static Condition pathPattern(String... values) {
        return of(ConditionType.PATH_PATTERN, List.of(values));
    }

    public static Condition httpHeader(String name, String... values) {
        return new Condition(ConditionType.HTTP_HEADER, name, List.of(values), List.of(), Optional.empty());
    }

    public static Condition httpRequestMethod(String... values) {
        return of(ConditionType.HTTP_REQUEST_METHOD, List.of(values));
    }

    public static Condition queryString(QueryPair... pairs) {
        return new Condition(ConditionType.QUERY_STRING, "", List.of(), List.of(pairs), Optional.empty());
    }

    public static Condition sourceIp(String... cidrs) {
        return of(ConditionType.SOURCE_IP, List.of(cidrs));
    }

    /** How a reading says an http-header condition's header name could not be evaluated: its unknown reason's start. */
    public static final String UNKNOWN_HEADER_NAME = "header name ";

    /** How a reading says a condition block holds no values at all (whose matching AWS does not document). */
    public static final String WITHOUT_VALUES = " condition has no values";

    /**
     * True when the unknown values of this condition still need what it tests (its header, a query) to be in a
     * request: not for a condition written without values, whose matching is not documented.
     */
    public boolean unknownValuesNeedPresence() {
        return unknownReason.map(r -> !r.endsWith(WITHOUT_VALUES)).orElse(true)
                && (type == ConditionType.QUERY_STRING || headerNameKnown());
    }

    /**
     * True when this http-header condition's header is known (a reading writes {@code ?} for a header it could not
     * name, and {@link #UNKNOWN_HEADER_NAME} before the reason when the name's value is unknown).
     */
    public boolean headerNameKnown() {
        return type == ConditionType.HTTP_HEADER && !headerName.equals("?")
                && unknownReason.map(r -> !r.startsWith(UNKNOWN_HEADER_NAME)).orElse(true);
    }

    /** The same condition, with values that could not be evaluated for {@code reason}. */
    public Condition withUnknown(String reason) {
        return new Condition(type, headerName, values, queryPairs, Optional.of(reason));
    }

    public boolean isUnknown() {
        return unknownReason.isPresent();
    }

    /** How many values the condition ORs (pairs for query-string). */
    public int size() {
        return type == ConditionType.QUERY_STRING ? queryPairs.size() : values.size();
    }

    @Override
    public int compareTo(Condition o) {
        return ORDER.compare(this, o);
    }

    /** E.g. {@code host-header [a.example.com, b.example.com]} or {@code http-header X-Canary [on]}. */
    @Override
    public String toString() {
        String name = type.label() + (headerName.isEmpty() ? "" : " " + headerName);
        String vals = type == ConditionType.QUERY_STRING ? queryPairs.toString() : values.toString();
        return name + " " + vals + unknownReason.map(r -> " + unknown (" + r + ")").orElse("");
    }
}

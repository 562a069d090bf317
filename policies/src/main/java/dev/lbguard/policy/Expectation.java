package dev.lbguard.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an invariant expects of the request it names: exactly one of the four forms of {@code expect}. An
 * expectation pins where the request ends up: for a forward, which target groups take it and in which shares
 * (so a canary step or a new group breaks it); for a redirect, the URL the client is sent to; for a fixed
 * response, its status code. It does not pin authenticate steps, stickiness, a redirect's status code or a
 * response's body.
 *
 * @param value {@code not_forward}: a target group; {@code redirect}: a URL pattern ({@code *} any run of
 *              characters, {@code ?} one); {@code fixed_response}: a status code; {@code forward}: the split,
 *              described
 * @param split {@code forward} only: each target group (its name, or its address or ARN) and its weight; one group
 *              of weight 1 when the file names one group, which must then take every request
 */
public record Expectation(Kind kind, String value, SortedMap<String, Integer> split) {
    /** The keys of {@code expect}, as the file spells them. */
    public enum Kind {
        FORWARD, NOT_FORWARD, REDIRECT, FIXED_RESPONSE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Expectation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        split = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(split));
        if ((kind == Kind.FORWARD) == split.isEmpty()) {
            throw new IllegalArgumentException("a forward expectation, and only one, has a split");
        }
    }

    public static Expectation of(Kind kind, String value) {
        return new Expectation(kind, value, new TreeMap<>());
    }

    /** Every request to the one group {@code targetGroup}. */
    public static Expectation forwardTo(String targetGroup) {
        return forward(Map.of(targetGroup, 1));
    }

    /** Requests split over target groups by these weights (shares count, not the numbers: 90/10 is 9/1). */
    public static Expectation forward(Map<String, Integer> weights) {
        TreeMap<String, Integer> split = new TreeMap<>(weights);
        String value = split.size() == 1 ? split.firstKey() : split.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return new Expectation(Kind.FORWARD, value, split);
    }

    /** Whether the file wrote the forward as one name rather than a split. */
    public boolean singleGroup() {
        return split.size() == 1;
    }

    /** E.g. {@code forward shop-checkout}, {@code forward shop-api 90, shop-canary 10}, {@code fixed_response 404}. */
    public String describe() {
        return kind.key() + " " + value;
    }
}

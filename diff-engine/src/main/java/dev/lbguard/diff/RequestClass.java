package dev.lbguard.diff;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.QueryPair;
import dev.lbguard.route.ConditionLanguages;
import dev.lbguard.route.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of requests that the rules of both snapshots treat alike, written as patterns: per request field
 * (host, path, method, header:NAME, query, source-ip), the patterns a request matches ({@code anyOf}, empty
 * meaning anything) and those it does not ({@code noneOf}). A field may have several entries; a request is in
 * the class when it meets all of them.
 *
 * @param exactly membership as the class was cut, where its patterns are for display only (HAProxy ACLs, whose
 *                classes are automata over each field): not part of what the class is, so not of its equality
 */
public record RequestClass(List<FieldPatterns> fields, Optional<java.util.function.Predicate<Request>> exactly) {
    public RequestClass {
        fields = fields.stream().sorted(Comparator.comparing(FieldPatterns::field)).toList();
        Objects.requireNonNull(exactly, "exactly");
    }

    public RequestClass(List<FieldPatterns> fields) {
        this(fields, Optional.empty());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestClass other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /**
     * The constraint on one request field. For header and query fields, "matches" means some value (some
     * parameter) of the request matches, and "does not" means none does, so a missing header matches nothing.
     *
     * @param anyOf the patterns of {@code mustMatch}, for display
     * @param noneOf the patterns of {@code mustNotMatch}, for display
     * @param mustMatch conditions (known values only) the request matches, each of them
     * @param mustNotMatch conditions the request matches none of
     */
    public record FieldPatterns(String field, List<String> anyOf, List<String> noneOf, List<Condition> mustMatch,
                                List<Condition> mustNotMatch) {
        public FieldPatterns {
            Objects.requireNonNull(field, "field");
            anyOf = List.copyOf(anyOf);
            noneOf = List.copyOf(noneOf);
            mustMatch = List.copyOf(mustMatch);
            mustNotMatch = List.copyOf(mustNotMatch);
        }

        /**
         * From display patterns alone: the conditions are read back from the field name and the patterns (a
         * query pattern {@code k=v} splits at its first {@code =}).
         */
        public FieldPatterns(String field, List<String> anyOf, List<String> noneOf) {
            this(field, anyOf, noneOf, conditions(field, anyOf), conditions(field, noneOf));
        }

        /** False only when the request is known to miss this constraint: what it does not say may meet it. */
        public boolean mayContain(Request request) {
            return mustMatch.stream().allMatch(c -> ConditionLanguages.mayMatchKnownValues(c, request))
                    && mustNotMatch.stream().noneMatch(c -> ConditionLanguages.matchesKnownValues(c, request));
        }

        /** True when the request meets this constraint, as the route evaluator matches conditions. */
        public boolean contains(Request request) {
            return mustMatch.stream().allMatch(c -> ConditionLanguages.matchesKnownValues(c, request))
                    && mustNotMatch.stream().noneMatch(c -> ConditionLanguages.matchesKnownValues(c, request));
        }

        private static List<Condition> conditions(String field, List<String> patterns) {
            if (patterns.isEmpty()) {
                return List.of();
            }
            if (field.startsWith("header:")) {
                return List.of(Condition.httpHeader(field.substring("header:".length()), patterns.toArray(String[]::new)));
            }
            if (field.equals("query")) {
                List<QueryPair> pairs = new ArrayList<>();
                for (String p : patterns) {
                    int eq = p.indexOf('=');
                    pairs.add(eq < 0 ? QueryPair.valueOnly(p) : QueryPair.of(p.substring(0, eq), p.substring(eq + 1)));
                }
                return List.of(Condition.queryString(pairs.toArray(QueryPair[]::new)));
            }
            Optional<ConditionType> type = switch (field) {
                case "host" -> Optional.of(ConditionType.HOST_HEADER);
                case "path" -> Optional.of(ConditionType.PATH_PATTERN);
                case "method" -> Optional.of(ConditionType.HTTP_REQUEST_METHOD);
                case "source-ip" -> Optional.of(ConditionType.SOURCE_IP);
                default -> Optional.empty();
            };
            return List.of(Condition.of(type.orElseThrow(() -> new IllegalArgumentException("unknown field " + field)),
                    patterns));
        }
    }

    /**
     * False only when the request is known to be outside the class; a request that does not say a field the class
     * constrains (a logged request without its headers) may be in several classes, and is attributed to none.
     */
    public boolean mayContain(Request request) {
        if (exactly.isPresent()) {
            return exactly.get().test(request);
        }
        return fields.stream().allMatch(f -> f.mayContain(request));
    }

    /** True when the request is in the class: it meets every field's constraint. */
    public boolean contains(Request request) {
        if (exactly.isPresent()) {
            return exactly.get().test(request);
        }
        return fields.stream().allMatch(f -> f.contains(request));
    }

    /** E.g. {@code host=shop.example.com path=/checkout/* (not /checkout/health)}; {@code every request} if unconstrained. */
    public String describe() {
        if (fields.isEmpty()) {
            return "every request";
        }
        StringBuilder s = new StringBuilder();
        for (FieldPatterns f : fields) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(f.field()).append('=').append(f.anyOf().isEmpty() ? "*" : String.join("|", f.anyOf()));
            if (!f.noneOf().isEmpty()) {
                s.append(" (not ").append(String.join("|", f.noneOf())).append(')');
            }
        }
        return s.toString();
    }

    /** True when some field of this name (e.g. {@code source-ip}) narrows the class. */
    public boolean constrains(String field) {
        return fields.stream().anyMatch(f -> f.field().equals(field));
    }
}

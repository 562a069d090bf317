package dev.lbguard.diff;

import java.util.List;
import java.util.Objects;

/**
 * A set of requests that the rules of both snapshots treat alike, written as patterns: per request field
 * (host, path, method, header:NAME, query, source-ip), the patterns a request matches ({@code anyOf}, empty
 * meaning anything) and those it does not ({@code noneOf}).
 */
public record RequestClass(List<FieldPatterns> fields) {
    public RequestClass {
        fields = fields.stream().sorted(java.util.Comparator.comparing(FieldPatterns::field)).toList();
    }

    /** The constraint on one request field. */
    public record FieldPatterns(String field, List<String> anyOf, List<String> noneOf) {
        public FieldPatterns {
            Objects.requireNonNull(field, "field");
            anyOf = List.copyOf(anyOf);
            noneOf = List.copyOf(noneOf);
        }
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
}

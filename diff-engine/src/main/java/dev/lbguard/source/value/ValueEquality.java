package dev.lbguard.source.value;

import java.util.List;
import java.util.Optional;

/**
 * cty's equality of values, kept apart from the conversions: Terraform's {@code ==} and {@code !=} and every
 * function that compares elements ({@code contains}, {@code distinct}, {@code index}, the set functions) use it.
 */
public final class ValueEquality {
    private ValueEquality() {
    }

    /** cty's equality: type and value must match; null equals only null; empty means not known before apply. */
    public static Optional<Boolean> equal(Value a, Value b) {
        boolean aUnknown = a instanceof Value.Unknown;
        boolean bUnknown = b instanceof Value.Unknown;
        if (aUnknown || bUnknown) {
            return references(a, b);
        }
        if (a instanceof Value.Null || b instanceof Value.Null) {
            return Optional.of(a instanceof Value.Null && b instanceof Value.Null);
        }
        if (a instanceof Value.Num x && b instanceof Value.Num y) {
            return Optional.of(x.value().compareTo(y.value()) == 0);
        }
        if (a instanceof Value.Seq x && b instanceof Value.Seq y) {
            if (x.kind() != y.kind() || x.items().size() != y.items().size()) {
                return Optional.of(false);
            }
            return all(x.items(), y.items());
        }
        if (a instanceof Value.Obj x && b instanceof Value.Obj y) {
            if (x.object() != y.object() || !x.fields().keySet().equals(y.fields().keySet())) {
                return Optional.of(false);
            }
            return all(List.copyOf(x.fields().values()), List.copyOf(y.fields().values()));
        }
        return Optional.of(a.equals(b));
    }

    /**
     * What is certain of references to ARNs known after apply (lbguard's symbolic values): an ARN equals itself, the
     * ARNs of two resources differ, and an ARN is never empty or null. So distinct() of target group ARNs, or
     * {@code arn != "" ? arn : null}, is decided as it will be after apply (public code filters ARNs so). Anything
     * else stays unknown: other attributes, and ids, whose comparisons decide counts that Terraform cannot plan
     * while the resource is new (an unknown count stays an error).
     */
    private static Optional<Boolean> references(Value a, Value b) {
        if (a instanceof Value.Unknown x && b instanceof Value.Unknown y) {
            if (!arn(x) || !arn(y)) {
                return Optional.empty();
            }
            return Optional.of(x.ref().equals(y.ref()));
        }
        Value.Unknown u = a instanceof Value.Unknown x ? x : (Value.Unknown) b;
        Value other = u == a ? b : a;
        boolean empty = other instanceof Value.Null || other instanceof Value.Str str && str.value().isEmpty();
        return arn(u) && empty ? Optional.of(false) : Optional.empty();
    }

    /** The ARN of one resource, unchanged (not a data source's: two lookups may find one same thing). */
    private static boolean arn(Value.Unknown u) {
        return u.isReference() && u.attribute().equals("arn") && u.reason().isEmpty() && !u.ref().startsWith("data.")
                && !u.ref().contains(".data.");
    }

    private static Optional<Boolean> all(List<Value> xs, List<Value> ys) {
        boolean unknown = false;
        for (int i = 0; i < xs.size(); i++) {
            Optional<Boolean> e = equal(xs.get(i), ys.get(i));
            if (e.isEmpty()) {
                unknown = true;
            } else if (!e.get()) {
                return Optional.of(false);
            }
        }
        return unknown ? Optional.empty() : Optional.of(true);
    }
}

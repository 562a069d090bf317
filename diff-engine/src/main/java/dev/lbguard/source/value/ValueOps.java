package dev.lbguard.source.value;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Small value helpers the evaluator needs beyond {@code Operations}: iteration, keys and unknown bookkeeping. */
public final class ValueOps {
    /** A resource's own attribute name, as opposed to a path into one ({@code access_logs[0].bucket}). */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** Attributes every resource that exports them has, never null or empty, once it exists. */
    private static final java.util.Set<String> IDENTITIES = java.util.Set.of("id", "arn");

    private ValueOps() {
    }

    /**
     * The key/value pairs a for-expression, dynamic block or template for sees: list and tuple elements with
     * their index, set elements keyed by themselves, map and object fields keyed by name in lexical order.
     */
    public static List<Map.Entry<Value, Value>> elements(Value collection, String what) throws EvalException {
        List<Map.Entry<Value, Value>> out = new ArrayList<>();
        if (collection instanceof Value.Seq seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                Value item = seq.items().get(i);
                out.add(new AbstractMap.SimpleImmutableEntry<>(
                        seq.kind() == Value.Seq.Kind.SET ? item : Value.Num.of(i), item));
            }
        } else if (collection instanceof Value.Obj obj) {
            obj.fields().forEach((k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(new Value.Str(k), v)));
        } else if (collection instanceof Value.Null) {
            throw new EvalException(what + " cannot iterate over null");
        } else {
            throw new EvalException(what + " cannot iterate over a " + typeName(collection));
        }
        return out;
    }

    /** A value used as an object key or instance key, as Terraform converts it to a string. */
    public static String keyString(Value v, String what) throws EvalException {
        if (v instanceof Value.Str s) {
            return s.value();
        } else if (v instanceof Value.Num n) {
            return numberString(n);
        } else if (v instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        } else if (v instanceof Value.Null) {
            throw new EvalException(what + " must not be null");
        }
        throw new EvalException(what + " must be a string, not a " + typeName(v));
    }

    public static String numberString(Value.Num n) {
        return Convert.numberToString(n.value());
    }

    /** The type name Terraform uses in messages; one definition serves evaluation and functions alike. */
    public static String typeName(Value v) {
        return Convert.typeName(v);
    }

    /** Every unknown inside {@code v}, depth first. */
    static void unknowns(Value v, List<Value.Unknown> into) {
        if (v instanceof Value.Unknown u) {
            into.add(u);
        } else if (v instanceof Value.Seq s) {
            s.items().forEach(i -> unknowns(i, into));
        } else if (v instanceof Value.Obj o) {
            o.fields().values().forEach(i -> unknowns(i, into));
        }
    }

    public static boolean whollyKnown(Value v) {
        List<Value.Unknown> found = new ArrayList<>();
        unknowns(v, found);
        return found.isEmpty();
    }

    /**
     * An unknown computed from another unknown. A value computed from a known-after-apply reference is known
     * after apply too, but it is not that attribute, so it keeps the resource and drops the attribute.
     */
    public static Value.Unknown derived(Value.Unknown from) {
        if (from.missingVariable().isPresent()) {
            // Computed from a variable without a value: no longer the variable, so no longer the listener it names.
            return Value.Unknown.unevaluable(from.reason());
        }
        if (!from.isReference() || from.attribute().isEmpty()) {
            return from;
        }
        return new Value.Unknown(from.ref(), "", "computed from " + from.ref() + "." + from.attribute());
    }

    /**
     * Explains an unknown result by the inputs it came from, so that the reason a value could not be evaluated
     * (a data source, a failed expression) survives operations and function calls.
     */
    public static Value explain(Value result, List<Value> inputs) {
        if (!(result instanceof Value.Unknown u) || u.isReference()) {
            return result;
        }
        List<Value.Unknown> found = new ArrayList<>();
        inputs.forEach(i -> unknowns(i, found));
        if (found.contains(u)) {
            return u;
        }
        Optional<Value.Unknown> unevaluable = found.stream().filter(x -> !x.isReference()).findFirst();
        if (unevaluable.isPresent()) {
            return unevaluable.get().missingVariable().isPresent() ? derived(unevaluable.get()) : unevaluable.get();
        }
        return found.stream().findFirst().<Value>map(ValueOps::derived).orElse(result);
    }

    /**
     * The unknown result of a computation (an operator, a function that transforms its arguments): it is
     * known after apply, but it is no longer the attribute it was computed from, so the attribute is dropped.
     */
    public static Value computed(Value result, List<Value> inputs) {
        Value explained = explain(result, inputs);
        return explained instanceof Value.Unknown u ? derived(u) : explained;
    }

    /** True when {@code u} is an element or field somewhere inside {@code v} (not {@code v} itself). */
    public static boolean containsInside(Value v, Value.Unknown u) {
        if (v instanceof Value.Seq s) {
            return s.items().stream().anyMatch(i -> i.equals(u) || containsInside(i, u));
        } else if (v instanceof Value.Obj o) {
            return o.fields().values().stream().anyMatch(i -> i.equals(u) || containsInside(i, u));
        }
        return false;
    }

    /** The first unknown inside any of the values, preferring ones lbguard could not evaluate. */
    public static Optional<Value.Unknown> firstUnknown(List<Value> values) {
        List<Value.Unknown> found = new ArrayList<>();
        values.forEach(v -> unknowns(v, found));
        Optional<Value.Unknown> unevaluable = found.stream().filter(x -> !x.isReference()).findFirst();
        return unevaluable.isPresent() ? unevaluable : found.stream().findFirst();
    }

    /** A known-after-apply attribute itself, as a reference gives it: {@code aws_lb.x.arn}, not a value computed from it. */
    public static boolean isSelection(Value v) {
        return v instanceof Value.Unknown u && u.isReference() && !u.attribute().isEmpty();
    }

    /**
     * True for the id or ARN of a resource: once the resource exists it has one, never null or empty, so a
     * {@code coalesce} that reaches it goes no further.
     */
    public static boolean isIdentity(Value.Unknown u) {
        return u.isReference() && IDENTITIES.contains(u.attribute());
    }

    /**
     * True when {@code v}, the value of an expression evaluated now, is what that expression gives after apply with
     * its unknowns filled in, so that it cannot fail then: every unknown in it is an attribute of a resource itself
     * ({@code aws_lb.x.arn}, which exists once the resource does, not {@code aws_lb.x.access_logs[0].bucket}, whose
     * block may be absent) that no operation consumed (an operation on an unknown drops the attribute, see
     * {@link #derived}, and may fail after apply). An object that stands for a resource (see
     * {@link EvalState#resourceAddress}) is stable whatever its attributes hold: they were evaluated with the
     * resource, not here. This is what lets {@code try()} keep a reference where Terraform plans an unknown.
     */
    public static boolean applyStable(Value v, Predicate<Value.Obj> isResource) {
        if (v instanceof Value.Unknown u) {
            return u.isReference() && ATTRIBUTE_NAME.matcher(u.attribute()).matches();
        } else if (v instanceof Value.Seq s) {
            return s.items().stream().allMatch(i -> applyStable(i, isResource));
        } else if (v instanceof Value.Obj o) {
            return isResource.test(o) || o.fields().values().stream().allMatch(i -> applyStable(i, isResource));
        }
        return true;
    }

    /** Gives every string inside {@code value} (in objects, maps, lists, sets and tuples) to {@code into}. */
    public static void strings(Value value, java.util.function.Consumer<String> into) {
        if (value instanceof Value.Str s) {
            into.accept(s.value());
        } else if (value instanceof Value.Obj o) {
            o.fields().values().forEach(v -> strings(v, into));
        } else if (value instanceof Value.Seq q) {
            q.items().forEach(v -> strings(v, into));
        }
    }
}

package dev.lbguard.source.terraform.functions;

import static dev.lbguard.source.terraform.functions.Functions.Registry.VARIADIC;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.TypeConversion;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The functions that read or build maps and objects ({@code length}, {@code keys}, {@code merge}, {@code lookup},
 * {@code zipmap}, {@code transpose}) and pick among values ({@code coalesce}, {@code coalescelist}, {@code one}).
 * Builders keep unknown elements as elements; only an unknown they must look into makes the result unknown.
 */
final class CollectionFunctions {
    private CollectionFunctions() {
    }

    static void register(Functions.Registry r) {
        r.lenient("length", 1, 1, args -> length(args.get(0)));
        r.lenient("keys", 1, 1, args -> {
            if (args.get(0) instanceof Value.Unknown) {
                return args.get(0);
            }
            Value.Obj o = Convert.mapping(args.get(0), "inputMap");
            List<Value> keys = new ArrayList<>();
            o.fields().keySet().forEach(k -> keys.add(new Value.Str(k)));
            return o.object() ? Value.Values.tuple(keys) : Value.Values.list(keys);
        });
        r.lenient("values", 1, 1, args -> {
            if (args.get(0) instanceof Value.Unknown) {
                return args.get(0);
            }
            Value.Obj o = Convert.mapping(args.get(0), "mapping");
            List<Value> values = new ArrayList<>(o.fields().values());
            return o.object() ? Value.Values.tuple(values) : Value.Values.list(values);
        });
        r.lenient("merge", 0, VARIADIC, CollectionFunctions::merge);
        r.lenient("lookup", 2, 3, CollectionFunctions::lookup);
        r.lenient("zipmap", 2, 2, CollectionFunctions::zipmap);
        r.strict("transpose", 1, 1, CollectionFunctions::transpose);
        r.lenient("coalesce", 1, VARIADIC, CollectionFunctions::coalesce);
        r.lenient("coalescelist", 1, VARIADIC, args -> {
            List<Value> candidates = new ArrayList<>();
            for (Value v : args) {
                if (v instanceof Value.Unknown) {
                    // It may turn out null or empty, so what follows may still be chosen.
                    candidates.add(v);
                    continue;
                }
                if (v instanceof Value.Null) {
                    continue;
                }
                if (!(v instanceof Value.Seq seq) || seq.kind() == Value.Seq.Kind.SET) {
                    throw new EvalException("coalescelist arguments must be lists or tuples, got "
                            + Convert.typeName(v));
                }
                if (!seq.items().isEmpty()) {
                    candidates.add(v);
                    break;
                }
            }
            if (candidates.isEmpty()) {
                throw new EvalException("no non-null arguments");
            }
            return chosen("coalescelist", candidates);
        });
        r.lenient("one", 1, 1, args -> {
            if (args.get(0) instanceof Value.Unknown u) {
                // The element of an unknown list is not the list.
                return ValueOps.derived(u);
            }
            List<Value> items = Convert.sequence(args.get(0), "list");
            if (items.size() > 1) {
                throw new EvalException("Invalid value for \"list\" parameter: must be a list, set, or tuple value "
                        + "with either zero or one elements.");
            }
            if (items.size() == 1 && ((Value.Seq) args.get(0)).kind() == Value.Seq.Kind.SET
                    && items.get(0) instanceof Value.Unknown) {
                return items.get(0);
            }
            return items.isEmpty() ? Value.Values.NULL : items.get(0);
        });
    }

    static Value length(Value v) throws EvalException {
        if (v instanceof Value.Unknown) {
            return v;
        }
        Convert.argument(v, "value");
        if (v instanceof Value.Str s) {
            return Value.Num.of(StringFunctions.graphemes(s.value()).size());
        } else if (v instanceof Value.Seq seq) {
            // Unknown set elements may turn out equal to others, so the size of such a set is not known yet.
            if (seq.kind() == Value.Seq.Kind.SET && !Convert.isWhollyKnown(v)) {
                return Convert.unknownOf(v);
            }
            return Value.Num.of(seq.items().size());
        } else if (v instanceof Value.Obj o) {
            return Value.Num.of(o.fields().size());
        }
        throw new EvalException("Invalid value for \"value\" parameter: argument must be a string, a collection "
                + "type, or a structural type.");
    }

    private static Value merge(List<Value> args) throws EvalException {
        Map<String, Value> out = Value.Values.fields();
        boolean allMaps = true;
        for (Value v : args) {
            if (v instanceof Value.Unknown) {
                return Convert.unknownOf(args.stream().filter(a -> a instanceof Value.Unknown).toList());
            }
        }
        for (Value v : args) {
            if (v instanceof Value.Null) {
                continue;
            }
            if (!(v instanceof Value.Obj o)) {
                throw new EvalException("arguments must be maps or objects, got \"" + Convert.typeName(v) + "\".");
            }
            allMaps &= !o.object();
            out.putAll(o.fields());
        }
        return new Value.Obj(!allMaps || args.stream().allMatch(a -> a instanceof Value.Null), out);
    }

    private static Value lookup(List<Value> args) throws EvalException {
        Value map = args.get(0);
        Value key = args.get(1);
        if (map instanceof Value.Unknown || key instanceof Value.Unknown) {
            // Which element (or the default) is chosen is not known yet: the result is computed from the unknowns.
            return ValueOps.derived(Convert.unknownOf(map, key));
        }
        Value.Obj o = Convert.mapping(map, "inputMap");
        String k = Convert.string(key, "key");
        if (o.fields().containsKey(k)) {
            return o.fields().get(k);
        }
        if (args.size() == 3) {
            return args.get(2);
        }
        throw new EvalException("lookup failed to find key \"" + k + "\"");
    }

    private static Value zipmap(List<Value> args) throws EvalException {
        Value keys = args.get(0);
        Value values = args.get(1);
        if (!Convert.isWhollyKnown(keys) || values instanceof Value.Unknown) {
            return Convert.unknownOf(keys, values);
        }
        List<Value> ks = Convert.sequence(keys, "keys");
        List<Value> vs = Convert.sequence(values, "values");
        if (ks.size() != vs.size()) {
            throw new EvalException("number of keys (" + ks.size() + ") does not match number of values ("
                    + vs.size() + ")");
        }
        Map<String, Value> out = Value.Values.fields();
        for (int i = 0; i < ks.size(); i++) {
            if (ks.get(i) instanceof Value.Null) {
                throw new EvalException("keys list has null value at index " + i);
            }
            out.put(Convert.string(ks.get(i), "keys"), vs.get(i));
        }
        boolean tuple = ((Value.Seq) values).kind() == Value.Seq.Kind.TUPLE;
        return new Value.Obj(tuple, out);
    }

    private static Value transpose(List<Value> args) throws EvalException {
        Value.Obj o = Convert.mapping(args.get(0), "values");
        Map<String, List<Value>> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Value> e : o.fields().entrySet()) {
            if (!(e.getValue() instanceof Value.Seq seq)) {
                throw new EvalException("Invalid value for \"values\" parameter: map of list of string required.");
            }
            for (Value item : seq.items()) {
                if (item instanceof Value.Null) {
                    throw new EvalException("input list must not contain null string");
                }
                out.computeIfAbsent(Convert.string(item, "values"), k -> new ArrayList<>())
                        .add(new Value.Str(e.getKey()));
            }
        }
        Map<String, Value> result = Value.Values.fields();
        out.forEach((k, v) -> result.put(k, Value.Values.list(v)));
        return Value.Obj.map(result);
    }

    /**
     * The first argument that is neither null nor an empty string. An unknown argument may turn out null or empty,
     * so the arguments after it remain candidates, except after an id or ARN, which never is (see
     * {@link ValueOps#isIdentity}).
     */
    private static Value coalesce(List<Value> args) throws EvalException {
        List<Value> known = args.stream().filter(a -> !(a instanceof Value.Unknown)).toList();
        List<Value> unified = TypeConversion.unify(known, "", "arguments", "list");
        List<Value> candidates = new ArrayList<>();
        int k = 0;
        for (Value v : args) {
            if (v instanceof Value.Unknown u) {
                candidates.add(u);
                if (ValueOps.isIdentity(u)) {
                    break;
                }
                continue;
            }
            Value u = unified.get(k++);
            if (u instanceof Value.Null || u instanceof Value.Str s && s.value().isEmpty()) {
                continue;
            }
            candidates.add(u);
            break;
        }
        if (candidates.isEmpty()) {
            throw new EvalException("no non-null, non-empty-string arguments");
        }
        return chosen("coalesce", candidates);
    }

    /**
     * What a coalescing function gives when {@code candidates} are the arguments it may choose, in order: the only
     * one, which keeps a reference what it is; or, when the first (an unknown) may turn out null or empty, a value
     * known only after apply, computed from the first: it is not the first's attribute, as a later argument may
     * be chosen instead.
     */
    private static Value chosen(String function, List<Value> candidates) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        Value.Unknown first = (Value.Unknown) candidates.get(0);
        if (!first.isReference()) {
            return first;
        }
        String name = first.attribute().isEmpty() ? first.ref() : first.ref() + "." + first.attribute();
        return new Value.Unknown(first.ref(), "", name + " or, where that is null or empty, a later argument of "
                + function);
    }

    /** The index an element function uses, when known. */
    static Optional<Integer> knownIndex(Value v, String param) throws EvalException {
        if (v instanceof Value.Unknown) {
            return Optional.empty();
        }
        return Optional.of(Convert.integer(v, param));
    }
}

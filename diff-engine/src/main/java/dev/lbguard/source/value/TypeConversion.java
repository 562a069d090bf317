package dev.lbguard.source.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** cty's {@code convert.Convert} for {@link TypeConstraint}s, including optional attribute defaults. */
public final class TypeConversion {
    private TypeConversion() {
    }

    static Value convert(TypeConstraint type, Value v, String path) throws EvalException {
        if (v instanceof Value.Unknown || v instanceof Value.Null) {
            return v;
        }
        if (type instanceof TypeConstraint.Any) {
            return v;
        }
        try {
            if (type instanceof TypeConstraint.Primitive p) {
                return switch (p.kind()) {
                    case STRING -> primitive(Convert.toStr(v), v, "string required");
                    case NUMBER -> primitive(Convert.toNum(v), v, "a number is required");
                    case BOOL -> primitive(Convert.toBool(v), v, "a bool is required");
                };
            }
        } catch (EvalException e) {
            throw fail(path, e.getMessage().startsWith("a bool is required;") ? e.getMessage()
                    : primitiveMessage((TypeConstraint.Primitive) type));
        }
        if (type instanceof TypeConstraint.Collection c) {
            return collection(c, v, path);
        } else if (type instanceof TypeConstraint.TupleOf t) {
            if (!(v instanceof Value.Seq seq) || seq.kind() == Value.Seq.Kind.SET) {
                throw fail(path, "tuple required");
            }
            if (seq.items().size() != t.elements().size()) {
                throw fail(path, "tuple required with " + t.elements().size() + " elements");
            }
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                out.add(convert(t.elements().get(i), seq.items().get(i), step(path, "element " + i)));
            }
            return Value.Values.tuple(out);
        } else if (type instanceof TypeConstraint.ObjectOf o) {
            return object(o, v, path);
        }
        throw new IllegalStateException("unhandled type " + type);
    }

    private static Value primitive(Value converted, Value original, String message) throws EvalException {
        // Convert.toStr and friends already refuse collections; this only guards against a bug there.
        if (converted instanceof Value.Seq || converted instanceof Value.Obj) {
            throw new EvalException(message + ", but have " + Convert.typeName(original));
        }
        return converted;
    }

    private static String primitiveMessage(TypeConstraint.Primitive p) {
        return switch (p.kind()) {
            case STRING -> "string required";
            case NUMBER -> "a number is required";
            case BOOL -> "a bool is required";
        };
    }

    private static Value collection(TypeConstraint.Collection c, Value v, String path) throws EvalException {
        if (c.kind() == TypeConstraint.Collection.Kind.MAP) {
            if (!(v instanceof Value.Obj obj)) {
                throw fail(path, "map of " + c.element() + " required");
            }
            Map<String, Value> out = Value.Values.fields();
            for (Map.Entry<String, Value> e : obj.fields().entrySet()) {
                out.put(e.getKey(), convert(c.element(), e.getValue(), step(path, "element \"" + e.getKey() + "\"")));
            }
            if (c.element() instanceof TypeConstraint.Any) {
                List<String> keys = new ArrayList<>(out.keySet());
                List<Value> unified = unify(new ArrayList<>(out.values()), path, obj.object() ? "object" : "map",
                        "map");
                for (int i = 0; i < keys.size(); i++) {
                    out.put(keys.get(i), unified.get(i));
                }
            }
            return Value.Obj.map(out);
        }
        String name = c.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (!(v instanceof Value.Seq seq)) {
            throw fail(path, name + " of " + c.element() + " required");
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            out.add(convert(c.element(), seq.items().get(i), step(path, "element " + i)));
        }
        if (c.element() instanceof TypeConstraint.Any) {
            out = unify(out, path, seq.kind().name().toLowerCase(java.util.Locale.ROOT), name);
        }
        return c.kind() == TypeConstraint.Collection.Kind.SET ? Value.Values.set(out) : Value.Values.list(out);
    }

    /**
     * The elements of a collection of {@code any}, converted to one type as cty's unification does for primitives:
     * strings mixed with numbers or bools make everything a string. Mixed structural types are refused.
     */
    public static List<Value> unify(List<Value> items, String path, String from, String to) throws EvalException {
        boolean str = false;
        boolean other = false;
        boolean structural = false;
        boolean primitive = false;
        for (Value v : items) {
            if (v instanceof Value.Str) {
                str = true;
                primitive = true;
            } else if (v instanceof Value.Num || v instanceof Value.Bool) {
                other = true;
                primitive = true;
            } else if (v instanceof Value.Seq || v instanceof Value.Obj) {
                structural = true;
            }
        }
        if (primitive && structural) {
            throw fail(path, "cannot convert " + from + " to " + to + " of any single type");
        }
        boolean mixedPrimitives = items.stream().filter(v -> v instanceof Value.Num).count() > 0
                && items.stream().filter(v -> v instanceof Value.Bool).count() > 0;
        if (!(str && other) && !mixedPrimitives) {
            return items;
        }
        List<Value> out = new ArrayList<>();
        for (Value v : items) {
            out.add(Convert.toStr(v));
        }
        return out;
    }

    private static Value object(TypeConstraint.ObjectOf o, Value v, String path) throws EvalException {
        if (!(v instanceof Value.Obj obj)) {
            throw fail(path, "object required");
        }
        Map<String, Value> out = Value.Values.fields();
        for (Map.Entry<String, TypeConstraint.Attribute> e : o.attributes().entrySet()) {
            String name = e.getKey();
            TypeConstraint.Attribute attribute = e.getValue();
            Value given = obj.fields().get(name);
            if (given == null && !attribute.optional()) {
                throw fail(path, "attribute \"" + name + "\" is required");
            }
            // Terraform applies a default both to an absent attribute and to one set to null.
            if (given == null || given instanceof Value.Null) {
                out.put(name, attribute.defaultValue().orElse(Value.Values.NULL));
            } else {
                out.put(name, convert(attribute.type(), given, step(path, "attribute \"" + name + "\"")));
            }
        }
        // Attributes the type does not declare are dropped, as cty does when converting to an object type.
        return Value.Values.object(out);
    }

    private static String step(String path, String step) {
        return path.isEmpty() ? step : path + ": " + step;
    }

    private static EvalException fail(String path, String message) {
        return new EvalException(path.isEmpty() ? message : path + ": " + message);
    }
}

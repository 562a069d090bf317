package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueEquality;
import dev.lbguard.source.value.ValueOps;
import java.math.BigDecimal;
import java.util.Optional;

/** The HCL operators, indexing, attribute access and template interpolation, with cty's semantics and messages. */
public final class Operations {
    private Operations() {
    }

    public static Value binary(Expression.Operator op, Value left, Value right) throws EvalException {
        switch (op) {
            case EQUAL, NOT_EQUAL: {
                Optional<Boolean> eq = ValueEquality.equal(left, right);
                if (eq.isEmpty()) {
                    return Convert.unknownOf(left, right);
                }
                return new Value.Bool(eq.get() == (op == Expression.Operator.EQUAL));
            }
            case AND, OR:
                return logical(op, left, right);
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO, GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL:
                return arithmetic(op, left, right);
            default:
                throw new IllegalArgumentException(op + " is not a binary operator");
        }
    }

    private static Value logical(Expression.Operator op, Value left, Value right) throws EvalException {
        Value l = operand(left, "left", "bool");
        Value r = operand(right, "right", "bool");
        boolean and = op == Expression.Operator.AND;
        // cty short-circuits on a known deciding operand even when the other one is unknown.
        if (l instanceof Value.Bool lb && lb.value() != and || r instanceof Value.Bool rb && rb.value() != and) {
            return new Value.Bool(!and);
        }
        if (l instanceof Value.Unknown || r instanceof Value.Unknown) {
            return Convert.unknownOf(l, r);
        }
        return new Value.Bool(and);
    }

    private static Value arithmetic(Expression.Operator op, Value left, Value right) throws EvalException {
        Value l = operand(left, "left", "number");
        Value r = operand(right, "right", "number");
        if (l instanceof Value.Unknown || r instanceof Value.Unknown) {
            return Convert.unknownOf(l, r);
        }
        BigDecimal a = ((Value.Num) l).value();
        BigDecimal b = ((Value.Num) r).value();
        switch (op) {
            case ADD:
                return Convert.num(a.add(b));
            case SUBTRACT:
                return Convert.num(a.subtract(b));
            case MULTIPLY:
                return Convert.num(a.multiply(b));
            case DIVIDE:
                if (b.signum() == 0) {
                    throw new EvalException("Error during operation: can't divide by zero.");
                }
                return Convert.num(divide(a, b));
            case MODULO:
                if (b.signum() == 0) {
                    throw new EvalException("Error during operation: can't use modulo with zero.");
                }
                // Truncated remainder, sign of the dividend, like Go's math.Mod and cty's Modulo.
                return Convert.num(a.remainder(b));
            case GREATER:
                return new Value.Bool(a.compareTo(b) > 0);
            case GREATER_OR_EQUAL:
                return new Value.Bool(a.compareTo(b) >= 0);
            case LESS:
                return new Value.Bool(a.compareTo(b) < 0);
            case LESS_OR_EQUAL:
                return new Value.Bool(a.compareTo(b) <= 0);
            default:
                throw new IllegalArgumentException(op + " is not arithmetic");
        }
    }

    /** cty divides binary floats of 512 bits; see {@link BinaryFloat} for how lbguard gives the same digits. */
    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return BinaryFloat.divide(a, b);
    }

    private static Value operand(Value v, String side, String type) throws EvalException {
        if (v instanceof Value.Null) {
            throw new EvalException("Invalid operand: Unsuitable value for " + side
                    + " operand: argument must not be null.");
        }
        try {
            return type.equals("bool") ? Convert.toBool(v) : Convert.toNum(v);
        } catch (EvalException e) {
            throw new EvalException("Invalid operand: Unsuitable value for " + side + " operand: a " + type
                    + " is required.");
        }
    }

    public static Value unary(Expression.Operator op, Value operand) throws EvalException {
        switch (op) {
            case NEGATE: {
                Value v = operand(operand, "unary", "number");
                return v instanceof Value.Num n ? Convert.num(n.value().negate()) : v;
            }
            case NOT: {
                Value v = operand(operand, "unary", "bool");
                return v instanceof Value.Bool b ? new Value.Bool(!b.value()) : v;
            }
            default:
                throw new IllegalArgumentException(op + " is not a unary operator");
        }
    }

    public static Value index(Value collection, Value key) throws EvalException {
        if (collection instanceof Value.Null) {
            throw new EvalException("Attempt to index null value: This value is null, so it does not have any "
                    + "indices.");
        }
        if (collection instanceof Value.Unknown u) {
            return key instanceof Value.Unknown ? ValueOps.derived(Convert.unknownOf(collection, key))
                    : refine(u, keyText(key));
        }
        if (key instanceof Value.Null) {
            throw new EvalException("Invalid index: Can't use a null value as an indexing key.");
        }
        if (collection instanceof Value.Seq seq) {
            if (seq.kind() == Value.Seq.Kind.SET) {
                throw new EvalException("Invalid index: Elements of a set are identified only by their value and "
                        + "don't have any separate index or key to select with, so it's only possible to perform "
                        + "operations across all elements of the set.");
            }
            if (key instanceof Value.Unknown k) {
                // The element at a key known only after apply is not that key.
                return ValueOps.derived(k);
            }
            Value n;
            try {
                n = Convert.toNum(key);
            } catch (EvalException e) {
                throw new EvalException("Invalid index: The given key does not identify an element in this "
                        + "collection value: a number is required.");
            }
            BigDecimal i = ((Value.Num) n).value();
            if (i.signum() < 0 || i.stripTrailingZeros().scale() > 0
                    || i.compareTo(BigDecimal.valueOf(seq.items().size())) >= 0) {
                throw new EvalException("Invalid index: The given key does not identify an element in this "
                        + "collection value.");
            }
            return seq.items().get(i.intValueExact());
        }
        if (collection instanceof Value.Obj obj) {
            if (key instanceof Value.Unknown k) {
                return ValueOps.derived(k);
            }
            Value s;
            try {
                s = Convert.toStr(key);
            } catch (EvalException e) {
                throw new EvalException("Invalid index: The given key does not identify an element in this "
                        + "collection value: string required.");
            }
            String name = ((Value.Str) s).value();
            if (!obj.fields().containsKey(name)) {
                throw new EvalException("Invalid index: The given key does not identify an element in this "
                        + "collection value.");
            }
            return obj.fields().get(name);
        }
        throw new EvalException("Invalid index: This value does not have any indices.");
    }

    public static Value getAttr(Value object, String name) throws EvalException {
        if (object instanceof Value.Unknown u) {
            return refine(u, name);
        } else if (object instanceof Value.Null) {
            throw new EvalException("Attempt to get attribute from null value: This value is null, so it does "
                    + "not have any attributes.");
        } else if (object instanceof Value.Obj obj) {
            if (obj.fields().containsKey(name)) {
                return obj.fields().get(name);
            }
            if (obj.object()) {
                throw new EvalException("Unsupported attribute: This object does not have an attribute named \""
                        + name + "\".");
            }
            throw new EvalException("Missing map element: This map does not have an element with the key \""
                    + name + "\".");
        } else if (object instanceof Value.Seq seq) {
            String kind = seq.kind().name().toLowerCase(java.util.Locale.ROOT);
            throw new EvalException("Unsupported attribute: Can't access attributes on a " + kind
                    + " of objects. Did you mean to access attribute \"" + name + "\" for a specific element of the "
                    + kind + ", or across all elements of the " + kind + "?");
        }
        throw new EvalException("Unsupported attribute: Can't access attributes on a primitive-typed value ("
                + Convert.typeName(object) + ").");
    }

    /** A known-after-apply reference keeps pointing at where the value comes from, one step deeper. */
    private static Value refine(Value.Unknown u, String step) {
        if (!u.isReference()) {
            return u;
        }
        String attribute = u.attribute().isEmpty() ? step
                : step.startsWith("[") ? u.attribute() + step : u.attribute() + "." + step;
        return new Value.Unknown(u.ref(), attribute, u.reason());
    }

    private static String keyText(Value key) {
        if (key instanceof Value.Num n) {
            return "[" + Convert.numberToString(n.value()) + "]";
        } else if (key instanceof Value.Str s) {
            return "[\"" + s.value() + "\"]";
        }
        return "[*]";
    }

    public static Value templateString(Value v) throws EvalException {
        if (v instanceof Value.Null) {
            throw new EvalException("Invalid template interpolation value: The expression result is null. "
                    + "Cannot include a null value in a string template.");
        }
        if (v instanceof Value.Seq || v instanceof Value.Obj) {
            throw new EvalException("Invalid template interpolation value: Cannot include the given value in a "
                    + "string template: string required, but have " + Convert.typeName(v) + ".");
        }
        return Convert.toStr(v);
    }

    public static Optional<Boolean> truth(Value condition) throws EvalException {
        if (condition instanceof Value.Unknown) {
            return Optional.empty();
        }
        if (condition instanceof Value.Null) {
            throw new EvalException("Null condition: The condition value is null. Conditions must either be true "
                    + "or false.");
        }
        try {
            return Optional.of(((Value.Bool) Convert.toBool(condition)).value());
        } catch (EvalException e) {
            throw new EvalException("Incorrect condition type: The condition expression must be of type bool.");
        }
    }

    public static boolean isKnown(Value v) {
        return !(v instanceof Value.Unknown);
    }

    public static boolean isWhollyKnown(Value v) {
        return Convert.isWhollyKnown(v);
    }
}

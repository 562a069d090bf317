package dev.lbguard.source.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The primitive conversions, type names and unknown bookkeeping that cty applies everywhere; shared by
 * {@link Operations}, {@link TypeConstraint} and the function library. Equality is {@link ValueEquality}'s.
 */
public final class Convert {
    private Convert() {
    }

    // cty parses numbers with Go's big.ParseFloat, which accepts a sign, a fraction and an exponent.
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    /** A number as cty prints it: integers without a fraction, decimals with the fewest digits, never exponent form. */
    public static String numberToString(BigDecimal n) {
        if (n.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = n.stripTrailingZeros();
        // A computed number can still be huge (pow(10, 9999) * ...): never spell out megabytes of digits.
        if (dev.lbguard.source.hcl.HclParser.tooManyDigits(stripped)) {
            return stripped.toString();
        }
        return stripped.toPlainString();
    }

    /**
     * A number in one canonical scale (no trailing fraction zeros, never a negative scale), so that equal numbers
     * are equal records: {@code 0.25 + 0.25} and {@code 0.5} must not differ by {@link BigDecimal#equals}.
     */
    public static Value.Num num(BigDecimal n) {
        BigDecimal stripped = n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
        return new Value.Num(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }

    static Optional<BigDecimal> parseNumber(String s) {
        if (!NUMBER.matcher(s).matches()) {
            return Optional.empty();
        }
        BigDecimal n;
        try {
            n = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
        // Beyond what a configuration means (see HclParser.MAX_NUMBER_DIGITS): not read as a number.
        if (dev.lbguard.source.hcl.HclParser.tooManyDigits(n)) {
            return Optional.empty();
        }
        return Optional.of(n);
    }

    /** cty's conversion to string; null stays null, collections are refused. */
    public static Value toStr(Value v) throws EvalException {
        if (v instanceof Value.Str || v instanceof Value.Null || v instanceof Value.Unknown) {
            return v;
        } else if (v instanceof Value.Num n) {
            return new Value.Str(numberToString(n.value()));
        } else if (v instanceof Value.Bool b) {
            return new Value.Str(Boolean.toString(b.value()));
        }
        throw new EvalException("a string is required, but have " + typeName(v));
    }

    public static Value toNum(Value v) throws EvalException {
        if (v instanceof Value.Num || v instanceof Value.Null || v instanceof Value.Unknown) {
            return v;
        } else if (v instanceof Value.Str s) {
            Optional<BigDecimal> n = parseNumber(s.value());
            if (n.isEmpty()) {
                throw new EvalException("a number is required");
            }
            return num(n.get());
        }
        throw new EvalException("a number is required, but have " + typeName(v));
    }

    public static Value toBool(Value v) throws EvalException {
        if (v instanceof Value.Bool || v instanceof Value.Null || v instanceof Value.Unknown) {
            return v;
        } else if (v instanceof Value.Str s) {
            // cty also accepts "1" and "0", and points at the case when "True" was meant.
            switch (s.value()) {
                case "true", "1":
                    return Value.Values.TRUE;
                case "false", "0":
                    return Value.Values.FALSE;
                default:
                    String lower = s.value().toLowerCase(java.util.Locale.ROOT);
                    if (lower.equals("true") || lower.equals("false")) {
                        throw new EvalException("a bool is required; to convert from string, use lowercase \""
                                + lower + "\"");
                    }
                    throw new EvalException("a bool is required");
            }
        }
        throw new EvalException("a bool is required, but have " + typeName(v));
    }

    /** A known, non-null string argument, converted from number or bool as cty does for string parameters. */
    public static String string(Value v, String param) throws EvalException {
        Value s = argument(v, param);
        try {
            return ((Value.Str) toStr(s)).value();
        } catch (EvalException e) {
            throw new EvalException("Invalid value for \"" + param + "\" parameter: string required, but have "
                    + typeName(s) + ".");
        }
    }

    public static BigDecimal number(Value v, String param) throws EvalException {
        Value s = argument(v, param);
        try {
            return ((Value.Num) toNum(s)).value();
        } catch (EvalException e) {
            throw new EvalException("Invalid value for \"" + param + "\" parameter: a number is required.");
        }
    }

    public static int integer(Value v, String param) throws EvalException {
        BigDecimal n = number(v, param);
        try {
            return n.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException e) {
            throw new EvalException("Invalid value for \"" + param + "\" parameter: must be a whole number"
                    + " in range.");
        }
    }

    public static boolean bool(Value v, String param) throws EvalException {
        Value s = argument(v, param);
        try {
            return ((Value.Bool) toBool(s)).value();
        } catch (EvalException e) {
            throw new EvalException("Invalid value for \"" + param + "\" parameter: " + e.getMessage() + ".");
        }
    }

    public static Value argument(Value v, String param) throws EvalException {
        if (v instanceof Value.Null) {
            throw new EvalException("Invalid value for \"" + param + "\" parameter: argument must not be null.");
        }
        return v;
    }

    /** A list, tuple or set argument's elements. */
    public static List<Value> sequence(Value v, String param) throws EvalException {
        if (argument(v, param) instanceof Value.Seq s) {
            return s.items();
        }
        throw new EvalException("Invalid value for \"" + param + "\" parameter: list, set, or tuple required, but have "
                + typeName(v) + ".");
    }

    public static Value.Obj mapping(Value v, String param) throws EvalException {
        if (argument(v, param) instanceof Value.Obj o) {
            return o;
        }
        throw new EvalException("Invalid value for \"" + param + "\" parameter: map or object required, but have "
                + typeName(v) + ".");
    }

    /** The type name Terraform uses in messages, e.g. {@code list of string}. */
    public static String typeName(Value v) {
        if (v instanceof Value.Str) {
            return "string";
        } else if (v instanceof Value.Num) {
            return "number";
        } else if (v instanceof Value.Bool) {
            return "bool";
        } else if (v instanceof Value.Null) {
            return "null";
        } else if (v instanceof Value.Unknown) {
            return "dynamic";
        } else if (v instanceof Value.Seq s) {
            return switch (s.kind()) {
                case TUPLE -> "tuple";
                case LIST -> "list of " + elementTypeName(s.items());
                case SET -> "set of " + elementTypeName(s.items());
            };
        } else if (v instanceof Value.Obj o) {
            return o.object() ? "object" : "map of " + elementTypeName(List.copyOf(o.fields().values()));
        }
        throw new IllegalStateException("unhandled value " + v);
    }

    private static String elementTypeName(List<Value> items) {
        return items.stream().filter(i -> !(i instanceof Value.Null) && !(i instanceof Value.Unknown))
                .findFirst().map(Convert::typeName).orElse("dynamic");
    }

    public static boolean isWhollyKnown(Value v) {
        if (v instanceof Value.Unknown) {
            return false;
        } else if (v instanceof Value.Seq s) {
            return s.items().stream().allMatch(Convert::isWhollyKnown);
        } else if (v instanceof Value.Obj o) {
            return o.fields().values().stream().allMatch(Convert::isWhollyKnown);
        }
        return true;
    }

    public static boolean allWhollyKnown(List<Value> vs) {
        return vs.stream().allMatch(Convert::isWhollyKnown);
    }

    /**
     * The unknown that stands for a result depending on {@code inputs}: a single unknown is kept as is (its
     * {@code ref} still names the resource); several are combined into the first, whose reason lists the others.
     */
    public static Value.Unknown unknownOf(List<Value> inputs) {
        LinkedHashSet<Value.Unknown> found = new LinkedHashSet<>();
        inputs.forEach(v -> collect(v, found));
        if (found.isEmpty()) {
            return Value.Unknown.unevaluable("depends on a value that is not known");
        }
        List<Value.Unknown> all = new ArrayList<>(found);
        if (all.size() == 1) {
            return all.get(0);
        }
        // An evaluation failure matters more than a known-after-apply reference: lead with it.
        Value.Unknown lead = all.stream().filter(u -> !u.isReference()).findFirst().orElse(all.get(0));
        List<String> others = new ArrayList<>();
        for (Value.Unknown u : all) {
            if (u != lead) {
                others.add(describe(u));
            }
        }
        String reason = (lead.reason().isEmpty() ? "" : lead.reason() + "; ") + "also depends on "
                + String.join(", ", others);
        return new Value.Unknown(lead.ref(), lead.attribute(), reason);
    }

    public static Value.Unknown unknownOf(Value... inputs) {
        return unknownOf(List.of(inputs));
    }

    private static String describe(Value.Unknown u) {
        if (u.isReference()) {
            return u.attribute().isEmpty() ? u.ref() : u.ref() + "." + u.attribute();
        }
        return u.reason();
    }

    private static void collect(Value v, LinkedHashSet<Value.Unknown> out) {
        if (v instanceof Value.Unknown u) {
            out.add(u);
        } else if (v instanceof Value.Seq s) {
            s.items().forEach(i -> collect(i, out));
        } else if (v instanceof Value.Obj o) {
            for (Map.Entry<String, Value> e : o.fields().entrySet()) {
                collect(e.getValue(), out);
            }
        }
    }
}

package dev.lbguard.source.terraform.functions;

import static dev.lbguard.source.terraform.functions.Functions.Registry.VARIADIC;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/** The number functions, exact on {@link BigDecimal}, and the list reductions {@code sum}, {@code alltrue}, {@code anytrue}. */
final class NumericFunctions {
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private NumericFunctions() {
    }

    static void register(Functions.Registry r) {
        r.strict("min", 1, VARIADIC, args -> extreme(args, -1));
        r.strict("max", 1, VARIADIC, args -> extreme(args, 1));
        r.strict("abs", 1, 1, args -> Convert.num(Convert.number(args.get(0), "num").abs()));
        r.strict("ceil", 1, 1, args -> Convert.num(Convert.number(args.get(0), "num")
                .setScale(0, RoundingMode.CEILING)));
        r.strict("floor", 1, 1, args -> Convert.num(Convert.number(args.get(0), "num")
                .setScale(0, RoundingMode.FLOOR)));
        r.strict("signum", 1, 1, args -> Value.Num.of(Convert.number(args.get(0), "num").signum()));
        r.strict("pow", 2, 2, args -> pow(Convert.number(args.get(0), "num"), Convert.number(args.get(1), "power")));
        r.strict("log", 2, 2, args -> Convert.num(BigDecimal.valueOf(
                Math.log(Convert.number(args.get(0), "num").doubleValue())
                        / Math.log(Convert.number(args.get(1), "base").doubleValue()))));
        r.strict("parseint", 2, 2, args -> Convert.num(new BigDecimal(parseInt(
                Convert.string(args.get(0), "number"), Convert.integer(args.get(1), "base")))));
        r.strict("sum", 1, 1, args -> {
            List<Value> items = Convert.sequence(args.get(0), "list");
            if (items.isEmpty()) {
                throw new EvalException("cannot sum an empty list");
            }
            BigDecimal total = BigDecimal.ZERO;
            for (Value v : items) {
                if (v instanceof Value.Null) {
                    throw new EvalException("argument must be list, set, or tuple of number values");
                }
                total = total.add(Convert.number(v, "list"));
            }
            return Convert.num(total);
        });
        r.lenient("alltrue", 1, 1, args -> allOrAny(args.get(0), true));
        r.lenient("anytrue", 1, 1, args -> allOrAny(args.get(0), false));
    }

    private static Value extreme(List<Value> args, int sign) throws EvalException {
        BigDecimal best = Convert.number(args.get(0), "numbers");
        for (Value v : args.subList(1, args.size())) {
            BigDecimal n = Convert.number(v, "numbers");
            if (n.compareTo(best) * sign > 0) {
                best = n;
            }
        }
        return Convert.num(best);
    }

    private static Value pow(BigDecimal base, BigDecimal power) {
        try {
            int p = power.intValueExact();
            if (p >= 0 && p <= 9999) {
                return Convert.num(base.pow(p));
            }
        } catch (ArithmeticException notAnInteger) {
            // Falls back to floating point below, as cty does for every power.
        }
        return Convert.num(new BigDecimal(Math.pow(base.doubleValue(), power.doubleValue())));
    }

    /** Go's big.Int SetString for bases 2 to 62: a sign, then digits 0-9, a-z, A-Z (case-insensitive to 36). */
    static BigInteger parseInt(String s, int base) throws EvalException {
        if (base < 2 || base > 62) {
            throw new EvalException("Invalid value for \"base\" parameter: base must be a whole number between 2 "
                    + "and 62 inclusive.");
        }
        String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (digits.isEmpty()) {
            throw notInteger(s, base);
        }
        BigInteger out = BigInteger.ZERO;
        for (char c : digits.toCharArray()) {
            int d = DIGITS.indexOf(base <= 36 ? Character.toLowerCase(c) : c);
            if (d < 0 || d >= base) {
                throw notInteger(s, base);
            }
            out = out.multiply(BigInteger.valueOf(base)).add(BigInteger.valueOf(d));
        }
        return s.startsWith("-") ? out.negate() : out;
    }

    private static EvalException notInteger(String s, int base) {
        return new EvalException("Invalid value for \"number\" parameter: cannot parse \"" + s + "\" as a base "
                + base + " integer.");
    }

    private static Value allOrAny(Value list, boolean all) throws EvalException {
        if (list instanceof Value.Unknown) {
            return list;
        }
        boolean unknown = false;
        for (Value v : Convert.sequence(list, "list")) {
            if (v instanceof Value.Unknown) {
                unknown = true;
                continue;
            }
            if (v instanceof Value.Null) {
                throw new EvalException("Invalid value for \"list\" parameter: element must not be null.");
            }
            if (Convert.bool(v, "list") != all) {
                // One deciding element settles the result whatever the unknown ones turn out to be.
                return new Value.Bool(!all);
            }
        }
        return unknown ? Convert.unknownOf(list) : new Value.Bool(all);
    }
}

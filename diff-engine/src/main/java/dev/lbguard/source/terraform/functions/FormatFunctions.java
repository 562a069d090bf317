package dev.lbguard.source.terraform.functions;

import static dev.lbguard.source.terraform.functions.Functions.Registry.VARIADIC;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** {@code format} and {@code formatlist}, following cty's printf dialect (verbs v t b d o x X e E f g G s q). */
final class FormatFunctions {
    private FormatFunctions() {
    }

    static void register(Functions.Registry r) {
        r.strict("format", 1, VARIADIC, args -> new Value.Str(format(Convert.string(args.get(0), "format"),
                args.subList(1, args.size()))));
        r.strict("formatlist", 1, VARIADIC, FormatFunctions::formatlist);
    }

    private static Value formatlist(List<Value> args) throws EvalException {
        String fmt = Convert.string(args.get(0), "format");
        List<Value> rest = args.subList(1, args.size());
        int length = -1;
        int lengthFrom = -1;
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i) instanceof Value.Seq seq) {
                if (length >= 0 && seq.items().size() != length) {
                    throw new EvalException("argument " + (i + 1) + " has length " + seq.items().size()
                            + ", which is inconsistent with argument " + (lengthFrom + 1) + " of length " + length);
                }
                length = seq.items().size();
                lengthFrom = i;
            }
        }
        if (length < 0) {
            // With no list argument at all, cty formats once and still returns a list.
            return Value.Values.list(List.of(new Value.Str(format(fmt, rest))));
        }
        List<Value> out = new ArrayList<>();
        for (int n = 0; n < length; n++) {
            List<Value> row = new ArrayList<>();
            for (Value v : rest) {
                row.add(v instanceof Value.Seq seq ? seq.items().get(n) : v);
            }
            try {
                out.add(new Value.Str(format(fmt, row)));
            } catch (EvalException e) {
                throw new EvalException("error on format iteration " + n + ": " + e.getMessage());
            }
        }
        return Value.Values.list(out);
    }

    /** One parsed verb: flags, width, precision and the argument it reads. */
    private record Verb(String raw, int offset, boolean minus, boolean plus, boolean space, boolean zero,
                        boolean sharp, int width, int precision, char mode, int arg) {
    }

    static String format(String fmt, List<Value> args) throws EvalException {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int maxUsed = 0;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int start = i++;
            if (i < fmt.length() && fmt.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            boolean minus = false, plus = false, space = false, zero = false, sharp = false;
            for (; i < fmt.length() && "-+ 0#".indexOf(fmt.charAt(i)) >= 0; i++) {
                switch (fmt.charAt(i)) {
                    case '-' -> minus = true;
                    case '+' -> plus = true;
                    case ' ' -> space = true;
                    case '0' -> zero = true;
                    default -> sharp = true;
                }
            }
            int arg = next;
            if (i < fmt.length() && fmt.charAt(i) == '[') {
                int close = fmt.indexOf(']', i);
                if (close < 0) {
                    throw new EvalException("invalid format string starting at offset " + start);
                }
                try {
                    arg = Integer.parseInt(fmt.substring(i + 1, close)) - 1;
                } catch (NumberFormatException e) {
                    throw new EvalException("invalid format string starting at offset " + start);
                }
                i = close + 1;
            }
            int width = -1;
            int w = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                i++;
            }
            if (i > w) {
                width = bounded(fmt.substring(w, i), "width");
            }
            int precision = -1;
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                int p = ++i;
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                precision = i > p ? bounded(fmt.substring(p, i), "precision") : 0;
            }
            if (i >= fmt.length()) {
                throw new EvalException("invalid format string starting at offset " + start);
            }
            char mode = fmt.charAt(i++);
            Verb verb = new Verb(fmt.substring(start, i), start, minus, plus, space, zero, sharp, width, precision,
                    mode, arg);
            if (arg < 0 || arg >= args.size()) {
                throw new EvalException("not enough arguments for \"" + verb.raw() + "\" at " + start
                        + ": need index " + (arg + 1) + " but have " + args.size() + " total");
            }
            out.append(formatOne(verb, args.get(arg)));
            next = arg + 1;
            maxUsed = Math.max(maxUsed, next);
        }
        if (maxUsed < args.size()) {
            throw new EvalException("too many arguments; only " + maxUsed + " used by format string");
        }
        return out.toString();
    }

    private static String formatOne(Verb verb, Value arg) throws EvalException {
        if (verb.mode() != 'v' && arg instanceof Value.Null) {
            throw unsupported(verb, "null value cannot be formatted");
        }
        try {
            switch (verb.mode()) {
                case 'v':
                    if (verb.sharp() || arg instanceof Value.Seq || arg instanceof Value.Obj) {
                        return pad(verb, Json.encode(arg), false);
                    }
                    return pad(verb, arg instanceof Value.Null ? "null" : stringOf(arg), false);
                case 's':
                    return pad(verb, truncate(stringOf(arg), verb.precision()), false);
                case 'q':
                    return pad(verb, Json.quote(stringOf(arg)), false);
                case 't':
                    return pad(verb, Boolean.toString(((Value.Bool) Convert.toBool(arg)).value()), false);
                case 'd', 'b', 'o', 'x', 'X':
                    return integer(verb, numberOf(arg));
                case 'e', 'E', 'f', 'g', 'G':
                    return decimal(verb, numberOf(arg));
                default:
                    throw new EvalException("unrecognized format verb '" + verb.mode() + "' at " + verb.offset());
            }
        } catch (EvalException | ClassCastException e) {
            if (e instanceof EvalException ee && ee.getMessage().startsWith("unrecognized")) {
                throw ee;
            }
            throw unsupported(verb, e instanceof EvalException ee ? ee.getMessage() : "wrong type");
        }
    }

    private static EvalException unsupported(Verb verb, String why) {
        return new EvalException("unsupported value for \"" + verb.raw() + "\" at " + verb.offset() + ": " + why);
    }

    private static String stringOf(Value v) throws EvalException {
        return ((Value.Str) Convert.toStr(v)).value();
    }

    private static BigDecimal numberOf(Value v) throws EvalException {
        return ((Value.Num) Convert.toNum(v)).value();
    }

    /** Go's fmt refuses widths and precisions from 1e6 on (BADWIDTH); lbguard refuses them too, never padding a gigabyte. */
    private static int bounded(String digits, String what) throws EvalException {
        if (digits.length() > 7 || Integer.parseInt(digits) > 1_000_000) {
            throw new EvalException("format " + what + " " + digits + " is too large (Go's fmt, which terraform "
                    + "uses, refuses more than 1000000)");
        }
        return Integer.parseInt(digits);
    }

    private static String truncate(String s, int precision) {
        if (precision < 0 || s.codePointCount(0, s.length()) <= precision) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, precision));
    }

    private static String integer(Verb verb, BigDecimal n) throws EvalException {
        BigInteger i;
        try {
            i = n.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new EvalException("value has fractional part");
        }
        int radix = switch (verb.mode()) {
            case 'b' -> 2;
            case 'o' -> 8;
            case 'x', 'X' -> 16;
            default -> 10;
        };
        String digits = i.abs().toString(radix);
        if (verb.mode() == 'X') {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
        }
        return signed(verb, i.signum() < 0, digits);
    }

    private static String decimal(Verb verb, BigDecimal n) {
        boolean negative = n.signum() < 0;
        BigDecimal abs = n.abs();
        String body = switch (verb.mode()) {
            case 'f' -> abs.setScale(verb.precision() < 0 ? 6 : verb.precision(), RoundingMode.HALF_EVEN)
                    .toPlainString();
            case 'e', 'E' -> exponent(abs, verb.precision() < 0 ? 6 : verb.precision(), verb.mode());
            default -> general(abs, verb.precision(), verb.mode() == 'G' ? 'E' : 'e');
        };
        return signed(verb, negative, body);
    }

    /** Go's %e: one digit before the point, at least two exponent digits. */
    private static String exponent(BigDecimal abs, int precision, char e) {
        if (abs.signum() == 0) {
            return "0" + (precision > 0 ? "." + "0".repeat(precision) : "") + e + "+00";
        }
        int exp = abs.precision() - abs.scale() - 1;
        BigDecimal mantissa = abs.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN);
        if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
            exp++;
            mantissa = abs.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN);
        }
        return mantissa.toPlainString() + e + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** Go's %g: the shortest form, in exponent form below 1e-4 or from 1e+06 on (or from the precision on). */
    private static String general(BigDecimal abs, int precision, char e) {
        if (abs.signum() == 0) {
            return "0";
        }
        BigDecimal digits = precision < 0 ? abs.stripTrailingZeros()
                : abs.round(new java.math.MathContext(Math.max(precision, 1), RoundingMode.HALF_EVEN))
                        .stripTrailingZeros();
        int exp = digits.precision() - digits.scale() - 1;
        int eprec = precision < 0 ? 6 : Math.max(precision, 1);
        if (exp < -4 || exp >= eprec) {
            int p = digits.precision() - 1;
            return exponent(digits, p, e);
        }
        return digits.toPlainString();
    }

    private static String signed(Verb verb, boolean negative, String digits) {
        String sign = negative ? "-" : verb.plus() ? "+" : verb.space() ? " " : "";
        if (verb.zero() && !verb.minus() && verb.width() > sign.length() + digits.length()) {
            return sign + "0".repeat(verb.width() - sign.length() - digits.length()) + digits;
        }
        return pad(verb, sign + digits, true);
    }

    private static String pad(Verb verb, String s, boolean numeric) {
        int length = s.codePointCount(0, s.length());
        if (verb.width() <= length) {
            return s;
        }
        String fill = (verb.zero() && !verb.minus() && !numeric ? "0" : " ").repeat(verb.width() - length);
        return verb.minus() ? s + fill : fill + s;
    }
}

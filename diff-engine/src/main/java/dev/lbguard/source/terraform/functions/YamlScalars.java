package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;

/**
 * YAML scalars as go-cty-yaml 1.1.0 resolves them: YAML 1.1 booleans ({@code yes}, {@code off}), nulls, numbers
 * in decimal, hex and octal, and timestamps (as RFC 3339 strings), by the first character, style and tag.
 */
final class YamlScalars {
    private YamlScalars() {
    }

    static final String TAG = "tag:yaml.org,2002:";
    private static final Set<String> RESOLVABLE = Set.of(TAG + "str", TAG + "bool", TAG + "int", TAG + "float",
            TAG + "null", TAG + "timestamp", TAG + "binary");
    private static final Map<String, Value> NAMED = named();
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern BIG_FLOAT =
            Pattern.compile("([-+]?)([0-9]+\\.?[0-9]*|\\.[0-9]+)(?:([eEpP])([-+]?[0-9]+))?");
    private static final Pattern TIMESTAMP = Pattern.compile("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
            + "(?:(?:([Tt])|( +))([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,]([0-9]+))?(Z|[-+][0-9]{2}:[0-9]{2})?)?");
    /** A {@code <<} without a tag: a merge where it is a key, quoted or not, as in go-cty-yaml. */
    static final Value MERGE = new Value.Str("<<merge>>");

    private static Map<String, Value> named() {
        Map<String, Value> m = new HashMap<>();
        for (String s : List.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")) {
            m.put(s, Value.Values.TRUE);
        }
        for (String s : List.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")) {
            m.put(s, Value.Values.FALSE);
        }
        for (String s : List.of("", "~", "null", "Null", "NULL")) {
            m.put(s, Value.Values.NULL);
        }
        for (String s : List.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF")) {
            m.put(s, Value.Unknown.unevaluable("yamldecode gives the infinite number " + s
                    + ", which lbguard cannot represent"));
        }
        return m;
    }

    /** go-cty-yaml's {@code resolveScalar}. */
    static Value resolve(String tag, String src, DumperOptions.ScalarStyle style) throws EvalException {
        String t = tag == null ? "" : tag;
        if (!t.isEmpty() && !RESOLVABLE.contains(t)) {
            throw new EvalException("unsupported tag " + GoQuote.quote(t));
        }
        char hint = src.isEmpty() ? 'N' : hint(src.charAt(0));
        if (hint != 0 && !t.equals(TAG + "str") && !t.equals(TAG + "binary")) {
            if (style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
                return str(src);
            }
            if (NAMED.containsKey(src)) {
                return NAMED.get(src);
            }
            if (t.isEmpty() && (src.equals(".nan") || src.equals(".NaN") || src.equals(".NAN"))) {
                throw new EvalException("floating point NaN is not supported");
            }
            if (hint == '.') {
                Value n = bigFloat(src);
                if (n != null) {
                    return n;
                }
            } else if (hint == 'D' || hint == 'S') {
                if (t.isEmpty() || t.equals(TAG + "timestamp")) {
                    String ts = timestamp(src);
                    if (ts != null) {
                        return new Value.Str(ts);
                    }
                }
                if (INTEGER.matcher(src).matches()) {
                    t = TAG + "int";
                } else if (FLOAT.matcher(src).matches()) {
                    t = TAG + "float";
                }
            }
        }
        if (t.isEmpty() && src.equals("<<")) {
            return MERGE;
        }
        switch (t.isEmpty() ? "" : t.substring(TAG.length())) {
            case "str", "" -> {
                return str(src);
            }
            case "binary" -> {
                try {
                    TextEncodingFunctions.goBase64(src);
                } catch (EvalException e) {
                    throw new EvalException("cannot parse " + GoQuote.quote(src) + " as " + t + ": not valid base64");
                }
                return str(src);
            }
            case "bool" -> {
                Value b = NAMED.get(src);
                if (!(b instanceof Value.Bool)) {
                    throw new EvalException("cannot parse " + GoQuote.quote(src) + " as " + t);
                }
                return b;
            }
            case "float", "int" -> {
                String plain = src.replace("_", "");
                Value n = bigFloat(plain);
                if (n == null) {
                    n = goInteger(plain);
                }
                if (n == null) {
                    throw new EvalException("cannot parse " + GoQuote.quote(src) + " as " + t);
                }
                return n;
            }
            case "timestamp" -> {
                String ts = timestamp(src);
                if (ts == null) {
                    throw new EvalException("cannot parse " + GoQuote.quote(src) + " as " + t);
                }
                return new Value.Str(ts);
            }
            default -> {
                return Value.Values.NULL;
            }
        }
    }

    private static Value str(String s) {
        return new Value.Str(Normalizer.normalize(s, Normalizer.Form.NFC));
    }

    private static char hint(char c) {
        if (c == '+' || c == '-') {
            return 'S';
        } else if (c >= '0' && c <= '9') {
            return 'D';
        } else if ("yYnNtTfFoO~".indexOf(c) >= 0) {
            return 'M';
        }
        return c == '.' ? '.' : 0;
    }

    /** cty's {@code ParseNumberVal} (Go's {@code big.ParseFloat} in base 10), or null. */
    private static Value bigFloat(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("+inf") || lower.equals("-inf")) {
            return Value.Unknown.unevaluable("yamldecode gives the infinite number " + s
                    + ", which lbguard cannot represent");
        }
        Matcher m = BIG_FLOAT.matcher(s);
        if (!m.matches()) {
            return null;
        }
        BigDecimal n = new BigDecimal(m.group(1) + (m.group(2).startsWith(".") ? "0" : "") + m.group(2)
                + (m.group(2).endsWith(".") ? "0" : ""));
        if (m.group(3) != null) {
            int exp = Integer.parseInt(m.group(4));
            n = "eE".contains(m.group(3)) ? n.scaleByPowerOfTen(exp)
                    : exp >= 0 ? n.multiply(BigDecimal.valueOf(2).pow(exp))
                    : n.divide(BigDecimal.valueOf(2).pow(-exp));
        }
        return Convert.num(n);
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}, then {@code ParseUint}: 0x, 0o, 0b and leading-0 octal. */
    private static Value goInteger(String s) {
        Matcher m = Pattern.compile("([-+]?)(0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+))").matcher(s);
        if (!m.matches()) {
            return null;
        }
        int radix = m.group(3) != null ? 16 : m.group(5) != null ? 2 : 8;
        String digits = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4)
                : m.group(5) != null ? m.group(5) : m.group(6);
        BigInteger v = new BigInteger(digits, radix);
        if (m.group(1).equals("-")) {
            v = v.negate();
        }
        boolean fits = v.bitLength() < 64 || m.group(1).isEmpty() && v.signum() > 0 && v.bitLength() == 64;
        return fits ? Convert.num(new BigDecimal(v)) : null;
    }

    /** go-cty-yaml's timestamp layouts (RFC 3339 with short fields, {@code t}, a space and no zone, a date). */
    private static String timestamp(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        boolean timed = m.group(6) != null;
        boolean zoned = m.group(10) != null;
        if (timed && (m.group(4) != null) != zoned || month < 1 || month > 12 || day < 1
                || day > GoTime.daysIn(month, year)) {
            return null;
        }
        int hour = timed ? Integer.parseInt(m.group(6)) : 0;
        int min = timed ? Integer.parseInt(m.group(7)) : 0;
        int sec = timed ? Integer.parseInt(m.group(8)) : 0;
        int offset = 0;
        if (zoned && !m.group(10).equals("Z")) {
            int hr = Integer.parseInt(m.group(10).substring(1, 3));
            int mm = Integer.parseInt(m.group(10).substring(4, 6));
            if (hr > 24 || mm > 60) {
                return null;
            }
            offset = (m.group(10).charAt(0) == '-' ? -1 : 1) * (hr * 60 + mm) * 60;
        }
        if (hour >= 24 || min >= 60 || sec >= 60) {
            return null;
        }
        long local = LocalDateTime.of(year, month, day, hour, min, sec).toEpochSecond(ZoneOffset.UTC);
        return new GoTime.Timestamp(local - offset, 0, offset).rfc3339();
    }
}

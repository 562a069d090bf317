package dev.lbguard.source.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An RE2 pattern (Go's regexp syntax, which Terraform uses) translated to {@link java.util.regex}. Translated:
 * {@code (?P<name>...)} and names with underscores, POSIX classes such as {@code [[:alpha:]]}, a literal
 * {@code [} or {@code &} inside a class, and {@code $} (end of text, not before a final newline, outside
 * multi-line mode). Refused as RE2 refuses them: look-around, atomic groups and back-references. Known gaps:
 * the {@code U} (ungreedy) flag, {@code \s} also matching vertical tab, and Unicode class names Java lacks.
 *
 * @param groupNames one entry per capture group in order, {@code ""} for an unnamed group
 */
record Re2(Pattern pattern, List<String> groupNames) {
    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    Re2 {
        groupNames = List.copyOf(groupNames);
    }

    static Re2 compile(String re2) throws EvalException {
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        boolean multiline = Pattern.compile("\\(\\?[a-zA-Z]*m").matcher(re2).find();
        int i = 0;
        while (i < re2.length()) {
            char c = re2.charAt(i);
            if (c == '\\') {
                if (i + 1 >= re2.length()) {
                    throw invalid("trailing backslash at end of expression");
                }
                char n = re2.charAt(i + 1);
                if (n >= '1' && n <= '9' || n == 'Z' || n == 'C') {
                    throw invalid("invalid escape sequence: `\\" + n + "`");
                }
                if (n == 'Q') {
                    int end = re2.indexOf("\\E", i + 2);
                    String literal = end < 0 ? re2.substring(i + 2) : re2.substring(i + 2, end);
                    out.append(Pattern.quote(literal));
                    i = end < 0 ? re2.length() : end + 2;
                    continue;
                }
                out.append(c).append(n);
                i += 2;
            } else if (c == '[') {
                i = characterClass(re2, i, out);
            } else if (c == '(') {
                i = group(re2, i, out, names);
            } else if (c == '$' && !multiline) {
                out.append("\\z");
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        try {
            return new Re2(Pattern.compile(out.toString(), Pattern.UNIX_LINES), names);
        } catch (PatternSyntaxException e) {
            throw invalid(e.getDescription());
        }
    }

    private static int group(String re2, int i, StringBuilder out, List<String> names) throws EvalException {
        if (!re2.startsWith("(?", i)) {
            names.add("");
            out.append('(');
            return i + 1;
        }
        int nameStart;
        if (re2.startsWith("(?P<", i)) {
            nameStart = i + 4;
        } else if (re2.startsWith("(?<", i) && !re2.startsWith("(?<=", i) && !re2.startsWith("(?<!", i)) {
            nameStart = i + 3;
        } else if (re2.startsWith("(?=", i) || re2.startsWith("(?!", i) || re2.startsWith("(?<", i)
                || re2.startsWith("(?>", i)) {
            throw invalid("invalid or unsupported Perl syntax: `" + re2.substring(i, i + 3) + "`");
        } else {
            out.append("(?");
            return i + 2;
        }
        int close = re2.indexOf('>', nameStart);
        String name = close < 0 ? "" : re2.substring(nameStart, close);
        if (name.isEmpty() || !name.matches("[A-Za-z0-9_]+")) {
            throw invalid("invalid named capture: `" + re2.substring(i, close < 0 ? re2.length() : close + 1) + "`");
        }
        if (names.contains(name)) {
            throw invalid("duplicate capture group name: `" + name + "`");
        }
        names.add(name);
        // Java group names allow neither underscores nor leading digits, so groups are matched by position.
        out.append('(');
        return close + 1;
    }

    private static int characterClass(String re2, int i, StringBuilder out) throws EvalException {
        out.append('[');
        int j = i + 1;
        if (j < re2.length() && re2.charAt(j) == '^') {
            out.append('^');
            j++;
        }
        boolean first = true;
        while (j < re2.length()) {
            char c = re2.charAt(j);
            if (c == ']' && !first) {
                out.append(']');
                return j + 1;
            }
            first = false;
            if (c == '[' && re2.startsWith("[:", j)) {
                int close = re2.indexOf(":]", j + 2);
                if (close > 0) {
                    String name = re2.substring(j + 2, close);
                    boolean negated = name.startsWith("^");
                    String java = POSIX.get(negated ? name.substring(1) : name);
                    if (java == null) {
                        throw invalid("invalid character class range: `[:" + name + ":]`");
                    }
                    out.append(negated ? negate(java) : java);
                    j = close + 2;
                    continue;
                }
            }
            if (c == '\\' && j + 1 < re2.length()) {
                out.append(c).append(re2.charAt(j + 1));
                j += 2;
            } else if (c == '[' || c == '&' || c == ']') {
                out.append('\\').append(c);
                j++;
            } else {
                out.append(c);
                j++;
            }
        }
        throw invalid("missing closing ]: `" + re2.substring(i) + "`");
    }

    private static String negate(String javaClass) {
        if (javaClass.startsWith("\\p")) {
            return "\\P" + javaClass.substring(2);
        }
        return javaClass.toUpperCase(java.util.Locale.ROOT);
    }

    private static EvalException invalid(String why) {
        return new EvalException("invalid regular expression pattern: " + why);
    }
}

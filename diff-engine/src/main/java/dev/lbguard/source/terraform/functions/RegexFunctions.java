package dev.lbguard.source.terraform.functions;

import com.google.re2j.Matcher;
import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code regex}, {@code regexall} and {@code replace}, on RE2 patterns ({@link Re2}). Matching follows
 * Go's regexp: all-matches skip an empty match right after a previous match, and replacement templates use
 * {@code $1}, {@code ${name}} and {@code $$}.
 */
public final class RegexFunctions {
    private RegexFunctions() {
    }

    static void register(Functions.Registry r) {
        r.strict("regex", 2, 2, args -> {
            Re2 re = Re2.compile(Convert.string(args.get(0), "pattern"));
            List<MatchResult> matches = findAll(re, Convert.string(args.get(1), "string"), 1);
            if (matches.isEmpty()) {
                throw new EvalException("pattern did not match any part of the given string");
            }
            return result(re, matches.get(0));
        });
        r.strict("regexall", 2, 2, args -> {
            Re2 re = Re2.compile(Convert.string(args.get(0), "pattern"));
            List<Value> out = new ArrayList<>();
            for (MatchResult m : findAll(re, Convert.string(args.get(1), "string"), Integer.MAX_VALUE)) {
                out.add(result(re, m));
            }
            return Value.Values.list(out);
        });
        r.strict("replace", 3, 3, args -> new Value.Str(replace(Convert.string(args.get(0), "str"),
                Convert.string(args.get(1), "substr"), Convert.string(args.get(2), "replace"))));
    }

    public static String replace(String s, String substr, String replacement) throws EvalException {
        if (substr.length() > 1 && substr.startsWith("/") && substr.endsWith("/")) {
            Re2 re = Re2.compile(substr.substring(1, substr.length() - 1));
            StringBuilder out = new StringBuilder();
            int last = 0;
            for (MatchResult m : findAll(re, s, Integer.MAX_VALUE)) {
                out.append(s, last, m.start());
                expand(re, m, replacement, out);
                last = m.end();
            }
            return out.append(s.substring(last)).toString();
        }
        return s.replace(substr, replacement);
    }

    /** One match: where it starts and ends, and each group's text ({@code null} where a group took no part). */
    private record MatchResult(int start, int end, List<String> groups) {
        String group() {
            return groups.get(0);
        }

        String group(int i) {
            return groups.get(i);
        }

        int groupCount() {
            return groups.size() - 1;
        }
    }

    private static List<MatchResult> findAll(Re2 re, String s, int limit) {
        List<MatchResult> out = new ArrayList<>();
        Matcher m = re.pattern().matcher(s);
        int previousEnd = -1;
        int from = 0;
        while (out.size() < limit && from <= s.length() && m.find(from)) {
            if (m.end() == m.start() && m.start() == previousEnd) {
                // Go ignores an empty match that abuts the previous match; Java would report it.
                if (m.start() >= s.length()) {
                    break;
                }
                from = m.start() + Character.charCount(s.codePointAt(m.start()));
                continue;
            }
            List<String> groups = new ArrayList<>();
            for (int g = 0; g <= m.groupCount(); g++) {
                groups.add(m.group(g));
            }
            out.add(new MatchResult(m.start(), m.end(), groups));
            previousEnd = m.end();
            from = m.end() == m.start()
                    ? m.end() + (m.end() < s.length() ? Character.charCount(s.codePointAt(m.end())) : 1)
                    : m.end();
        }
        return out;
    }

    private static Value result(Re2 re, MatchResult m) throws EvalException {
        if (re.groupNames().isEmpty()) {
            return new Value.Str(m.group());
        }
        long named = re.groupNames().stream().filter(n -> !n.isEmpty()).count();
        if (named > 0 && named < re.groupNames().size()) {
            throw new EvalException("invalid regular expression pattern: cannot mix both named and unnamed "
                    + "capture groups");
        }
        if (named > 0) {
            Map<String, Value> fields = Value.Values.fields();
            for (int i = 0; i < re.groupNames().size(); i++) {
                fields.put(re.groupNames().get(i), group(m, i + 1));
            }
            return Value.Values.object(fields);
        }
        List<Value> items = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
            items.add(group(m, i));
        }
        return Value.Values.list(items);
    }

    /** Go reports an unmatched optional group as an empty string. */
    private static Value group(MatchResult m, int i) {
        String g = m.group(i);
        return new Value.Str(g == null ? "" : g);
    }

    private static void expand(Re2 re, MatchResult m, String template, StringBuilder out) {
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                continue;
            }
            char n = template.charAt(i + 1);
            if (n == '$') {
                out.append('$');
                i++;
                continue;
            }
            String name;
            int end;
            if (n == '{') {
                int close = template.indexOf('}', i + 2);
                name = close < 0 ? "" : template.substring(i + 2, close);
                end = close;
            } else {
                int j = i + 1;
                while (j < template.length() && isNameChar(template.charAt(j))) {
                    j++;
                }
                name = template.substring(i + 1, j);
                end = j - 1;
            }
            if (name.isEmpty() || !name.chars().allMatch(ch -> isNameChar((char) ch))) {
                out.append('$');
                continue;
            }
            int group = name.chars().allMatch(Character::isDigit) ? parseGroup(name) : re.groupNames().indexOf(name) + 1;
            if (group > 0 && group <= m.groupCount() && m.group(group) != null) {
                out.append(m.group(group));
            } else if (group == 0 && name.equals("0")) {
                out.append(m.group());
            }
            i = end;
        }
    }

    private static int parseGroup(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}

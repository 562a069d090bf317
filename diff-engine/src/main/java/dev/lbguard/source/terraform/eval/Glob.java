package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.value.EvalException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code fileset} patterns, as the doublestar library Terraform uses reads them. */
final class Glob {
    private Glob() {
    }

    /** A regular expression for a pattern; {@code **} as a whole path segment matches any number of them. */
    static Pattern compile(String pattern) throws EvalException {
        List<String> segments = new ArrayList<>();
        for (String s : pattern.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                segments.add(s);
            }
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (s.equals("**")) {
                re.append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }
            segment(s, re);
            if (!last) {
                re.append('/');
            }
        }
        try {
            return Pattern.compile(re.toString());
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new EvalException("failed to glob pattern \"" + pattern + "\": syntax error in pattern");
        }
    }

    private static void segment(String s, StringBuilder re) throws EvalException {
        int alternatives = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '{' -> {
                    alternatives++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (alternatives == 0) {
                        throw new EvalException("failed to glob pattern \"" + s + "\": unbalanced \"}\"");
                    }
                    alternatives--;
                    re.append(')');
                }
                case ',' -> re.append(alternatives > 0 ? "|" : ",");
                case '[' -> {
                    int end = s.indexOf(']', i + 1);
                    if (end < 0) {
                        throw new EvalException("failed to glob pattern \"" + s + "\": unclosed \"[\"");
                    }
                    String body = s.substring(i + 1, end);
                    boolean negated = body.startsWith("!") || body.startsWith("^");
                    re.append(negated ? "[^/" : "[")
                            .append((negated ? body.substring(1) : body).replace("\\", "\\\\").replace("[", "\\["))
                            .append(']');
                    i = end;
                }
                case '\\' -> {
                    if (i + 1 < s.length()) {
                        re.append(Pattern.quote(String.valueOf(s.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (alternatives != 0) {
            throw new EvalException("failed to glob pattern \"" + s + "\": unbalanced \"{\"");
        }
    }
}

package dev.lbguard.source.ansible;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's {@code key=value} shorthand (free-form module arguments, INI inventory lines). */
final class KeyValues {
    private KeyValues() {
    }

    /** Splits on whitespace outside quotes and Jinja braces. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        int braces = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (c == '{') {
                braces++;
                cur.append(c);
            } else if (c == '}') {
                braces = Math.max(0, braces - 1);
                cur.append(c);
            } else if (Character.isWhitespace(c) && braces == 0) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /**
     * Parses {@code src=a.j2 dest=/etc/haproxy/haproxy.cfg}; words without {@code =} are the free-form
     * argument, kept under {@code _raw_params} as Ansible does.
     */
    static Y.Map parse(String s, int line) {
        Map<String, Y> out = new LinkedHashMap<>();
        List<String> raw = new ArrayList<>();
        for (String w : split(s)) {
            int eq = w.indexOf('=');
            if (eq > 0 && w.substring(0, eq).matches("\\w+")) {
                out.put(w.substring(0, eq), new Y.Scalar(unquote(w.substring(eq + 1)), line));
            } else {
                raw.add(w);
            }
        }
        if (!raw.isEmpty()) {
            out.put("_raw_params", new Y.Scalar(String.join(" ", raw), line));
        }
        return new Y.Map(out, line);
    }
}

package dev.lbguard.diff;

import java.util.Collection;
import java.util.stream.Collectors;

/** Writes the JSON literals that {@link AttributeChange} holds; a hand-written writer keeps {@code diff} free of libraries. */
final class Json {
    static final String NULL = "null";

    private Json() {
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String strings(Collection<String> items) {
        return items.stream().map(Json::string).collect(Collectors.joining(",", "[", "]"));
    }

    /** An array of already written literals. */
    static String array(Collection<String> literals) {
        return literals.stream().collect(Collectors.joining(",", "[", "]"));
    }
}

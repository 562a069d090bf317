package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.diff.AttributeValue;
import java.util.Map;
import java.util.stream.Collectors;

/** An attribute's value as reports write it: a JSON node for JSON, a compact JSON literal for text and markdown. */
final class AttributeValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValues() {
    }

    static JsonNode json(AttributeValue v) {
        if (v instanceof AttributeValue.Text t) {
            return NODES.textNode(t.value());
        }
        if (v instanceof AttributeValue.Number n) {
            return n.value() == (int) n.value() ? NODES.numberNode((int) n.value()) : NODES.numberNode(n.value());
        }
        if (v instanceof AttributeValue.Flag f) {
            return NODES.booleanNode(f.value());
        }
        if (v instanceof AttributeValue.Items items) {
            ArrayNode a = NODES.arrayNode();
            items.items().forEach(i -> a.add(json(i)));
            return a;
        }
        if (v instanceof AttributeValue.Fields fields) {
            ObjectNode o = NODES.objectNode();
            fields.fields().forEach((k, f) -> o.set(k, json(f)));
            return o;
        }
        if (v instanceof AttributeValue.Unknown u) {
            return NODES.objectNode().put("unknown", u.reason());
        }
        return NODES.nullNode();
    }

    /** Typed, so that {@code 10}, {@code "10"} and {@code null} read apart, e.g. {@code ["a","b"]}. */
    static String literal(AttributeValue v) {
        if (v instanceof AttributeValue.Text t) {
            return string(t.value());
        }
        if (v instanceof AttributeValue.Number n) {
            return Long.toString(n.value());
        }
        if (v instanceof AttributeValue.Flag f) {
            return Boolean.toString(f.value());
        }
        if (v instanceof AttributeValue.Items items) {
            return items.items().stream().map(AttributeValues::literal).collect(Collectors.joining(",", "[", "]"));
        }
        if (v instanceof AttributeValue.Fields fields) {
            return fields.fields().entrySet().stream().map(AttributeValues::field)
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (v instanceof AttributeValue.Unknown u) {
            return "(unknown: " + u.reason() + ")";
        }
        return "null";
    }

    private static String field(Map.Entry<String, AttributeValue> e) {
        return string(e.getKey()) + ":" + literal(e.getValue());
    }

    private static String string(String s) {
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
}

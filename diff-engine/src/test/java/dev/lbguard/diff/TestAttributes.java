package dev.lbguard.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Attribute changes written as JSON literals in tests ({@code "10"}, {@code "[\"a\"]"}, {@code "null"}), which read best. */
final class TestAttributes {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestAttributes() {
    }

    static AttributeChange change(String path, String before, String after) {
        return new AttributeChange(path, value(before), value(after));
    }

    static AttributeValue value(String json) {
        try {
            return value(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static AttributeValue value(JsonNode n) {
        if (n.isTextual()) {
            return AttributeValue.text(n.asText());
        }
        if (n.isIntegralNumber()) {
            return new AttributeValue.Number(n.asLong());
        }
        if (n.isBoolean()) {
            return new AttributeValue.Flag(n.asBoolean());
        }
        if (n.isArray()) {
            List<AttributeValue> items = new ArrayList<>();
            n.forEach(i -> items.add(value(i)));
            return new AttributeValue.Items(items);
        }
        if (n.isObject()) {
            Map<String, AttributeValue> fields = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> fields.put(e.getKey(), value(e.getValue())));
            return new AttributeValue.Fields(fields);
        }
        return AttributeValue.ABSENT;
    }
}

package dev.lbguard.source.terraform.functions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON as {@code jsonencode} writes it (Go's encoding/json: sorted keys, HTML-safe escapes, numbers as cty prints
 * them) and as {@code jsondecode} reads it (objects become objects, arrays tuples).
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    /** The encoding of a wholly known value. */
    public static String encode(Value v) {
        StringBuilder out = new StringBuilder();
        write(v, out);
        return out.toString();
    }

    private static void write(Value v, StringBuilder out) {
        if (v instanceof Value.Str s) {
            out.append(quote(s.value()));
        } else if (v instanceof Value.Num n) {
            out.append(Convert.numberToString(n.value()));
        } else if (v instanceof Value.Bool b) {
            out.append(b.value());
        } else if (v instanceof Value.Null) {
            out.append("null");
        } else if (v instanceof Value.Seq seq) {
            out.append('[');
            for (int i = 0; i < seq.items().size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(seq.items().get(i), out);
            }
            out.append(']');
        } else if (v instanceof Value.Obj o) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> e : o.fields().entrySet()) {
                out.append(first ? "" : ",").append(quote(e.getKey())).append(':');
                write(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("cannot encode an unknown value");
        }
    }

    /** A string quoted as Go's encoding/json does, including its escapes of {@code < > &} and U+2028/U+2029. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static Value decode(String text) throws EvalException {
        JsonNode node;
        try {
            node = dev.lbguard.source.value.JsonNumbers.readTree(MAPPER, text);
        } catch (JsonProcessingException e) {
            throw new EvalException("invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new EvalException("invalid JSON: unexpected end of JSON input");
        }
        return fromNode(node);
    }

    private static Value fromNode(JsonNode n) {
        if (n.isTextual()) {
            return new Value.Str(n.textValue());
        } else if (n.isNumber()) {
            return Convert.num(n.decimalValue());
        } else if (n.isBoolean()) {
            return new Value.Bool(n.booleanValue());
        } else if (n.isNull()) {
            return Value.Values.NULL;
        } else if (n.isArray()) {
            List<Value> items = new ArrayList<>();
            n.forEach(i -> items.add(fromNode(i)));
            return Value.Values.tuple(items);
        }
        Map<String, Value> fields = Value.Values.fields();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            fields.put(e.getKey(), fromNode(e.getValue()));
        }
        return Value.Values.object(fields);
    }
}

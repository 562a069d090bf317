package dev.lbguard.source.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.model.Secrets;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns resource attributes of state, show and plan JSON into {@link Value}s. Secret-named fields
 * ({@code client_secret}, passwords, tokens) are dropped: routing never reads them. What {@code sensitive_attributes}
 * (state) or {@code sensitive_values} (show, plan) marks is kept, as a rule may match on it (a secret header that
 * proves a request came through the CDN), and every string in it is hidden in reports: given to the reading's {@link Secrets.Collector}, it travels on the snapshot read.
 */
final class StateValues {
    private StateValues() {
    }

    /**
     * The attributes, the values at the paths of a state file's {@code sensitive_attributes} made sensitive. Each
     * path is a list of
     * steps such as {@code {"type":"get_attr","value":"client_secret"}} or
     * {@code {"type":"index","value":{"value":0,"type":"number"}}}.
     */
    static Value.Obj fromState(JsonNode attributes, JsonNode sensitiveAttributes, Secrets.Collector sensitive) {
        JsonNode copy = attributes.deepCopy();
        for (JsonNode path : sensitiveAttributes) {
            if (path.isArray()) {
                markPath(copy, path, 0, sensitive);
            }
        }
        return object(copy);
    }

    /** The values, whatever the mirror-shaped {@code sensitive_values} marks {@code true} made sensitive. */
    static Value.Obj fromShow(JsonNode values, JsonNode sensitiveValues, Secrets.Collector sensitive) {
        JsonNode copy = values.deepCopy();
        markMarked(copy, sensitiveValues, sensitive);
        return object(copy);
    }

    private static Value.Obj object(JsonNode node) {
        dropSecretKeys(node);
        Value v = value(node);
        return v instanceof Value.Obj o ? o : Value.Obj.object(Map.of());
    }

    private static void markPath(JsonNode node, JsonNode path, int i, Secrets.Collector sensitive) {
        if (i >= path.size() || node == null) {
            return;
        }
        JsonNode step = path.get(i);
        String type = step.path("type").asText("");
        JsonNode key = step.path("value");
        JsonNode keyValue = key.isObject() ? key.path("value") : key;
        boolean last = i == path.size() - 1;
        if (node instanceof ObjectNode o) {
            String name = keyValue.asText();
            if (!type.equals("get_attr") && !type.equals("index") || !o.has(name)) {
                return;
            }
            if (last) {
                strings(o.get(name), sensitive);
            } else {
                markPath(o.get(name), path, i + 1, sensitive);
            }
        } else if (node instanceof ArrayNode a && keyValue.canConvertToInt()) {
            int index = keyValue.asInt();
            if (index < 0 || index >= a.size()) {
                return;
            }
            if (last) {
                strings(a.get(index), sensitive);
            } else {
                markPath(a.get(index), path, i + 1, sensitive);
            }
        } else if (node instanceof ArrayNode a) {
            // A set element is addressed by its value, which Terraform cannot name: the whole set is sensitive.
            strings(a, sensitive);
        }
    }

    private static void markMarked(JsonNode node, JsonNode marks, Secrets.Collector sensitive) {
        if (node instanceof ObjectNode o && marks instanceof ObjectNode m) {
            List<String> names = new ArrayList<>();
            m.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode mark = m.get(name);
                if (mark.isBoolean() && mark.booleanValue()) {
                    strings(o.get(name), sensitive);
                } else if (o.has(name)) {
                    markMarked(o.get(name), mark, sensitive);
                }
            }
        } else if (node instanceof ArrayNode a && marks instanceof ArrayNode m) {
            for (int i = 0; i < Math.min(a.size(), m.size()); i++) {
                JsonNode mark = m.get(i);
                if (mark.isBoolean() && mark.booleanValue()) {
                    strings(a.get(i), sensitive);
                } else {
                    markMarked(a.get(i), mark, sensitive);
                }
            }
        }
    }

    /** Gives every string inside a JSON value to {@code sensitive}. */
    private static void strings(JsonNode node, Secrets.Collector sensitive) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            sensitive.add(node.asText());
        } else {
            node.forEach(child -> strings(child, sensitive));
        }
    }

    /** Names that always hold secrets, whatever the file marks: removed even from a state that forgot to mark them. */
    static boolean isSecretName(String name) {
        String n = Secrets.snakeCase(name).toLowerCase(Locale.ROOT);
        return n.equals("client_secret") || n.endsWith("_secret") || n.equals("password") || n.endsWith("_password")
                || n.equals("token") || n.endsWith("_token") || n.equals("private_key") || n.equals("secret_key");
    }

    private static void dropSecretKeys(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (isSecretName(name)) {
                    o.remove(name);
                } else {
                    dropSecretKeys(o.get(name));
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(StateValues::dropSecretKeys);
        }
    }

    static Value value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Value.Values.NULL;
        } else if (n.isTextual()) {
            return new Value.Str(n.textValue());
        } else if (n.isNumber()) {
            return new Value.Num(n.decimalValue());
        } else if (n.isBoolean()) {
            return new Value.Bool(n.booleanValue());
        } else if (n.isArray()) {
            List<Value> items = new ArrayList<>();
            n.forEach(i -> items.add(value(i)));
            return Value.Values.list(items);
        }
        Map<String, Value> fields = Value.Values.fields();
        n.fields().forEachRemaining(e -> fields.put(e.getKey(), value(e.getValue())));
        return Value.Obj.object(fields);
    }

    /**
     * {@code v} with every value that the mirror-shaped {@code after_unknown} of a plan marks {@code true} made
     * unknown (plans leave such values out): what the next apply will only learn, such as a new target group's ARN.
     */
    static Value markUnknown(Value v, JsonNode marks) {
        if (marks.isBoolean() && marks.booleanValue()) {
            return Value.Unknown.unevaluable("known after apply");
        }
        if (marks.isObject()) {
            Map<String, Value> fields = Value.Values.fields();
            if (v instanceof Value.Obj o) {
                fields.putAll(o.fields());
            }
            marks.fields().forEachRemaining(e -> {
                Value now = fields.getOrDefault(e.getKey(), Value.Values.NULL);
                Value marked = markUnknown(now, e.getValue());
                if (marked != now) {
                    fields.put(e.getKey(), marked);
                }
            });
            return v instanceof Value.Obj o && fields.equals(o.fields()) ? v : Value.Obj.object(fields);
        }
        if (marks.isArray() && v instanceof Value.Seq seq) {
            List<Value> items = new ArrayList<>(seq.items());
            boolean changed = false;
            for (int i = 0; i < Math.min(items.size(), marks.size()); i++) {
                Value marked = markUnknown(items.get(i), marks.get(i));
                changed |= marked != items.get(i);
                items.set(i, marked);
            }
            return changed ? new Value.Seq(seq.kind(), items) : v;
        }
        return v;
    }
}

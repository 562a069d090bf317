package dev.lbguard.source.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Value} in the shape of {@code terraform show -json} values. A known-after-apply
 * reference becomes {@code {"ref": "aws_lb_target_group.web", "attribute": "arn"}}; a value lbguard
 * could not evaluate becomes {@code {"unknown": "<reason>"}}.
 */
public final class ValueJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ValueJson() {
    }

    public static JsonNode toJson(Value v) {
        if (v instanceof Value.Str s) {
            return F.textNode(s.value());
        } else if (v instanceof Value.Num n) {
            return F.numberNode(n.value().stripTrailingZeros().scale() <= 0
                    ? new java.math.BigDecimal(n.value().toBigIntegerExact()) : n.value());
        } else if (v instanceof Value.Bool b) {
            return F.booleanNode(b.value());
        } else if (v instanceof Value.Null) {
            return F.nullNode();
        } else if (v instanceof Value.Seq seq) {
            ArrayNode a = F.arrayNode();
            seq.items().forEach(i -> a.add(toJson(i)));
            return a;
        } else if (v instanceof Value.Obj o) {
            ObjectNode node = F.objectNode();
            o.fields().forEach((k, val) -> node.set(k, toJson(val)));
            return node;
        } else if (v instanceof Value.Unknown u) {
            ObjectNode node = F.objectNode();
            if (u.isReference()) {
                node.put("ref", u.ref());
                if (!u.attribute().isEmpty()) {
                    node.put("attribute", u.attribute());
                }
            } else {
                node.put("unknown", u.reason());
            }
            return node;
        }
        throw new IllegalStateException("unhandled value " + v);
    }

    /** A path inside a value that lbguard could not evaluate, and why. */
    public record UnevaluatedPath(String path, String reason) {
    }

    /** Every path (e.g. {@code action[0].forward[0].target_group}) whose value could not be evaluated. */
    public static List<UnevaluatedPath> unevaluated(Value v) {
        return unknowns(v, u -> !u.isReference());
    }

    /** Every path whose value is an unknown {@code which} accepts, with the unknown's reason or reference. */
    public static List<UnevaluatedPath> unknowns(Value v, java.util.function.Predicate<Value.Unknown> which) {
        List<UnevaluatedPath> out = new ArrayList<>();
        collect(new StringBuilder(), v, which, out);
        return out;
    }

    // One builder, cut back after each child: a path is spelled only where something is unevaluated, which is
    // rare, while every load-balancer value of every evaluation is walked.
    private static void collect(StringBuilder path, Value v, java.util.function.Predicate<Value.Unknown> which,
                                List<UnevaluatedPath> out) {
        int length = path.length();
        if (v instanceof Value.Unknown u) {
            if (which.test(u)) {
                out.add(new UnevaluatedPath(path.toString(), !u.isReference() ? u.reason()
                        : u.attribute().isEmpty() ? u.ref() : u.ref() + "." + u.attribute()));
            }
        } else if (v instanceof Value.Seq seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                collect(path.append('[').append(i).append(']'), seq.items().get(i), which, out);
                path.setLength(length);
            }
        } else if (v instanceof Value.Obj o) {
            for (Map.Entry<String, Value> e : o.fields().entrySet()) {
                collect((length == 0 ? path : path.append('.')).append(e.getKey()), e.getValue(), which, out);
                path.setLength(length);
            }
        }
    }
}

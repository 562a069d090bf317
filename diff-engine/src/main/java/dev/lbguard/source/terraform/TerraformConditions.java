package dev.lbguard.source.terraform;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.QueryPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the {@code condition} blocks of an {@code aws_lb_listener_rule} into model conditions. */
final class TerraformConditions {
    private TerraformConditions() {
    }

    private static final List<String> BODIES = List.of(
            "host_header", "http_header", "http_request_method", "path_pattern", "query_string", "source_ip");

    static List<Condition> read(ResourceInstance rule, List<Diagnostic> diagnostics) {
        SourceRef at = rule.attributeSources().getOrDefault("condition", rule.source());
        Value all = rule.attributes().get("condition");
        List<Condition> out = new ArrayList<>();
        Optional<String> unknownBlock = TfValues.unknownIn(all);
        if (unknownBlock.isPresent()) {
            // We cannot tell what the condition tests; a typeless unknown condition still makes every
            // request that passes the other conditions unknown, which is the honest answer.
            out.add(Condition.pathPattern().withUnknown("condition blocks: " + unknownBlock.get()));
            diagnostics.add(Diagnostic.error("tf-unknown-condition",
                    rule.address() + ": a condition block could not be evaluated: " + unknownBlock.get(), at));
        }
        for (Value.Obj block : TfValues.blocks(all)) {
            List<Condition> read = readBlock(block);
            if (read.isEmpty()) {
                diagnostics.add(Diagnostic.error("tf-empty-condition",
                        rule.address() + ": a condition block sets no condition", at));
                out.add(Condition.pathPattern().withUnknown("empty condition block"));
            }
            for (Condition c : read) {
                c.unknownReason().ifPresent(why -> diagnostics.add(Diagnostic.error("tf-unknown-condition",
                        rule.address() + ": " + c.type().label() + " values could not be evaluated: " + why, at)));
                out.add(c);
            }
        }
        return out;
    }

    private static List<Condition> readBlock(Value.Obj block) {
        List<Condition> out = new ArrayList<>();
        // Provider 1.x wrote `field = "path-pattern"` and `values = [...]` directly in the condition block.
        Optional<String> field = TfValues.str(block.get("field"));
        if (field.isPresent()) {
            ConditionType.fromLabel(field.get()).ifPresentOrElse(
                    t -> out.add(values(t, "", block.get("values"))),
                    () -> out.add(Condition.pathPattern().withUnknown("unknown field " + field.get())));
        } else if (TfValues.isUnknown(block.get("field"))) {
            out.add(Condition.pathPattern().withUnknown("field " + TfValues.display(block.get("field")).orElse("")));
        }
        for (String body : BODIES) {
            Value v = block.get(body);
            ConditionType type = ConditionType.fromLabel(body).orElseThrow();
            Optional<String> unknown = TfValues.unknownIn(v);
            List<Value.Obj> inner = TfValues.blocks(v);
            if (type == ConditionType.QUERY_STRING) {
                if (!inner.isEmpty() || unknown.isPresent()) {
                    out.add(query(inner, unknown));
                }
                continue;
            }
            if (unknown.isPresent()) {
                out.add(typed(type, "?", List.of()).withUnknown(unknown.get()));
            }
            for (Value.Obj o : inner) {
                String header = type == ConditionType.HTTP_HEADER
                        ? TfValues.display(o.get("http_header_name")).filter(s -> !s.isEmpty()).orElse("?") : "";
                Condition c = values(type, header, o.get("values"));
                if (type == ConditionType.HTTP_HEADER && TfValues.isUnknown(o.get("http_header_name"))) {
                    c = c.withUnknown("header name " + header);
                }
                if (!TfValues.strings(o.get("regex_values")).known().isEmpty()) {
                    // Newer providers accept regex_values; lbguard does not evaluate regexes yet.
                    c = c.withUnknown("regex_values are not supported");
                }
                out.add(c);
            }
        }
        return out;
    }

    private static Condition values(ConditionType type, String header, Value values) {
        TfValues.Strings s = TfValues.strings(values);
        Condition c = typed(type, header, s.known());
        return s.unknown().map(c::withUnknown).orElse(c);
    }

    private static Condition typed(ConditionType type, String header, List<String> values) {
        return type == ConditionType.HTTP_HEADER
                ? Condition.httpHeader(header.isEmpty() ? "?" : header, values.toArray(String[]::new))
                : Condition.of(type, values);
    }

    private static Condition query(List<Value.Obj> pairs, Optional<String> unknownBlock) {
        List<QueryPair> known = new ArrayList<>();
        Optional<String> unknown = unknownBlock;
        for (Value.Obj p : pairs) {
            Value key = p.get("key");
            Value value = p.get("value");
            if (TfValues.isUnknown(key) || TfValues.isUnknown(value)) {
                unknown = unknown.or(() -> TfValues.display(TfValues.isUnknown(key) ? key : value));
                continue;
            }
            known.add(new QueryPair(TfValues.str(key), TfValues.str(value).orElse("")));
        }
        Condition c = Condition.queryString(known.toArray(QueryPair[]::new));
        return unknown.map(c::withUnknown).orElse(c);
    }
}

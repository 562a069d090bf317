package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.model.AclExpr;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleMatch;
import java.util.List;
import java.util.stream.Collectors;

/** How reports write a rule's conditions, in text ("host-header api.shop.test AND path-pattern /v2/*") and JSON. */
public final class Conditions {
    private Conditions() {
    }

    /** A rule's match: its ALB conditions, or its HAProxy ACL expression as HAProxy would write it. */
    public static String text(Rule rule) {
        if (rule.match() instanceof RuleMatch.Acl haproxy) {
            return haproxy.expression().equals(AclExpr.TRUE) ? "(every request)" : haproxy.expression().toString();
        }
        return text(rule.conditions());
    }

    /**
     * Puts a rule's match into a report's JSON object: {@code conditions} (an empty array for an HAProxy rule)
     * and, for an HAProxy rule, its ACL {@code expression} as text.
     */
    public static void json(ObjectNode into, Rule rule) {
        into.set("conditions", json(rule.conditions()));
        if (rule.match() instanceof RuleMatch.Acl haproxy) {
            into.put("expression", haproxy.expression().toString());
        }
    }

    public static String text(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return "(every request)";
        }
        return conditions.stream().map(Conditions::one).collect(Collectors.joining(" AND "));
    }

    private static String one(Condition c) {
        String values = c.type() == ConditionType.QUERY_STRING
                ? c.queryPairs().stream().map(Conditions::pair).collect(Collectors.joining(" | "))
                : String.join(" | ", c.values());
        String head = c.type() == ConditionType.HTTP_HEADER ? c.type().label() + " " + c.headerName() : c.type().label();
        return head + " " + (c.size() > 1 ? "(" + values + ")" : values)
                + c.unknownReason().map(r -> " [unknown: " + r + "]").orElse("");
    }

    private static String pair(QueryPair p) {
        return p.key().map(k -> k + "=").orElse("") + p.value();
    }

    private static ArrayNode json(List<Condition> conditions) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Condition c : conditions) {
            ObjectNode n = a.addObject();
            n.put("type", c.type().label());
            if (c.type() == ConditionType.HTTP_HEADER) {
                n.put("headerName", c.headerName());
            }
            if (c.type() == ConditionType.QUERY_STRING) {
                ArrayNode pairs = n.putArray("values");
                for (QueryPair p : c.queryPairs()) {
                    ObjectNode pn = pairs.addObject();
                    p.key().ifPresent(k -> pn.put("key", k));
                    pn.put("value", p.value());
                }
            } else {
                ArrayNode values = n.putArray("values");
                c.values().forEach(values::add);
            }
            c.unknownReason().ifPresent(r -> n.put("unknown", r));
        }
        return a;
    }
}

package dev.lbguard.diff;

import dev.lbguard.model.Authenticate;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One element's content flattened to attribute paths ({@code priority}, {@code conditions[host-header].values},
 * {@code action.forward.targets[shop-api].weight}, ...). Identity and source are never part of it. An absent
 * attribute has no path, so it compares as {@code null} against a present one.
 */
final class Attributes {
    /**
     * One attribute's value: {@code json} as the element's own snapshot says it, {@code compared} with
     * references to renamed elements replaced by their head identity, so that a rename does not ripple into
     * every element that points at the renamed one.
     */
    record Value(String json, String compared) {
    }

    private final RoutingSnapshot snapshot;
    private final UnaryOperator<ElementId> renamed;
    private final SortedMap<String, Value> out = new TreeMap<>();

    private Attributes(RoutingSnapshot snapshot, UnaryOperator<ElementId> renamed) {
        this.snapshot = snapshot;
        this.renamed = renamed;
    }

    static SortedMap<String, Value> loadBalancer(RoutingSnapshot s, LoadBalancer lb) {
        Attributes a = new Attributes(s, UnaryOperator.identity());
        a.put("name", Json.string(lb.name()));
        a.put("type", Json.string(lb.type().label()));
        a.put("internal", Boolean.toString(lb.internal()));
        return a.out;
    }

    static SortedMap<String, Value> listener(RoutingSnapshot s, UnaryOperator<ElementId> renamed, ElementId lb,
                                             Listener l) {
        Attributes a = new Attributes(s, renamed);
        a.ref("loadBalancer", lb);
        a.put("protocol", Json.string(l.protocol()));
        a.put("port", Integer.toString(l.port()));
        l.sslPolicy().ifPresent(p -> a.put("sslPolicy", Json.string(p)));
        a.put("certificates", Json.strings(l.certificates()));
        a.action("defaultAction", l.defaultAction());
        return a.out;
    }

    static SortedMap<String, Value> rule(RoutingSnapshot s, UnaryOperator<ElementId> renamed, ElementId listener,
                                         Rule r) {
        Attributes a = new Attributes(s, renamed);
        a.ref("listener", listener);
        // Only the number routes: an assigned priority equal to a written one is no change.
        a.put("priority", r.priority().isKnown() ? Integer.toString(r.priority().value()) : Json.string("(unknown)"));
        Map<String, Integer> seen = new HashMap<>();
        for (Condition c : r.conditions()) {
            // Header names match without regard to case, so the key ignores it; a second condition of the same
            // key (several http-header or query-string blocks) is numbered from 2.
            String key = c.type().label() + (c.headerName().isEmpty() ? "" : ":" + c.headerName().toLowerCase(Locale.ROOT));
            int n = seen.merge(key, 1, Integer::sum);
            String path = "conditions[" + key + (n == 1 ? "" : "#" + n) + "]";
            a.put(path + ".values", c.type() == ConditionType.QUERY_STRING
                    ? Json.array(c.queryPairs().stream().map(Attributes::queryPair).toList())
                    : Json.strings(c.values()));
            c.unknownReason().ifPresent(why -> a.put(path + ".unknown", Json.string(why)));
        }
        a.action("action", r.action());
        return a.out;
    }

    static SortedMap<String, Value> targetGroup(RoutingSnapshot s, TargetGroup tg) {
        Attributes a = new Attributes(s, UnaryOperator.identity());
        a.put("name", Json.string(tg.name()));
        a.put("protocol", Json.string(tg.protocol()));
        a.put("port", Integer.toString(tg.port()));
        a.put("targetType", Json.string(tg.targetType()));
        HealthCheck h = tg.healthCheck();
        a.put("healthCheck.enabled", Boolean.toString(h.enabled()));
        a.put("healthCheck.protocol", Json.string(h.protocol()));
        a.put("healthCheck.port", Json.string(h.port()));
        a.put("healthCheck.path", Json.string(h.path()));
        a.put("healthCheck.matcher", Json.string(h.matcher()));
        a.put("healthCheck.intervalSeconds", Integer.toString(h.intervalSeconds()));
        a.put("healthCheck.timeoutSeconds", Integer.toString(h.timeoutSeconds()));
        a.put("healthCheck.healthyThreshold", Integer.toString(h.healthyThreshold()));
        a.put("healthCheck.unhealthyThreshold", Integer.toString(h.unhealthyThreshold()));
        return a.out;
    }

    static SortedMap<String, Value> target(RoutingSnapshot s, UnaryOperator<ElementId> renamed, ElementId targetGroup,
                                           Target t) {
        Attributes a = new Attributes(s, renamed);
        a.ref("targetGroup", targetGroup);
        a.put("targetId", Json.string(t.targetId()));
        t.port().ifPresent(p -> a.put("port", Integer.toString(p)));
        // Only sources that weigh targets (HAProxy's config and Runtime API) fix a weight and an administrative
        // state both in git and live; health is not configuration, so it is a finding (LBG015), never a change.
        t.status().filter(st -> st.weight().isPresent()).ifPresent(st -> {
            a.put("weight", Integer.toString(st.weight().getAsInt()));
            a.put("adminState", Json.string(switch (st.state()) {
                case MAINTENANCE -> "maint";
                case DRAINING -> "drain";
                default -> "ready";
            }));
        });
        return a.out;
    }

    private void put(String path, String json) {
        out.put(path, new Value(json, json));
    }

    private void ref(String path, ElementId id) {
        out.put(path, new Value(Json.string(id.value()), Json.string(renamed.apply(id).value())));
    }

    private void action(String prefix, RuleAction action) {
        for (Authenticate step : action.authenticate()) {
            String p = prefix + ".authenticate[" + step.order() + "]";
            put(p + ".type", Json.string(step.kind().label()));
            step.settings().forEach((k, v) -> put(p + ".settings." + k, Json.string(v)));
        }
        action.terminal().accept(new RouteAction.Visitor<Void>() {
            @Override
            public Void forward(RouteAction.Forward f) {
                put(prefix + ".type", Json.string("forward"));
                Map<String, Integer> seen = new HashMap<>();
                for (WeightedTarget t : f.targets()) {
                    // Keyed by the target group's name (CONTRACT.md), which survives a rename of its address.
                    String name = snapshot.targetGroupName(t.targetGroup());
                    int n = seen.merge(name, 1, Integer::sum);
                    String p = prefix + ".forward.targets[" + name + (n == 1 ? "" : "#" + n) + "]";
                    put(p + ".weight", Integer.toString(t.weight()));
                    ref(p + ".targetGroup", t.targetGroup());
                    t.unresolved().ifPresent(why -> put(p + ".unresolved", Json.string(why)));
                }
                f.stickiness().ifPresent(s -> put(prefix + ".forward.stickiness.durationSeconds",
                        Integer.toString(s.durationSeconds())));
                return null;
            }

            @Override
            public Void redirect(RouteAction.Redirect r) {
                put(prefix + ".type", Json.string("redirect"));
                put(prefix + ".redirect.protocol", Json.string(r.protocol()));
                put(prefix + ".redirect.port", Json.string(r.port()));
                put(prefix + ".redirect.host", Json.string(r.host()));
                put(prefix + ".redirect.path", Json.string(r.path()));
                put(prefix + ".redirect.query", Json.string(r.query()));
                put(prefix + ".redirect.statusCode", Json.string(r.statusCode()));
                return null;
            }

            @Override
            public Void fixedResponse(RouteAction.FixedResponse r) {
                put(prefix + ".type", Json.string("fixed-response"));
                put(prefix + ".fixedResponse.statusCode", Json.string(r.statusCode()));
                put(prefix + ".fixedResponse.contentType", Json.string(r.contentType()));
                put(prefix + ".fixedResponse.body", Json.string(r.body()));
                return null;
            }

            @Override
            public Void unresolved(RouteAction.Unresolved u) {
                put(prefix + ".type", Json.string("unknown"));
                put(prefix + ".unknown", Json.string(u.reason()));
                return null;
            }
        });
    }

    private static String queryPair(QueryPair p) {
        return p.key().map(k -> "{\"key\":" + Json.string(k) + ",\"value\":" + Json.string(p.value()) + "}")
                .orElse("{\"value\":" + Json.string(p.value()) + "}");
    }
}

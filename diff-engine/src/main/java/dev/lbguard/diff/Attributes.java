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
import dev.lbguard.model.RuleMatch;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One element's content flattened to attribute paths ({@code priority}, {@code conditions[host-header].values},
 * {@code action.forward.targets[shop-api].weight}, ...). Identity and source are never part of it. An absent
 * attribute has no path, so it compares as {@code null} against a present one.
 */
final class Attributes {
    /**
     * One attribute's value: {@code shown} as the element's own snapshot says it, {@code compared} with
     * references to renamed elements replaced by their head identity, so that a rename does not ripple into
     * every element that points at the renamed one.
     */
    record Value(AttributeValue shown, AttributeValue compared) {
    }

    private final Function<ElementId, String> names;
    private final UnaryOperator<ElementId> renamed;
    private final SortedMap<String, Value> out = new TreeMap<>();

    /** @param names the name of a target group in the element's snapshot ({@link RoutingSnapshot#targetGroupName}) */
    private Attributes(Function<ElementId, String> names, UnaryOperator<ElementId> renamed) {
        this.names = names;
        this.renamed = renamed;
    }

    static SortedMap<String, Value> loadBalancer(Function<ElementId, String> s, LoadBalancer lb) {
        Attributes a = new Attributes(s, UnaryOperator.identity());
        a.put("name", AttributeValue.text(lb.name()));
        a.put("type", AttributeValue.text(lb.type().label()));
        a.put("internal", flag(lb.internal()));
        return a.out;
    }

    static SortedMap<String, Value> listener(Function<ElementId, String> s, UnaryOperator<ElementId> renamed,
                                             ElementId lb, Listener l) {
        Attributes a = new Attributes(s, renamed);
        a.ref("loadBalancer", lb);
        a.put("protocol", AttributeValue.text(l.protocol()));
        a.put("port", number(l.port()));
        l.sslPolicy().ifPresent(p -> a.put("sslPolicy", AttributeValue.text(p)));
        a.put("certificates", AttributeValue.texts(l.certificates()));
        a.action("defaultAction", l.defaultAction());
        return a.out;
    }

    static SortedMap<String, Value> rule(Function<ElementId, String> s, UnaryOperator<ElementId> renamed,
                                         ElementId listener, Rule r) {
        Attributes a = new Attributes(s, renamed);
        a.ref("listener", listener);
        // Only the number routes: an assigned priority equal to a written one is no change.
        a.put("priority", r.priority().isKnown() ? number(r.priority().value())
                : new AttributeValue.Unknown("priority could not be evaluated"));
        if (r.match() instanceof RuleMatch.Conditions alb) {
            conditions(a, alb.conditions());
        }
        // An HAProxy rule's ACL expression is no attribute: the route diff compares what it matches.
        a.action("action", r.action());
        return a.out;
    }

    private static void conditions(Attributes a, List<Condition> conditions) {
        Map<String, Integer> seen = new HashMap<>();
        for (Condition c : conditions) {
            // Header names match without regard to case, so the key ignores it; a second condition of the same
            // key (several http-header or query-string blocks) is numbered from 2.
            String key = c.type().label() + (c.headerName().isEmpty() ? "" : ":" + c.headerName().toLowerCase(Locale.ROOT));
            int n = seen.merge(key, 1, Integer::sum);
            String path = "conditions[" + key + (n == 1 ? "" : "#" + n) + "]";
            a.put(path + ".values", c.type() == ConditionType.QUERY_STRING
                    ? new AttributeValue.Items(c.queryPairs().stream().map(Attributes::queryPair).toList())
                    : AttributeValue.texts(c.values()));
            c.unknownReason().ifPresent(why -> a.put(path + ".unknown", AttributeValue.text(why)));
        }
    }

    static SortedMap<String, Value> targetGroup(Function<ElementId, String> s, TargetGroup tg) {
        Attributes a = new Attributes(s, UnaryOperator.identity());
        a.put("name", AttributeValue.text(tg.name()));
        a.put("protocol", AttributeValue.text(tg.protocol()));
        a.put("port", number(tg.port()));
        a.put("targetType", AttributeValue.text(tg.targetType()));
        HealthCheck h = tg.healthCheck();
        a.healthCheck("enabled", h, flag(h.enabled()));
        a.healthCheck("protocol", h, AttributeValue.text(h.protocol()));
        a.healthCheck("port", h, AttributeValue.text(h.port()));
        a.healthCheck("path", h, AttributeValue.text(h.path()));
        a.healthCheck("matcher", h, AttributeValue.text(h.matcher()));
        a.healthCheck("intervalSeconds", h, number(h.intervalSeconds()));
        a.healthCheck("timeoutSeconds", h, number(h.timeoutSeconds()));
        a.healthCheck("healthyThreshold", h, number(h.healthyThreshold()));
        a.healthCheck("unhealthyThreshold", h, number(h.unhealthyThreshold()));
        return a.out;
    }

    private void healthCheck(String setting, HealthCheck h, AttributeValue known) {
        String reason = h.unknown().get(setting);
        put("healthCheck." + setting, reason == null ? known : new AttributeValue.Unknown(reason));
    }

    static SortedMap<String, Value> target(Function<ElementId, String> s, UnaryOperator<ElementId> renamed,
                                           ElementId targetGroup, Target t) {
        Attributes a = new Attributes(s, renamed);
        a.ref("targetGroup", targetGroup);
        a.put("targetId", AttributeValue.text(t.targetId()));
        t.port().ifPresent(p -> a.put("port", number(p)));
        // Only sources that weigh targets (HAProxy's config and Runtime API) fix a weight and an administrative
        // state both in git and live; health is not configuration, so it is a finding (LBG015), never a change.
        t.status().filter(st -> st.weight().isPresent()).ifPresent(st -> {
            a.put("weight", number(st.weight().getAsInt()));
            a.put("adminState", AttributeValue.text(switch (st.state()) {
                case MAINTENANCE -> "maint";
                case DRAINING -> "drain";
                default -> "ready";
            }));
        });
        return a.out;
    }

    private void put(String path, AttributeValue value) {
        out.put(path, new Value(value, value));
    }

    private static AttributeValue number(long n) {
        return new AttributeValue.Number(n);
    }

    private static AttributeValue flag(boolean b) {
        return new AttributeValue.Flag(b);
    }

    private void ref(String path, ElementId id) {
        out.put(path, new Value(AttributeValue.text(id.value()), AttributeValue.text(renamed.apply(id).value())));
    }

    private void action(String prefix, RuleAction action) {
        for (Authenticate step : action.authenticate()) {
            String p = prefix + ".authenticate[" + step.order() + "]";
            put(p + ".type", AttributeValue.text(step.kind().label()));
            step.settings().forEach((k, v) -> put(p + ".settings." + k, AttributeValue.text(v)));
        }
        action.terminal().accept(new RouteAction.Visitor<Void>() {
            @Override
            public Void forward(RouteAction.Forward f) {
                put(prefix + ".type", AttributeValue.text("forward"));
                Map<String, Integer> seen = new HashMap<>();
                for (WeightedTarget t : f.targets()) {
                    // Keyed by the target group's name (CONTRACT.md), which survives a rename of its address.
                    String name = names.apply(t.targetGroup());
                    int n = seen.merge(name, 1, Integer::sum);
                    String p = prefix + ".forward.targets[" + name + (n == 1 ? "" : "#" + n) + "]";
                    put(p + ".weight", number(t.weight()));
                    ref(p + ".targetGroup", t.targetGroup());
                    t.unresolved().ifPresent(why -> put(p + ".unresolved", AttributeValue.text(why)));
                }
                f.stickiness().ifPresent(s -> put(prefix + ".forward.stickiness.durationSeconds",
                        number(s.durationSeconds())));
                return null;
            }

            @Override
            public Void redirect(RouteAction.Redirect r) {
                put(prefix + ".type", AttributeValue.text("redirect"));
                put(prefix + ".redirect.protocol", AttributeValue.text(r.protocol()));
                put(prefix + ".redirect.port", AttributeValue.text(r.port()));
                put(prefix + ".redirect.host", AttributeValue.text(r.host()));
                put(prefix + ".redirect.path", AttributeValue.text(r.path()));
                put(prefix + ".redirect.query", AttributeValue.text(r.query()));
                put(prefix + ".redirect.statusCode", AttributeValue.text(r.statusCode()));
                return null;
            }

            @Override
            public Void fixedResponse(RouteAction.FixedResponse r) {
                put(prefix + ".type", AttributeValue.text("fixed-response"));
                put(prefix + ".fixedResponse.statusCode", AttributeValue.text(r.statusCode()));
                put(prefix + ".fixedResponse.contentType", AttributeValue.text(r.contentType()));
                put(prefix + ".fixedResponse.body", AttributeValue.text(r.body()));
                return null;
            }

            @Override
            public Void unresolved(RouteAction.Unresolved u) {
                put(prefix + ".type", AttributeValue.text("unknown"));
                put(prefix + ".unknown", AttributeValue.text(u.reason()));
                return null;
            }
        });
    }

    private static AttributeValue queryPair(QueryPair p) {
        Map<String, AttributeValue> fields = new java.util.LinkedHashMap<>();
        p.key().ifPresent(k -> fields.put("key", AttributeValue.text(k)));
        fields.put("value", AttributeValue.text(p.value()));
        return new AttributeValue.Fields(fields);
    }
}

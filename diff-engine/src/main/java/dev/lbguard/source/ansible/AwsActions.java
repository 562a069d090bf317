package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Authenticate;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Stickiness;
import dev.lbguard.model.WeightedTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the boto3-shaped (CamelCase) {@code Conditions} and {@code Actions} of the Ansible ELB modules into
 * model conditions and actions (DOMAIN section 5). Legacy {@code Values} and {@code *Config.Values} mean the
 * same thing; {@code TargetGroupName}, {@code TargetGroupArn} and a one-group {@code ForwardConfig} all become
 * one weighted list.
 */
final class AwsActions {
    private static final Pattern TG_ARN = Pattern.compile("targetgroup/([^/]+)(/|$)");
    private static final Map<ConditionType, String> CONFIG = Map.of(
            ConditionType.HOST_HEADER, "HostHeaderConfig",
            ConditionType.PATH_PATTERN, "PathPatternConfig",
            ConditionType.HTTP_HEADER, "HttpHeaderConfig",
            ConditionType.HTTP_REQUEST_METHOD, "HttpRequestMethodConfig",
            ConditionType.QUERY_STRING, "QueryStringConfig",
            ConditionType.SOURCE_IP, "SourceIpConfig");

    /** Finds a managed target group by name: its id, or why it is not there. */
    interface TargetGroups {
        Optional<ElementId> byName(String name);

        Optional<String> whyMissing(String name);
    }

    private final TargetGroups groups;
    private final List<Diagnostic> diagnostics;
    private final Function<Integer, SourceRef> at;

    AwsActions(TargetGroups groups, List<Diagnostic> diagnostics, Function<Integer, SourceRef> at) {
        this.groups = groups;
        this.diagnostics = diagnostics;
        this.at = at;
    }

    List<Condition> conditions(Y list, String owner) {
        List<Condition> out = new ArrayList<>();
        for (Y c : Y.items(list)) {
            Optional<String> field = Y.text(c, "Field");
            Optional<ConditionType> type = field.flatMap(ConditionType::fromLabel);
            if (type.isEmpty()) {
                String why = field.map(f -> "unknown condition field " + f).orElse("condition without a Field");
                diagnostics.add(Diagnostic.error("ansible-unknown-condition-field", owner + ": " + why, at.apply(c.line())));
                out.add(Condition.pathPattern().withUnknown(why));
                continue;
            }
            Y config = Y.field(c, CONFIG.get(type.get())).orElse(Y.emptyMap(c.line()));
            if (type.get() == ConditionType.QUERY_STRING) {
                out.add(query(Y.field(config, "Values").orElse(new Y.Null(0))));
                continue;
            }
            // Legacy Values and the *Config block's Values are the same list; AWS takes either.
            Set<String> values = new LinkedHashSet<>();
            Optional<String> unknown = Optional.empty();
            for (Y v : concat(Y.field(c, "Values"), Y.field(config, "Values"))) {
                if (v instanceof Y.Scalar s) {
                    values.add(s.text());
                } else {
                    unknown = unknown.or(() -> Optional.of(v instanceof Y.Unknown u ? u.reason() : "not a string"));
                }
            }
            Condition cond = type.get() == ConditionType.HTTP_HEADER
                    ? Condition.httpHeader(Y.text(config, "HttpHeaderName").orElse("?"), values.toArray(String[]::new))
                    : Condition.of(type.get(), values);
            out.add(unknown.map(cond::withUnknown).orElse(cond));
        }
        return out;
    }

    private static List<Y> concat(Optional<Y> a, Optional<Y> b) {
        List<Y> out = new ArrayList<>();
        a.ifPresent(y -> out.addAll(Y.items(y)));
        b.ifPresent(y -> out.addAll(Y.items(y)));
        return out;
    }

    private static Condition query(Y values) {
        List<QueryPair> pairs = new ArrayList<>();
        Optional<String> unknown = Optional.empty();
        for (Y p : Y.items(values)) {
            Optional<String> v = Y.text(p, "Value");
            if (v.isEmpty() || Y.hasUnknown(p)) {
                unknown = unknown.or(() -> Optional.of("query-string value could not be evaluated"));
                continue;
            }
            pairs.add(new QueryPair(Y.text(p, "Key"), v.get()));
        }
        Condition c = Condition.queryString(pairs.toArray(QueryPair[]::new));
        return unknown.map(c::withUnknown).orElse(c);
    }

    /** The actions of a rule or a listener's {@code DefaultActions}. */
    RuleAction actions(Y list, String owner, int line) {
        List<Y> items = new ArrayList<>(Y.items(list));
        if (items.isEmpty()) {
            return unresolved(owner, line, "no actions");
        }
        Map<Y, Integer> orders = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            orders.put(items.get(i), integer(Y.field(items.get(i), "Order")).orElse(i + 1));
        }
        items.sort(Comparator.comparing(orders::get));
        List<Authenticate> auth = new ArrayList<>();
        List<RouteAction> terminals = new ArrayList<>();
        for (Y a : items) {
            String type = Y.text(a, "Type").orElse("").toLowerCase(Locale.ROOT);
            switch (type) {
                case "forward" -> terminals.add(forward(a, owner));
                case "redirect" -> terminals.add(redirect(Y.field(a, "RedirectConfig").orElse(Y.emptyMap(a.line()))));
                case "fixed-response" -> {
                    Y f = Y.field(a, "FixedResponseConfig").orElse(Y.emptyMap(a.line()));
                    terminals.add(new RouteAction.FixedResponse(Y.text(f, "StatusCode").orElse(""),
                            Y.text(f, "ContentType").orElse(""), Y.text(f, "MessageBody").orElse("")));
                }
                case "authenticate-oidc" -> auth.add(authenticate(Authenticate.Kind.OIDC, orders.get(a),
                        Y.field(a, "AuthenticateOidcConfig")));
                case "authenticate-cognito" -> auth.add(authenticate(Authenticate.Kind.COGNITO, orders.get(a),
                        Y.field(a, "AuthenticateCognitoConfig")));
                default -> {
                    return unresolved(owner, a.line(), Y.field(a, "Type").filter(Y.Unknown.class::isInstance)
                            .map(u -> "action type could not be evaluated").orElse("unknown action type '" + type + "'"));
                }
            }
        }
        if (terminals.isEmpty()) {
            return unresolved(owner, line, "no forward, redirect or fixed-response action");
        }
        if (terminals.size() > 1) {
            diagnostics.add(Diagnostic.warning("ansible-several-terminal-actions", owner
                    + ": more than one terminal action; AWS rejects this, the last one is used", at.apply(line)));
        }
        return new RuleAction(auth, terminals.get(terminals.size() - 1));
    }

    private RuleAction unresolved(String owner, int line, String why) {
        diagnostics.add(Diagnostic.error("ansible-unknown-action", owner + ": " + why, at.apply(line)));
        return RuleAction.of(new RouteAction.Unresolved(why));
    }

    private RouteAction forward(Y a, String owner) {
        Map<String, WeightedTarget> targets = new LinkedHashMap<>();
        Optional<Stickiness> stickiness = Optional.empty();
        Optional<Y> config = Y.field(a, "ForwardConfig");
        if (config.isPresent()) {
            for (Y tg : Y.items(Y.field(config.get(), "TargetGroups").orElse(new Y.Null(0)))) {
                int weight = integer(Y.field(tg, "Weight")).orElse(1);
                WeightedTarget t = target(tg, owner, weight);
                targets.putIfAbsent(t.targetGroup().value(), t);
            }
            Optional<Y> s = Y.field(config.get(), "TargetGroupStickinessConfig");
            if (s.isPresent()) {
                boolean enabled = Y.scalar(Y.field(s.get(), "Enabled").orElse(new Y.Null(0)))
                        .map(AnsibleFilters::truthy).orElse(false);
                stickiness = Optional.of(new Stickiness(enabled, Math.max(0,
                        integer(Y.field(s.get(), "DurationSeconds")).orElse(0))));
            }
        }
        if (Y.field(a, "TargetGroupArn").isPresent() || Y.field(a, "TargetGroupName").isPresent()) {
            WeightedTarget t = target(a, owner, 1);
            if (targets.isEmpty()) {
                targets.put(t.targetGroup().value(), t);
            } else if (!targets.containsKey(t.targetGroup().value())) {
                diagnostics.add(Diagnostic.warning("ansible-forward-conflict", owner + ": " + t.targetGroup()
                        + " is not among the ForwardConfig target groups, which are used", at.apply(a.line())));
            }
        }
        if (targets.isEmpty()) {
            diagnostics.add(Diagnostic.error("ansible-unknown-action", owner + ": forward names no target group",
                    at.apply(a.line())));
            return new RouteAction.Unresolved("forward names no target group");
        }
        return new RouteAction.Forward(new ArrayList<>(targets.values()), stickiness);
    }

    /** Links {@code TargetGroupName} or {@code TargetGroupArn} to a target group of the snapshot. */
    private WeightedTarget target(Y ref, String owner, int weight) {
        Optional<Y> name = Y.field(ref, "TargetGroupName");
        Optional<Y> arn = Y.field(ref, "TargetGroupArn");
        Optional<Y> node = name.or(() -> arn);
        SourceRef where = at.apply(node.map(Y::line).orElse(ref.line()));
        if (node.isPresent() && node.get() instanceof Y.Unknown u) {
            return WeightedTarget.unresolved(ElementId.of("(unknown target group)"), weight, u.reason());
        }
        Optional<String> text = node.flatMap(Y::text);
        if (text.isEmpty()) {
            diagnostics.add(Diagnostic.error("ansible-unlinked-target-group", owner + ": no target group given", where));
            return WeightedTarget.unresolved(ElementId.of("(no target group)"), weight, "no target group given");
        }
        String tgName = text.get();
        if (name.isEmpty()) {
            Matcher m = TG_ARN.matcher(tgName);
            if (!m.find()) {
                return missing(owner, tgName, weight, where, "is not a target group ARN");
            }
            Optional<ElementId> managed = groups.byName(m.group(1));
            if (managed.isPresent()) {
                return WeightedTarget.of(managed.get(), weight);
            }
            diagnostics.add(Diagnostic.warning("ansible-external-target-group", owner + ": forwards to " + tgName
                    + ", which this tree does not manage", where));
            return WeightedTarget.of(ElementId.of(tgName), weight);
        }
        Optional<ElementId> managed = groups.byName(tgName);
        if (managed.isPresent()) {
            return WeightedTarget.of(managed.get(), weight);
        }
        return missing(owner, tgName, weight, where, groups.whyMissing(tgName).orElse("is not created by this tree"));
    }

    private WeightedTarget missing(String owner, String name, int weight, SourceRef where, String why) {
        String problem = "target group " + name + " " + why;
        diagnostics.add(Diagnostic.error("ansible-unlinked-target-group", owner + ": " + problem, where));
        return WeightedTarget.unresolved(ElementId.of(name), weight, problem);
    }

    private static RouteAction redirect(Y r) {
        // Unset fields keep the request's value; these placeholders are what AWS stores for them.
        return new RouteAction.Redirect(Y.text(r, "Protocol").orElse("#{protocol}"),
                Y.text(r, "Port").orElse("#{port}"), Y.text(r, "Host").orElse("#{host}"),
                Y.text(r, "Path").orElse("/#{path}"), Y.text(r, "Query").orElse("#{query}"),
                Y.text(r, "StatusCode").orElse(""));
    }

    private static Authenticate authenticate(Authenticate.Kind kind, int order, Optional<Y> config) {
        Map<String, String> settings = new TreeMap<>();
        config.ifPresent(c -> Y.entries(c).forEach((k, v) -> {
            // Never carry secrets into reports.
            if (!k.equals("ClientSecret")) {
                Y.text(v).ifPresent(s -> settings.put(k, s));
            }
        }));
        return Authenticate.of(kind, order, settings);
    }

    /** An integer written as a number or a string ({@code Priority: "10"}). */
    static Optional<Integer> integer(Optional<Y> y) {
        return y.flatMap(Y::scalar).flatMap(v -> {
            if (v instanceof Long l) {
                return Optional.of(l.intValue());
            }
            if (v instanceof Double d && d == Math.rint(d)) {
                return Optional.of(d.intValue());
            }
            String s = v.toString().trim();
            return s.matches("-?\\d{1,9}") ? Optional.of(Integer.parseInt(s)) : Optional.empty();
        });
    }
}

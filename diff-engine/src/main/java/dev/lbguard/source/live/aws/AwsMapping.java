package dev.lbguard.source.live.aws;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Authenticate;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Stickiness;
import dev.lbguard.model.WeightedTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateCognitoActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateOidcActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Maps ELBv2 load balancers, listeners and rules to the model the way the Terraform sources map the same settings,
 * so that a fresh {@code terraform apply} reads back with no drift: unset redirect fields become AWS's placeholders,
 * a forward by {@code TargetGroupArn} and a one-group {@code ForwardConfig} become one weighted list, and legacy
 * {@code Values} and {@code *Config.Values} are one set. Target groups are {@link TargetGroupMapping}'s.
 */
final class AwsMapping {
    private final SourceRef source;
    private final List<Diagnostic> diagnostics;

    AwsMapping(String label, List<Diagnostic> diagnostics) {
        this.source = SourceRef.file(label);
        this.diagnostics = diagnostics;
    }

    dev.lbguard.model.LoadBalancer loadBalancer(LoadBalancer lb, List<dev.lbguard.model.Listener> listeners) {
        LoadBalancerType type = LoadBalancerType.fromLabel(lb.typeAsString() == null ? "" : lb.typeAsString())
                .orElse(LoadBalancerType.APPLICATION);
        return new dev.lbguard.model.LoadBalancer(ElementId.of(lb.loadBalancerArn()), source,
                orEmpty(lb.loadBalancerName()), type, "internal".equals(lb.schemeAsString()), listeners);
    }

    dev.lbguard.model.Listener listener(Listener l, List<String> certificates, List<Action> defaultActions,
                                        List<Rule> apiRules) {
        List<dev.lbguard.model.Rule> rules = new ArrayList<>();
        for (Rule r : apiRules) {
            // The default rule is the listener's default action, which DescribeListeners already gave us.
            if (Boolean.TRUE.equals(r.isDefault()) || "default".equals(r.priority())) {
                continue;
            }
            rules.add(rule(r));
        }
        return new dev.lbguard.model.Listener(ElementId.of(l.listenerArn()), source, orEmpty(l.protocolAsString()),
                l.port() == null ? 0 : l.port(), Optional.ofNullable(l.sslPolicy()).filter(p -> !p.isEmpty()),
                certificates, action(l.listenerArn(), defaultActions), rules);
    }

    private dev.lbguard.model.Rule rule(Rule r) {
        Priority priority;
        try {
            priority = Priority.of(Integer.parseInt(orEmpty(r.priority())));
        } catch (NumberFormatException e) {
            priority = Priority.unknown();
            diagnostics.add(Diagnostic.error("aws-unknown-priority", r.ruleArn() + ": priority \"" + r.priority()
                    + "\" is not a number", source));
        }
        List<Condition> conditions = new ArrayList<>();
        for (RuleCondition c : r.conditions()) {
            conditions.add(condition(r.ruleArn(), c));
        }
        return new dev.lbguard.model.Rule(ElementId.of(r.ruleArn()), source, priority, conditions,
                action(r.ruleArn(), r.actions()));
    }

    private Condition condition(String owner, RuleCondition c) {
        Optional<ConditionType> type = ConditionType.fromLabel(orEmpty(c.field()));
        if (type.isEmpty()) {
            diagnostics.add(Diagnostic.error("aws-unknown-condition", owner + ": condition field \"" + c.field()
                    + "\" is not understood", source));
            return Condition.pathPattern().withUnknown("unknown field " + c.field());
        }
        // A condition holds its values either in the legacy Values list or in its *Config; both mean the same.
        List<String> values = new ArrayList<>(c.values());
        List<String> regex = new ArrayList<>();
        Condition out = switch (type.get()) {
            case HOST_HEADER -> {
                if (c.hostHeaderConfig() != null) {
                    values.addAll(c.hostHeaderConfig().values());
                    regex.addAll(c.hostHeaderConfig().regexValues());
                }
                yield Condition.of(ConditionType.HOST_HEADER, values);
            }
            case PATH_PATTERN -> {
                if (c.pathPatternConfig() != null) {
                    values.addAll(c.pathPatternConfig().values());
                    regex.addAll(c.pathPatternConfig().regexValues());
                }
                yield Condition.of(ConditionType.PATH_PATTERN, values);
            }
            case HTTP_HEADER -> {
                String name = "?";
                if (c.httpHeaderConfig() != null) {
                    values.addAll(c.httpHeaderConfig().values());
                    regex.addAll(c.httpHeaderConfig().regexValues());
                    name = Optional.ofNullable(c.httpHeaderConfig().httpHeaderName()).filter(n -> !n.isEmpty()).orElse("?");
                }
                yield Condition.httpHeader(name, values.toArray(String[]::new));
            }
            case HTTP_REQUEST_METHOD -> {
                if (c.httpRequestMethodConfig() != null) {
                    values.addAll(c.httpRequestMethodConfig().values());
                }
                yield Condition.of(ConditionType.HTTP_REQUEST_METHOD, values);
            }
            case SOURCE_IP -> {
                if (c.sourceIpConfig() != null) {
                    values.addAll(c.sourceIpConfig().values());
                }
                yield Condition.of(ConditionType.SOURCE_IP, values);
            }
            case QUERY_STRING -> {
                List<QueryPair> pairs = new ArrayList<>();
                if (c.queryStringConfig() != null) {
                    c.queryStringConfig().values().forEach(p ->
                            pairs.add(new QueryPair(Optional.ofNullable(p.key()), orEmpty(p.value()))));
                }
                yield Condition.queryString(pairs.toArray(QueryPair[]::new));
            }
        };
        if (!regex.isEmpty()) {
            // As in the Terraform source: regex matching is not evaluated yet, so it is an honest unknown.
            diagnostics.add(Diagnostic.error("aws-unknown-condition", owner + ": " + out.type().label()
                    + " regex values are not supported", source));
            return out.withUnknown("regex_values are not supported");
        }
        return out;
    }

    /** The actions of a rule or a listener's default, run in {@code Order}: authenticate steps, then the terminal. */
    RuleAction action(String owner, List<Action> actions) {
        List<Action> sorted = new ArrayList<>(actions);
        sorted.sort(Comparator.comparing(a -> a.order() == null ? Integer.MAX_VALUE : a.order()));
        List<Authenticate> auth = new ArrayList<>();
        List<RouteAction> terminals = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Action a = sorted.get(i);
            int order = a.order() == null ? i + 1 : a.order();
            switch (orEmpty(a.typeAsString())) {
                case "forward" -> terminals.add(forward(owner, a));
                case "redirect" -> terminals.add(redirect(a.redirectConfig()));
                case "fixed-response" -> terminals.add(fixedResponse(a.fixedResponseConfig()));
                case "authenticate-oidc" -> auth.add(Authenticate.of(Authenticate.Kind.OIDC, order,
                        oidc(a.authenticateOidcConfig())));
                case "authenticate-cognito" -> auth.add(Authenticate.of(Authenticate.Kind.COGNITO, order,
                        cognito(a.authenticateCognitoConfig())));
                default -> {
                    return unresolved(owner, "unknown action type " + a.typeAsString());
                }
            }
        }
        if (terminals.isEmpty()) {
            return unresolved(owner, "no forward, redirect or fixed-response action");
        }
        return new RuleAction(auth, terminals.get(terminals.size() - 1));
    }

    private RuleAction unresolved(String owner, String why) {
        diagnostics.add(Diagnostic.error("aws-unknown-action", owner + ": " + why, source));
        return RuleAction.of(new RouteAction.Unresolved(why));
    }

    private RouteAction forward(String owner, Action a) {
        // TargetGroupArn, a ForwardConfig, or both (AWS echoes the single group in both): one weighted list.
        Map<String, WeightedTarget> targets = new LinkedHashMap<>();
        Optional<Stickiness> stickiness = Optional.empty();
        ForwardActionConfig f = a.forwardConfig();
        if (f != null) {
            for (TargetGroupTuple t : f.targetGroups()) {
                if (t.targetGroupArn() != null) {
                    targets.putIfAbsent(t.targetGroupArn(), WeightedTarget.of(ElementId.of(t.targetGroupArn()),
                            t.weight() == null ? 1 : t.weight()));
                }
            }
            if (f.targetGroupStickinessConfig() != null) {
                stickiness = Optional.of(new Stickiness(Boolean.TRUE.equals(f.targetGroupStickinessConfig().enabled()),
                        Math.max(0, Optional.ofNullable(f.targetGroupStickinessConfig().durationSeconds()).orElse(0))));
            }
        }
        if (targets.isEmpty() && a.targetGroupArn() != null && !a.targetGroupArn().isEmpty()) {
            targets.put(a.targetGroupArn(), WeightedTarget.of(ElementId.of(a.targetGroupArn()), 1));
        }
        if (targets.isEmpty()) {
            diagnostics.add(Diagnostic.error("aws-unknown-action", owner + ": forward names no target group", source));
            return new RouteAction.Unresolved("forward names no target group");
        }
        return new RouteAction.Forward(new ArrayList<>(targets.values()), stickiness);
    }

    private static RouteAction redirect(RedirectActionConfig r) {
        if (r == null) {
            return new RouteAction.Unresolved("redirect action without a RedirectConfig");
        }
        // AWS stores the placeholders itself for fields left out; default them the same way for safety.
        return new RouteAction.Redirect(or(r.protocol(), "#{protocol}"), or(r.port(), "#{port}"),
                or(r.host(), "#{host}"), or(r.path(), "/#{path}"), or(r.query(), "#{query}"),
                orEmpty(r.statusCodeAsString()));
    }

    private static RouteAction fixedResponse(FixedResponseActionConfig f) {
        if (f == null) {
            return new RouteAction.Unresolved("fixed-response action without a FixedResponseConfig");
        }
        return new RouteAction.FixedResponse(orEmpty(f.statusCode()), orEmpty(f.contentType()), orEmpty(f.messageBody()));
    }

    /** The OIDC settings under their Terraform names; the client secret is never kept. */
    private static Map<String, String> oidc(AuthenticateOidcActionConfig o) {
        Map<String, String> s = new TreeMap<>();
        if (o == null) {
            return s;
        }
        put(s, "issuer", o.issuer());
        put(s, "authorization_endpoint", o.authorizationEndpoint());
        put(s, "token_endpoint", o.tokenEndpoint());
        put(s, "user_info_endpoint", o.userInfoEndpoint());
        put(s, "client_id", o.clientId());
        put(s, "scope", o.scope());
        put(s, "session_cookie_name", o.sessionCookieName());
        put(s, "session_timeout", o.sessionTimeout());
        put(s, "on_unauthenticated_request", o.onUnauthenticatedRequestAsString());
        return s;
    }

    private static Map<String, String> cognito(AuthenticateCognitoActionConfig c) {
        Map<String, String> s = new TreeMap<>();
        if (c == null) {
            return s;
        }
        put(s, "user_pool_arn", c.userPoolArn());
        put(s, "user_pool_client_id", c.userPoolClientId());
        put(s, "user_pool_domain", c.userPoolDomain());
        put(s, "scope", c.scope());
        put(s, "session_cookie_name", c.sessionCookieName());
        put(s, "session_timeout", c.sessionTimeout());
        put(s, "on_unauthenticated_request", c.onUnauthenticatedRequestAsString());
        return s;
    }

    private static void put(Map<String, String> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value.toString());
        }
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static String or(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }
}

package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Authenticate;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Stickiness;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads {@code action} / {@code default_action} blocks into a {@link RuleAction}, linking target groups. */
final class TerraformActions {
    private static final String TARGET_GROUP = "aws_lb_target_group";

    private final References references;
    private final List<Diagnostic> diagnostics;

    TerraformActions(References references, List<Diagnostic> diagnostics) {
        this.references = references;
        this.diagnostics = diagnostics;
    }

    RuleAction read(ResourceInstance owner, String attribute) {
        SourceRef at = owner.attributeSources().getOrDefault(attribute, owner.source());
        Value all = owner.attributes().get(attribute);
        Optional<String> unknown = TfValues.unknownIn(all);
        if (unknown.isPresent()) {
            return unresolved(owner, at, attribute + " could not be evaluated: " + unknown.get());
        }
        List<Value.Obj> blocks = new ArrayList<>(TfValues.blocks(all));
        // Actions run by `order`; where it is unset the provider numbers them in the order written.
        List<Integer> orders = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            orders.add(TfValues.integer(blocks.get(i).get("order")).orElse(i + 1));
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparing(orders::get));
        List<Authenticate> auth = new ArrayList<>();
        List<RouteAction> terminals = new ArrayList<>();
        for (int i : idx) {
            Value.Obj b = blocks.get(i);
            Optional<String> type = TfValues.str(b.get("type"));
            if (type.isEmpty()) {
                return unresolved(owner, at, "the action type could not be evaluated");
            }
            switch (type.get()) {
                case "forward" -> terminals.add(forward(owner, at, b));
                case "redirect" -> terminals.add(redirect(owner, at, b));
                case "fixed-response" -> terminals.add(fixedResponse(owner, at, b));
                case "authenticate-oidc" -> auth.add(authenticate(Authenticate.Kind.OIDC, orders.get(i),
                        TfValues.blocks(b.get("authenticate_oidc"))));
                case "authenticate-cognito" -> auth.add(authenticate(Authenticate.Kind.COGNITO, orders.get(i),
                        TfValues.blocks(b.get("authenticate_cognito"))));
                default -> {
                    return unresolved(owner, at, "unknown action type " + type.get());
                }
            }
        }
        if (terminals.isEmpty()) {
            return unresolved(owner, at, attribute + " has no forward, redirect or fixed-response action");
        }
        if (terminals.size() > 1) {
            diagnostics.add(Diagnostic.warning("tf-several-terminal-actions", owner.address()
                    + ": more than one terminal action; AWS rejects this, the last one is used", at));
        }
        return new RuleAction(auth, terminals.get(terminals.size() - 1));
    }

    private RuleAction unresolved(ResourceInstance owner, SourceRef at, String why) {
        diagnostics.add(Diagnostic.error("tf-unknown-action", owner.address() + ": " + why, at));
        return RuleAction.of(new RouteAction.Unresolved(why));
    }

    private RouteAction forward(ResourceInstance owner, SourceRef at, Value.Obj action) {
        Map<String, WeightedTarget> targets = new LinkedHashMap<>();
        Optional<Stickiness> stickiness = Optional.empty();
        List<Value.Obj> forward = TfValues.blocks(action.get("forward"));
        for (Value.Obj f : forward) {
            Optional<String> unknown = TfValues.unknownIn(f.get("target_group"));
            if (unknown.isPresent()) {
                return unresolvedForward(owner, at, "target groups could not be evaluated: " + unknown.get());
            }
            for (Value.Obj tg : TfValues.blocks(f.get("target_group"))) {
                add(targets, target(owner, at, tg.get("arn"), tg.get("weight")));
            }
            for (Value.Obj s : TfValues.blocks(f.get("stickiness"))) {
                boolean enabled = TfValues.bool(s.get("enabled")).orElse(false);
                stickiness = Optional.of(new Stickiness(enabled, Math.max(0, TfValues.integer(s.get("duration")).orElse(0))));
            }
        }
        Value single = action.get("target_group_arn");
        if (!TfValues.isNull(single) && !TfValues.str(single).orElse("x").isEmpty()) {
            WeightedTarget t = target(owner, at, single, Value.Num.of(1));
            if (targets.isEmpty()) {
                add(targets, t);
            } else if (!targets.containsKey(t.targetGroup().value())) {
                diagnostics.add(Diagnostic.warning("tf-forward-conflict", owner.address() + ": target_group_arn "
                        + t.targetGroup() + " is not among the forward block's target groups, which are used", at));
            }
        }
        if (targets.isEmpty()) {
            return unresolvedForward(owner, at, "forward names no target group");
        }
        return new RouteAction.Forward(new ArrayList<>(targets.values()), stickiness);
    }

    private RouteAction unresolvedForward(ResourceInstance owner, SourceRef at, String why) {
        diagnostics.add(Diagnostic.error("tf-unknown-action", owner.address() + ": " + why, at));
        return new RouteAction.Unresolved(why);
    }

    private void add(Map<String, WeightedTarget> targets, WeightedTarget t) {
        // AWS rejects a target group listed twice; keep the first so the model stays well formed.
        targets.putIfAbsent(t.targetGroup().value(), t);
    }

    private WeightedTarget target(ResourceInstance owner, SourceRef at, Value ref, Value weightValue) {
        // The provider's default weight is 1; one group alone takes all traffic whatever its weight.
        int weight = TfValues.isNull(weightValue) ? 1 : TfValues.integer(weightValue).orElse(-1);
        References.Link link = references.resolve(ref, TARGET_GROUP);
        String name = link.name().isEmpty() ? "(no target group)" : link.name();
        Optional<String> problem = switch (link.kind()) {
            case RESOLVED -> Optional.empty();
            case EXTERNAL -> {
                diagnostics.add(Diagnostic.warning("tf-external-target-group", owner.address()
                        + ": forwards to " + name + ", which this configuration does not manage", at));
                yield Optional.empty();
            }
            case MISSING -> Optional.of("target group " + name + " is not in this configuration");
            case MISMATCHED -> Optional.of(name + " is not the ARN of a target group here");
            case UNEVALUABLE -> Optional.of("target group could not be evaluated: " + name);
            case ABSENT -> Optional.of("no target group given");
        };
        if (weight < 0 && problem.isEmpty()) {
            diagnostics.add(Diagnostic.error("tf-unknown-weight", owner.address() + ": the weight of the forward to "
                    + name + " could not be evaluated: " + TfValues.display(weightValue).orElse(""), at));
            return WeightedTarget.unknownWeight(ElementId.of(name));
        }
        weight = Math.max(weight, 0);
        if (problem.isPresent()) {
            diagnostics.add(Diagnostic.error("tf-unlinked-target-group", owner.address() + ": " + problem.get(), at));
            if (link.kind() == References.Kind.ABSENT) {
                name = "(no target group)";
            } else if (link.kind() == References.Kind.UNEVALUABLE || link.kind() == References.Kind.MISMATCHED) {
                name = "(unknown target group: " + name + ")";
            }
            return WeightedTarget.unresolved(ElementId.of(name), weight, problem.get());
        }
        return WeightedTarget.of(ElementId.of(name), weight);
    }

    private RouteAction redirect(ResourceInstance owner, SourceRef at, Value.Obj action) {
        List<Value.Obj> r = TfValues.blocks(action.get("redirect"));
        if (r.isEmpty()) {
            return unresolvedForward(owner, at, "redirect action without a redirect block");
        }
        Value.Obj o = r.get(0);
        for (String f : List.of("protocol", "port", "host", "path", "query", "status_code")) {
            if (TfValues.isUnknown(o.get(f))) {
                return unresolvedForward(owner, at, "redirect " + f + " could not be evaluated: "
                        + TfValues.display(o.get(f)).orElse(""));
            }
        }
        // Unset fields keep the request's value; these placeholders are what AWS stores for them.
        return new RouteAction.Redirect(
                TfValues.str(o.get("protocol")).orElse("#{protocol}"),
                TfValues.str(o.get("port")).orElse("#{port}"),
                TfValues.str(o.get("host")).orElse("#{host}"),
                TfValues.str(o.get("path")).orElse("/#{path}"),
                TfValues.str(o.get("query")).orElse("#{query}"),
                TfValues.str(o.get("status_code")).orElse(""));
    }

    private RouteAction fixedResponse(ResourceInstance owner, SourceRef at, Value.Obj action) {
        List<Value.Obj> r = TfValues.blocks(action.get("fixed_response"));
        if (r.isEmpty()) {
            return unresolvedForward(owner, at, "fixed-response action without a fixed_response block");
        }
        Value.Obj o = r.get(0);
        if (TfValues.isUnknown(o.get("status_code"))) {
            return unresolvedForward(owner, at, "fixed-response status code could not be evaluated");
        }
        return new RouteAction.FixedResponse(TfValues.str(o.get("status_code")).orElse(""),
                TfValues.display(o.get("content_type")).orElse(""),
                TfValues.display(o.get("message_body")).orElse(""));
    }

    private static Authenticate authenticate(Authenticate.Kind kind, int order, List<Value.Obj> blocks) {
        Map<String, String> settings = new TreeMap<>();
        for (Value.Obj b : blocks) {
            b.fields().forEach((k, v) -> {
                // Never carry secrets into reports.
                if (!k.equals("client_secret")) {
                    TfValues.display(v).ifPresent(s -> settings.put(k, s));
                }
            });
        }
        return Authenticate.of(kind, order, settings);
    }
}

package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code aws_lb_listener} resources, with their rules and listener certificates, into {@link Listener}s, and
 * stands in for listeners managed elsewhere that rules are attached to. One per snapshot: it reads actions and
 * conditions as that snapshot does, and reports into its diagnostics.
 */
final class TerraformListeners {
    private final TerraformActions actions;
    private final TerraformConditions conditions;
    private final List<Diagnostic> diagnostics;

    TerraformListeners(TerraformActions actions, TerraformConditions conditions, List<Diagnostic> diagnostics) {
        this.actions = actions;
        this.conditions = conditions;
        this.diagnostics = diagnostics;
    }

    /** The reader of conditions this one uses. */
    TerraformConditions conditions() {
        return conditions;
    }

    /** The listener {@code l} of a load balancer of type {@code lbType}, with its rules and certificates. */
    Listener read(ResourceInstance l, LoadBalancerType lbType, List<ResourceInstance> ruleResources,
                  List<ResourceInstance> certs) {
        Value.Obj a = l.attributes();
        Value protocolValue = a.get("protocol");
        String protocol = TfValues.str(protocolValue).orElse(switch (lbType) {
            case APPLICATION -> "HTTP";
            case NETWORK -> "TCP";
            case GATEWAY -> "GENEVE";
            case HAPROXY -> "HTTP";
        });
        if (TfValues.isUnknown(protocolValue)) {
            diagnostics.add(Diagnostic.error("tf-unknown-protocol", l.address() + ": protocol could not be evaluated ("
                    + TfValues.display(protocolValue).orElse("") + "); assuming " + protocol, at(l, "protocol")));
        } else if (!lbType.acceptsListener(protocol.toUpperCase(java.util.Locale.ROOT))) {
            // Seen in public code: an application load balancer with TCP listeners and groups, which apply refuses.
            diagnostics.add(Diagnostic.error("tf-listener-protocol", l.address() + ": "
                    + (lbType == LoadBalancerType.APPLICATION ? "an " : "a ") + lbType.label()
                    + " load balancer has no " + protocol + " listeners (AWS refuses one), so terraform apply fails "
                    + "and this listener never routes", at(l, "protocol")));
        }
        Value portValue = a.get("port");
        int port = TfValues.integer(portValue).orElse(0);
        if (TfValues.isUnknown(portValue)) {
            diagnostics.add(Diagnostic.error("tf-unknown-port", l.address() + ": port could not be evaluated: "
                    + TfValues.display(portValue).orElse(""), at(l, "port")));
        } else if (!TfValues.isNull(portValue) && (port < 1 || port > 65535)) {
            // Shown as "?" like an unknown one: a value AWS refuses (80.5, 99999999999) is no port to route on.
            port = 0;
            diagnostics.add(Diagnostic.error("tf-invalid-port", l.address() + ": port "
                    + TfValues.display(portValue).map(v -> '"' + v + '"').orElse(String.valueOf(portValue))
                    + " is not a port number (a whole number from 1 to 65535); AWS refuses it, so this listener "
                    + "never routes", at(l, "port")));
        }
        List<String> certificates = new ArrayList<>();
        TfValues.display(a.get("certificate_arn")).filter(s -> !s.isEmpty()).ifPresent(certificates::add);
        for (ResourceInstance c : certs) {
            TfValues.display(c.attributes().get("certificate_arn")).filter(s -> !s.isEmpty()).ifPresent(certificates::add);
        }
        RuleAction defaultAction = actions.read(l, "default_action");
        List<Rule> rules = rules(ruleResources, false);
        Listener listener = new Listener(ElementId.of(l.address()), l.source(), protocol, port,
                TfValues.str(a.get("ssl_policy")).filter(s -> !s.isEmpty()), certificates, defaultAction, rules);
        if (!listener.evaluatesRules() && !rules.isEmpty()) {
            diagnostics.add(Diagnostic.warning("tf-rules-on-non-http-listener", l.address() + ": a " + protocol
                    + " listener does not evaluate rules; only its default action routes", l.source()));
        }
        return listener;
    }

    /**
     * A placeholder for a listener managed elsewhere: its rules are known, its protocol, port and default action
     * are not. Requests no rule takes get an unknown answer, never a guess.
     */
    Listener external(ExternalListeners.Named listener, List<ResourceInstance> ruleResources) {
        List<ResourceInstance> ordered = ruleResources.stream()
                .sorted(java.util.Comparator.comparing(ResourceInstance::address)).toList();
        ResourceInstance first = ordered.get(0);
        SourceRef where = at(first, "listener_arn");
        diagnostics.add(Diagnostic.warning("tf-external-listener", ordered.size()
                + (ordered.size() == 1 ? " rule is" : " rules are") + " attached to listener " + listener.described()
                + ", which this configuration does not manage; its default action and the rules of other stacks on it "
                + "are not seen, so requests none of these rules take get an unknown answer", where));
        // Its protocol is in no source here (a lookup names a load balancer and port): never shown as HTTP.
        return new Listener(ElementId.of(listener.key()), where, "", listener.port(), Optional.empty(), List.of(),
                dev.lbguard.model.RuleAction.of(dev.lbguard.model.RouteAction.Unresolved.notTaken()),
                rules(ordered, true));
    }

    /**
     * The listener's rules. A rule without {@code priority} gets the next free priority after the highest
     * one in the listener, in address order. That approximates the provider, which assigns it at apply time
     * against the rules that exist then (see {@link UnsetPriorities}).
     */
    private List<Rule> rules(List<ResourceInstance> ruleResources, boolean external) {
        int highest = 0;
        for (ResourceInstance r : ruleResources) {
            highest = Math.max(highest, TfValues.integer(r.attributes().get("priority")).orElse(0));
        }
        List<Rule> rules = new ArrayList<>();
        Map<Integer, String> taken = new LinkedHashMap<>();
        for (ResourceInstance r : ruleResources) {
            Value p = r.attributes().get("priority");
            Priority priority;
            if (TfValues.isNull(p)) {
                priority = Priority.assigned(++highest);
            } else if (TfValues.integer(p).isPresent()) {
                priority = Priority.of(TfValues.integer(p).get());
            } else {
                priority = Priority.unknown();
                diagnostics.add(Diagnostic.error("tf-unknown-priority", r.address() + ": priority could not be evaluated: "
                        + TfValues.display(p).orElse(""), at(r, "priority")));
            }
            if (priority.isKnown()) {
                String other = taken.putIfAbsent(priority.value(), r.address());
                if (other != null) {
                    diagnostics.add(Diagnostic.error("tf-duplicate-priority", r.address() + ": priority "
                            + priority.value() + " is also used by " + other + "; AWS rejects this", at(r, "priority")));
                }
            }
            if (!TfValues.blocks(r.attributes().get("transform")).isEmpty()) {
                diagnostics.add(Diagnostic.notRouting("tf-transform-not-compared", r.address() + ": its transform "
                        + "blocks (host-header and URL rewrites) change what the target receives, not which target "
                        + "group a request reaches; lbguard does not compare them", at(r, "transform")));
            }
            List<Condition> conditions = this.conditions.read(r, diagnostics);
            rules.add(new Rule(ElementId.of(r.address()), r.source(), priority, conditions,
                    actions.read(r, "action")));
        }
        UnsetPriorities.report(rules, external, diagnostics);
        return rules;
    }

    private static SourceRef at(ResourceInstance r, String attribute) {
        return r.attributeSources().getOrDefault(attribute, r.source());
    }
}

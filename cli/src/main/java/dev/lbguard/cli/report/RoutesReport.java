package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.route.UnreachableRule;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code routes} report: per load balancer and listener, the rules in evaluation order and where they send. */
public final class RoutesReport {
    private final RouteEvaluator evaluator = new RouteEvaluator();

    public String text(RoutingSnapshot snapshot, Style style) {
        StringBuilder s = new StringBuilder();
        s.append(style.bold("Routing at " + Origins.text(snapshot.origin()))).append("\n\n");
        if (snapshot.loadBalancers().isEmpty()) {
            s.append("No load balancers.\n\n");
        }
        for (LoadBalancer lb : snapshot.loadBalancers()) {
            // Whether HAProxy faces the internet depends on where it runs, which its config does not say.
            // Nor does a configuration say it of a load balancer of another stack.
            String exposure = lb.type() == dev.lbguard.model.LoadBalancerType.HAPROXY || lb.managedElsewhere() ? ""
                    : ", " + (lb.internal() ? "internal" : "internet-facing");
            s.append(style.bold("load balancer " + lb.name())).append(" (").append(lb.type().label()).append(exposure)
                    .append(")  ")
                    .append(style.dim(lb.id() + "  " + lb.source())).append('\n');
            for (Listener l : lb.listeners()) {
                listenerText(s, l, snapshot, style);
            }
            s.append('\n');
        }
        s.append(Status.text(snapshot.diagnostics(), style));
        return s.toString();
    }

    private void listenerText(StringBuilder s, Listener l, RoutingSnapshot snapshot, Style style) {
        s.append("  ").append(style.bold("listener " + l.label()))
                .append(l.sslPolicy().map(p -> " " + p).orElse(""))
                .append("  ").append(style.dim(l.id() + "  " + l.source())).append('\n');
        Map<Rule, UnreachableRule> unreachable = unreachable(l);
        for (Rule r : l.rulesInEvaluationOrder()) {
            s.append(String.format("    %6s  %s%n", r.priority(), Conditions.text(r)));
            s.append("            -> ").append(Destinations.summary(r.action(), snapshot)).append("  ")
                    .append(style.dim(r.id() + "  " + r.source())).append('\n');
            UnreachableRule u = unreachable.get(r);
            if (u != null) {
                s.append("            ").append(style.yellow("UNREACHABLE: " + u.reason())).append('\n');
            }
        }
        s.append(String.format("    %6s  %s%n", "default", "(every other request)"));
        s.append("            -> ").append(Destinations.summary(l.defaultAction(), snapshot)).append('\n');
    }

    private Map<Rule, UnreachableRule> unreachable(Listener l) {
        return evaluator.unreachableRules(l).stream()
                .collect(Collectors.toMap(UnreachableRule::rule, Function.identity(), (a, b) -> a));
    }

    public String json(RoutingSnapshot snapshot) {
        ObjectNode root = Json.header("routes", snapshot.complete(), snapshot.diagnostics());
        root.set("head", Origins.json(snapshot.origin()));
        ArrayNode lbs = root.putArray("loadBalancers");
        for (LoadBalancer lb : snapshot.loadBalancers()) {
            ObjectNode n = lbs.addObject();
            n.put("id", lb.id().value());
            n.put("name", lb.name());
            n.put("type", lb.type().label());
            n.put("internal", lb.internal());
            if (lb.managedElsewhere()) {
                n.put("external", true);
            }
            location(n, lb.source());
            ArrayNode listeners = n.putArray("listeners");
            for (Listener l : lb.listeners()) {
                listeners.add(listenerJson(l, snapshot));
            }
        }
        ArrayNode tgs = root.putArray("targetGroups");
        for (TargetGroup tg : snapshot.targetGroups()) {
            ObjectNode n = tgs.addObject();
            n.put("id", tg.id().value());
            n.put("name", tg.name());
            n.put("protocol", tg.protocol());
            n.put("port", tg.port());
            n.put("targetType", tg.targetType());
            ObjectNode check = n.putObject("healthCheck").put("enabled", tg.healthCheck().enabled())
                    .put("protocol", tg.healthCheck().protocol()).put("port", tg.healthCheck().port())
                    .put("path", tg.healthCheck().path()).put("matcher", tg.healthCheck().matcher());
            if (!tg.healthCheck().unknown().isEmpty()) {
                ObjectNode unknown = check.putObject("unknown");
                tg.healthCheck().unknown().forEach(unknown::put);
            }
            ArrayNode targets = n.putArray("targets");
            for (Target t : tg.targets()) {
                ObjectNode tn = targets.addObject().put("id", t.targetId());
                t.port().ifPresent(p -> tn.put("port", p));
            }
            if (!tg.registeredBy().isEmpty()) {
                tg.registeredBy().forEach(n.putArray("registeredBy")::add);
            }
            location(n, tg.source());
        }
        return Json.write(root, snapshot.secrets());
    }

    private ObjectNode listenerJson(Listener l, RoutingSnapshot snapshot) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", l.id().value());
        n.put("protocol", l.protocol());
        n.put("port", l.port());
        l.sslPolicy().ifPresent(p -> n.put("sslPolicy", p));
        ArrayNode certs = n.putArray("certificates");
        l.certificates().forEach(certs::add);
        location(n, l.source());
        Map<Rule, UnreachableRule> unreachable = unreachable(l);
        ArrayNode rules = n.putArray("rules");
        for (Rule r : l.rulesInEvaluationOrder()) {
            ObjectNode rn = rules.addObject();
            rn.put("id", r.id().value());
            if (r.priority().isKnown()) {
                rn.put("priority", r.priority().value());
            } else {
                rn.putNull("priority");
            }
            rn.put("priorityKind", r.priority().kind().name().toLowerCase(java.util.Locale.ROOT));
            Conditions.json(rn, r);
            rn.set("action", Destinations.json(r.action(), snapshot));
            UnreachableRule u = unreachable.get(r);
            if (u != null) {
                rn.putObject("unreachable").put("shadowedBy", u.shadowedBy().id().value()).put("reason", u.reason());
            }
            location(rn, r.source());
        }
        n.set("defaultAction", Destinations.json(l.defaultAction(), snapshot));
        return n;
    }

    static void location(ObjectNode n, SourceRef source) {
        n.put("file", source.path());
        if (source.line() > 0) {
            n.put("line", source.line());
        }
    }

    /** For commands that list listeners when the user named one that does not exist. */
    public static List<String> listenerNames(RoutingSnapshot snapshot) {
        return snapshot.loadBalancers().stream()
                .flatMap(lb -> lb.listeners().stream().map(l -> lb.name() + ":" + l.port()))
                .toList();
    }
}

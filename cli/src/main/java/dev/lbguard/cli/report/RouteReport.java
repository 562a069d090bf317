package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteResult;
import java.util.List;
import java.util.Map;

/** The {@code route} report: which rule takes one request, and where it goes. */
public final class RouteReport {
    private RouteReport() {
    }

    public static String text(RoutingSnapshot snapshot, LoadBalancer lb, Listener listener, Request request,
                              RouteResult result, Style style) {
        StringBuilder s = new StringBuilder();
        s.append("Request   ").append(describe(request)).append('\n');
        s.append("Listener  ").append(lb.name()).append(' ').append(listener.label()).append(" at ")
                .append(Origins.text(snapshot.origin())).append('\n');
        if (result.isMatched()) {
            s.append("Rule      ").append(result.rule().map(RouteReport::ruleText).orElse("default action"))
                    .append('\n');
            s.append("Goes to   ").append(style.bold(Destinations.summary(result.action().orElseThrow(), snapshot)))
                    .append('\n');
        } else {
            s.append("Goes to   ").append(style.red("UNKNOWN: " + result.reason())).append('\n');
            result.rule().ifPresent(r -> s.append("Because   ").append(ruleText(r)).append('\n'));
            result.action().ifPresent(a -> s.append("If taken  ").append(Destinations.summary(a, snapshot))
                    .append('\n'));
        }
        s.append('\n').append(Status.text(snapshot.diagnostics(), style));
        return s.toString();
    }

    private static String ruleText(Rule r) {
        return r.id() + " (priority " + r.priority() + ")  " + r.source() + "\n          "
                + Conditions.text(r);
    }

    /** A followed request, e.g. {@code GET shop.example.com/checkout/cart on shop-edge-prod:443}. */
    public static String describe(dev.lbguard.analysis.RequestProbe p) {
        return describe(p.request()) + p.loadBalancer().map(lb -> " on " + lb + p.port().stream()
                        .mapToObj(port -> ":" + port).findFirst().orElse(""))
                .orElse(p.port().isPresent() ? " on port " + p.port().getAsInt() : "");
    }

    public static String describe(Request r) {
        return describe(r, true);
    }

    /** The request in one line; {@code withSource} false leaves out the client address when nothing depends on it. */
    public static String describe(Request r, boolean withSource) {
        return r.describe(withSource);
    }

    public static String json(RoutingSnapshot snapshot, LoadBalancer lb, Listener listener, Request request,
                              RouteResult result) {
        boolean complete = snapshot.complete() && result.isMatched();
        ObjectNode root = Json.header("route", complete, snapshot.diagnostics());
        root.set("head", Origins.json(snapshot.origin()));
        root.put("loadBalancer", lb.name());
        root.put("listener", listener.label());
        ObjectNode req = root.putObject("request");
        req.put("host", request.host()).put("path", request.path()).put("method", request.method());
        ObjectNode headers = req.putObject("headers");
        request.headers().forEach((k, vs) -> {
            ArrayNode a = headers.putArray(k);
            vs.forEach(a::add);
        });
        ArrayNode query = req.putArray("query");
        request.query().forEach(q -> query.addObject().put("key", q.key()).put("value", q.value()));
        request.sourceIp().ifPresent(ip -> req.put("sourceIp", ip));
        root.put("status", result.isMatched() ? "matched" : "unknown");
        if (!result.reason().isEmpty()) {
            root.put("reason", result.reason());
        }
        ObjectNode match = root.putObject("match");
        if (result.rule().isPresent()) {
            Rule r = result.rule().get();
            match.put("rule", r.id().value());
            if (r.priority().isKnown()) {
                match.put("priority", r.priority().value());
            }
            Conditions.json(match, r);
            RoutesReport.location(match, r.source());
        } else {
            match.put("rule", "default");
        }
        result.action().ifPresent(a -> root.set("destination", Destinations.json(a, snapshot)));
        return Json.write(root, snapshot.secrets());
    }
}

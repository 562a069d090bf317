package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.diff.AttributeChange;
import dev.lbguard.diff.Destination;
import dev.lbguard.diff.RequestClass;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.Finding;
import dev.lbguard.policy.Inconclusive;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.route.Request;
import java.util.List;

/**
 * The JSON form of a review (CONTRACT.md, schema version 1). {@code drift} and {@code timeline} reuse its
 * pieces, since they are the same diff of two snapshots.
 */
public final class ReviewJson {
    private ReviewJson() {
    }

    public static String write(String command, ReviewResult r) {
        return Json.write(object(command, r), Redaction.secretsOf(r));
    }

    public static ObjectNode object(String command, ReviewResult r) {
        ObjectNode root = Json.header(command, r.complete(), r.diagnostics());
        root.set("base", Origins.json(r.base().origin()));
        root.set("head", Origins.json(r.head().origin()));
        root.put("risk", r.risk().label());
        root.set("resourceChanges", resourceChanges(r.resources().changes()));
        root.set("routeChanges", routeChanges(r.routes().changes(), r.base(), r.head()));
        root.put("requestClassesCompared", r.routes().classesCompared());
        root.set("findings", findings(r.findings()));
        ArrayNode inc = root.putArray("inconclusive");
        for (Inconclusive i : r.inconclusives()) {
            inc.addObject().put("id", i.ruleId()).put("reason", i.reason());
        }
        if (r.policy().judge().exists() || !r.policy().changes().isEmpty() || !r.policy().warnings().isEmpty()) {
            root.set("policy", PolicySection.json(r.policy()));
        }
        r.traffic().ifPresent(t -> TrafficSection.json(root, r));
        return root;
    }

    public static ArrayNode resourceChanges(List<ResourceChange> changes) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (ResourceChange c : changes) {
            ObjectNode n = a.addObject();
            n.put("address", c.id().value());
            n.put("kind", c.kind().label());
            n.put("change", c.change().label());
            c.renamedFrom().ifPresent(f -> n.put("renamedFrom", f.value()));
            if (c.renamedFrom().isPresent()) {
                n.put("declaredMove", c.declaredMove());
            }
            RoutesReport.location(n, c.source());
            ArrayNode attrs = n.putArray("attributes");
            for (AttributeChange ac : c.attributes()) {
                ObjectNode an = attrs.addObject();
                an.put("path", ac.path());
                an.set("before", AttributeValues.json(ac.before()));
                an.set("after", AttributeValues.json(ac.after()));
            }
        }
        return a;
    }

    public static ArrayNode routeChanges(List<RouteChange> changes, RoutingSnapshot base, RoutingSnapshot head) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (RouteChange c : changes) {
            ObjectNode n = a.addObject();
            n.put("loadBalancer", c.loadBalancerName());
            n.put("listener", c.listenerLabel());
            n.set("match", match(c.match()));
            ObjectNode example = request(c.example());
            if (!c.match().constrains("source-ip")) {
                // Every request has a client address; print it only where a rule looks at it.
                example.remove("sourceIp");
            }
            n.set("example", example);
            n.set("before", destination(c.before(), base));
            n.set("after", destination(c.after(), head));
        }
        return a;
    }

    /** A field matched by one pattern and excluding none is the pattern itself, as CONTRACT.md shows. */
    public static ObjectNode match(RequestClass rc) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        for (RequestClass.FieldPatterns f : rc.fields()) {
            if (m.has(f.field())) {
                // A field the request must match several times over: all of them, never the last one alone.
                JsonNode first = m.get(f.field());
                ArrayNode all = first.has("allOf") ? (ArrayNode) first.get("allOf") : Json.MAPPER.createArrayNode().add(first);
                all.add(match(new RequestClass(List.of(f))).get(f.field()));
                m.putObject(f.field()).set("allOf", all);
            } else if (f.anyOf().size() == 1 && f.noneOf().isEmpty()) {
                m.put(f.field(), f.anyOf().get(0));
            } else {
                ObjectNode fn = m.putObject(f.field());
                ArrayNode any = fn.putArray("anyOf");
                f.anyOf().forEach(any::add);
                ArrayNode none = fn.putArray("noneOf");
                f.noneOf().forEach(none::add);
            }
        }
        return m;
    }

    public static ObjectNode request(Request r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("host", r.host()).put("path", r.path()).put("method", r.method());
        if (!r.headers().isEmpty()) {
            ObjectNode h = n.putObject("headers");
            r.headers().forEach((k, vs) -> {
                ArrayNode va = h.putArray(k);
                vs.forEach(va::add);
            });
        }
        if (!r.query().isEmpty()) {
            ArrayNode q = n.putArray("query");
            r.query().forEach(p -> q.addObject().put("key", p.key()).put("value", p.value()));
        }
        r.sourceIp().ifPresent(ip -> n.put("sourceIp", ip));
        return n;
    }

    public static ObjectNode destination(Destination d, RoutingSnapshot snapshot) {
        ObjectNode n;
        switch (d.kind()) {
            case ACTION -> n = Destinations.json(d.action().orElseThrow(), snapshot);
            case NO_LISTENER -> {
                n = Json.MAPPER.createObjectNode();
                n.put("summary", "no listener (connection refused)");
                n.put("type", "no-listener");
            }
            default -> {
                n = d.action().map(a -> Destinations.json(a, snapshot)).orElse(Json.MAPPER.createObjectNode());
                n.put("summary", Destinations.unknown(d));
                n.put("type", "unknown");
                n.put("reason", d.reason());
            }
        }
        n.put("rule", d.rule().map(id -> id.value()).orElse(d.kind() == Destination.Kind.NO_LISTENER ? "" : "default"));
        return n;
    }

    public static ArrayNode findings(List<Finding> findings) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Finding f : findings) {
            ObjectNode n = a.addObject();
            n.put("id", f.ruleId());
            n.put("severity", f.severity().label());
            n.put("title", f.title());
            n.put("message", f.message());
            n.put("address", f.element().value());
            RoutesReport.location(n, f.source());
            n.put("remediation", f.remediation());
            f.waived().ifPresent(w -> {
                ObjectNode wn = n.putObject("waiver");
                wn.put("reason", w.reason()).put("expires", w.expires().toString());
                RoutesReport.location(wn, w.source());
            });
        }
        return a;
    }
}

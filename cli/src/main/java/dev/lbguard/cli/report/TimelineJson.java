package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.analysis.RequestProbe;
import dev.lbguard.analysis.TimelineEntry;
import dev.lbguard.analysis.TimelineResult;
import dev.lbguard.model.Commit;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.ReviewResult;
import java.util.List;

/**
 * The JSON form of a timeline (CONTRACT.md): the window's net change in the review fields, plus {@code commits}
 * ranked riskiest first, {@code netChange} and {@code unrelatedCommits}.
 */
public final class TimelineJson {
    private TimelineJson() {
    }

    public static String write(TimelineResult t) {
        ReviewResult net = t.net();
        ObjectNode root = Json.header("timeline", t.complete(), TimelineText.diagnostics(t));
        root.set("base", Origins.json(net.base().origin()));
        root.set("head", Origins.json(net.head().origin()));
        root.put("risk", t.risk().label());
        root.put("firstParent", true);
        root.set("resourceChanges", ReviewJson.resourceChanges(net.resources().changes()));
        root.set("routeChanges", ReviewJson.routeChanges(net.routes().changes(), net.base(), net.head()));
        root.set("findings", ReviewJson.findings(net.findings()));
        t.request().ifPresent(p -> {
            ObjectNode rq = root.putObject("request");
            rq.setAll(ReviewJson.request(p.request()));
            p.loadBalancer().ifPresent(lb -> rq.put("loadBalancer", lb));
            p.port().ifPresent(port -> rq.put("port", port));
        });
        t.invariant().ifPresent(trail -> root.set("invariant", InvariantTrailSection.json(trail)));
        if (net.policy().judge().exists() || !net.policy().warnings().isEmpty()) {
            root.set("policy", PolicySection.json(net.policy()));
        }
        net.traffic().ifPresent(c -> TrafficSection.json(root, net)); // the window's, as its net change weighs it
        ArrayNode commits = root.putArray("commits");
        t.entries().forEach(e -> commits.add(entry(e, t)));
        if (t.follows()) {
            ArrayNode others = root.putArray(t.request().isPresent() ? "requestUnmovedCommits"
                    : "invariantUnchangedCommits");
            t.otherEntries().forEach(e -> others.add(entry(e, t)));
        }
        ObjectNode n = root.putObject("netChange");
        n.set("base", Origins.json(net.base().origin()));
        n.set("head", Origins.json(net.head().origin()));
        n.put("risk", net.risk().label());
        n.put("complete", net.complete());
        n.set("routeChanges", ReviewJson.routeChanges(net.routes().changes(), net.base(), net.head()));
        n.set("findings", ReviewJson.findings(net.findings()));
        n.set("resourceChanges", ReviewJson.resourceChanges(net.resources().changes()));
        if (t.request().isPresent()) {
            n.set("requestMoves", moves(t.netRequestMoves(), net.base(), net.head()));
        }
        net.traffic().ifPresent(c -> TrafficSection.json(n, net));
        ArrayNode unrelated = root.putArray("unrelatedCommits");
        t.unrelated().forEach(c -> unrelated.add(commit(c)));
        return Json.write(root, secrets(t));
    }

    private static ObjectNode entry(TimelineEntry e, TimelineResult t) {
        ReviewResult r = e.review();
        ObjectNode n = commit(e.commit());
        n.put("risk", r.risk().label());
        n.put("complete", r.complete());
        ArrayNode modules = n.putArray("modules");
        e.modules().forEach(modules::add);
        n.set("routeChanges", ReviewJson.routeChanges(r.routes().changes(), r.base(), r.head()));
        n.set("findings", ReviewJson.findings(r.findings()));
        n.set("resourceChanges", ReviewJson.resourceChanges(r.resources().changes()));
        r.traffic().ifPresent(c -> TrafficSection.json(n, r));
        if (e.commit().isMerge()) {
            ArrayNode merged = n.putArray("mergedCommits");
            e.mergedCommits().forEach(c -> merged.add(commit(c)));
        }
        if (!e.requestMoves().isEmpty()) {
            n.set("requestMoves", moves(e.requestMoves(), r.base(), r.head()));
        }
        t.invariant().ifPresent(trail -> InvariantTrailSection.entryJson(n, trail, e.commit()));
        return n;
    }

    static ObjectNode commit(Commit c) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("commit", c.id());
        ArrayNode parents = n.putArray("parents");
        c.parents().forEach(parents::add);
        n.put("author", c.author());
        n.put("email", c.email());
        n.put("time", c.time().toString());
        n.put("subject", c.subject());
        return n;
    }

    private static ArrayNode moves(List<RequestProbe.Move> moves, RoutingSnapshot base, RoutingSnapshot head) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (RequestProbe.Move m : moves) {
            ObjectNode n = a.addObject();
            n.put("loadBalancer", m.loadBalancer());
            n.put("listener", m.listener());
            n.put("moved", m.moved());
            n.set("before", ReviewJson.destination(m.before(), base));
            n.set("after", ReviewJson.destination(m.after(), head));
        }
        return a;
    }

    /** The secrets of every snapshot the timeline compared: hidden in every format. */
    public static dev.lbguard.model.Secrets secrets(TimelineResult t) {
        java.util.List<dev.lbguard.model.Secrets> all = new java.util.ArrayList<>();
        all.add(Redaction.secretsOf(t.net()));
        for (TimelineEntry e : t.entries()) {
            all.add(Redaction.secretsOf(e.review()));
        }
        for (TimelineEntry e : t.otherEntries()) {
            all.add(Redaction.secretsOf(e.review()));
        }
        return dev.lbguard.model.Secrets.union(all);
    }
}

package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.diff.Destination;
import dev.lbguard.model.Authenticate;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.WeightedTarget;
import java.util.List;

/**
 * How every report writes where a request goes: a one-line summary ("forward shop-api 90%, shop-canary 10%")
 * and the JSON form with target groups named as CONTRACT.md says (their name where known, else their address).
 */
public final class Destinations {
    private Destinations() {
    }

    public static String summary(RuleAction action, RoutingSnapshot snapshot) {
        return dev.lbguard.model.ActionSummary.of(action, snapshot);
    }

    /** {@code {"type", "summary", "targets": [{"name", "id", "weight"}], ...}}. */
    public static ObjectNode json(RuleAction action, RoutingSnapshot snapshot) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("summary", summary(action, snapshot));
        if (!action.authenticate().isEmpty()) {
            ArrayNode auth = n.putArray("authenticate");
            for (Authenticate a : action.authenticate()) {
                ObjectNode an = auth.addObject();
                an.put("type", a.kind().label());
                a.settings().forEach(an::put);
            }
        }
        action.terminal().accept(new RouteAction.Visitor<Void>() {
            @Override
            public Void forward(RouteAction.Forward f) {
                n.put("type", "forward");
                ArrayNode targets = n.putArray("targets");
                for (WeightedTarget t : f.targets()) {
                    ObjectNode tn = targets.addObject();
                    tn.put("name", snapshot.targetGroupName(t));
                    tn.put("id", t.targetGroup().value());
                    if (t.weightUnknown()) {
                        tn.putNull("weight"); // never a 0 nobody wrote
                    } else {
                        tn.put("weight", t.weight());
                    }
                    t.unresolved().ifPresent(r -> tn.put("unresolved", r));
                }
                f.stickiness().ifPresent(s -> n.putObject("stickiness").put("durationSeconds", s.durationSeconds()));
                return null;
            }

            @Override
            public Void redirect(RouteAction.Redirect r) {
                n.put("type", "redirect");
                n.putObject("redirect").put("protocol", r.protocol()).put("port", r.port()).put("host", r.host())
                        .put("path", r.path()).put("query", r.query()).put("statusCode", r.statusCode());
                return null;
            }

            @Override
            public Void fixedResponse(RouteAction.FixedResponse f) {
                n.put("type", "fixed-response");
                n.putObject("fixedResponse").put("statusCode", f.statusCode()).put("contentType", f.contentType())
                        .put("messageBody", f.body());
                return null;
            }

            @Override
            public Void unresolved(RouteAction.Unresolved u) {
                n.put("type", "unknown");
                n.put("reason", u.reason());
                return null;
            }
        });
        return n;
    }

    /** One line for a destination, as text and markdown print it. */
    /**
     * A route change's two destinations, each as {@link #summary(Destination, RoutingSnapshot)} says it; where both
     * read alike (a target group re-created under its old name), each names its groups' ids too, so that "before
     * forward web / after forward web" never stands for a change.
     */
    public static String[] summaries(dev.lbguard.diff.RouteChange c, RoutingSnapshot base, RoutingSnapshot head) {
        String before = summary(c.before(), base);
        String after = summary(c.after(), head);
        if (!before.equals(after)) {
            return new String[] {before, after};
        }
        return new String[] {before + ids(c.before()), after + ids(c.after())};
    }

    private static String ids(Destination d) {
        List<String> ids = d.action().filter(a -> a.terminal() instanceof RouteAction.Forward)
                .map(a -> ((RouteAction.Forward) a.terminal()).targets().stream()
                        .map(t -> t.targetGroup().value()).toList())
                .orElse(List.of());
        return ids.isEmpty() ? "" : " [" + String.join(", ", ids) + "]";
    }

    public static String summary(Destination d, RoutingSnapshot snapshot) {
        return switch (d.kind()) {
            case ACTION -> summary(d.action().orElseThrow(), snapshot);
            case NO_LISTENER -> "no listener (connection refused)";
            default -> unknown(d);
        };
    }

    /** An unknown destination in words; on a listener of another stack, what is not seen, not "unknown". */
    static String unknown(Destination d) {
        return d.reason().equals(dev.lbguard.model.RouteAction.Unresolved.NOT_TAKEN) ? d.reason() : "unknown: " + d.reason();
    }
}

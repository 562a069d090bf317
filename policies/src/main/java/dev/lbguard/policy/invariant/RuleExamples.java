package dev.lbguard.policy.invariant;

import dev.lbguard.diff.Destination;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.RoutingSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * For every listener, one request each rule (and the default action) takes, and the rules whose reach the
 * evaluator cannot decide. Found by diffing the snapshot against one without load balancers: the route differ
 * splits each listener's request space into exact classes and names each class's winner, so a rule no class
 * reaches is one no request can take.
 */
final class RuleExamples {
    /** A rule that takes requests, one of which is {@code example}; {@code rule} empty is the default action. */
    record Example(Optional<ElementId> rule, RouteChange change) {
    }

    /** Per listener: the examples in the differ's order, and the rules (or default, as empty) left undecided. */
    record OfListener(Map<Optional<ElementId>, Example> examples, Set<String> undecided) {
    }

    private RuleExamples() {
    }

    static Map<ElementId, OfListener> of(RoutingSnapshot snapshot) {
        RoutingSnapshot none = new RoutingSnapshot(snapshot.origin(), List.of(), snapshot.targetGroups(), List.of());
        RouteDiff diff = new RouteDiffer().diff(none, snapshot);
        Map<ElementId, OfListener> out = new LinkedHashMap<>();
        for (RouteChange c : diff.changes()) {
            OfListener l = out.computeIfAbsent(c.listener(), k -> new OfListener(new LinkedHashMap<>(), new TreeSet<>()));
            if (c.after().kind() == Destination.Kind.ACTION) {
                l.examples().putIfAbsent(c.after().rule(), new Example(c.after().rule(), c));
            } else {
                l.undecided().add(c.after().rule().map(ElementId::value).orElse(Coverage.DEFAULT));
            }
        }
        return out;
    }
}

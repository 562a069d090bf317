package dev.lbguard.analysis;

import dev.lbguard.diff.Destination;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.policy.TrafficCounts.DestinationLoad;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The requests each destination takes on either side. A target group is known by its name, as a request
 * reaches it; a weighted forward gives each group its share of the count; redirects and fixed responses are
 * known by what they answer.
 */
final class TrafficLoads {
    private final RoutingSnapshot base;
    private final RoutingSnapshot head;
    private final Map<String, double[]> loads = new LinkedHashMap<>();
    private final Map<String, Optional<ElementId>> groups = new HashMap<>();
    private final Set<String> inBase = new java.util.HashSet<>();

    TrafficLoads(RoutingSnapshot base, RoutingSnapshot head) {
        this.base = base;
        this.head = head;
        base.targetGroups().forEach(g -> inBase.add("target group " + base.targetGroupName(g.id())));
    }

    /** How a destination splits its requests, worked out once per action: most requests share a few. */
    private record Part(String label, Optional<ElementId> group, double share) {
    }

    private static final List<Part> NO_LISTENER = List.of(new Part("no listener (connection refused)",
            Optional.empty(), 1));
    private final List<Map<RuleAction, List<Part>>> splits = List.of(new IdentityHashMap<>(),
            new IdentityHashMap<>());

    void add(Destination before, Destination after, long count) {
        // Indexed, not iterated: an iterator per request and side was most of what weighing allocated.
        List<Part> b = split(before, 0);
        for (int i = 0; i < b.size(); i++) {
            share(b.get(i), 0, count);
        }
        List<Part> a = split(after, 1);
        for (int i = 0; i < a.size(); i++) {
            share(a.get(i), 1, count);
        }
    }

    /** The share of requests that reach the same destination on both sides, as weighted forwards split them. */
    double overlap(Destination before, Destination after) {
        double same = 0;
        for (Part b : split(before, 0)) {
            for (Part a : split(after, 1)) {
                if (a.label().equals(b.label())) {
                    same += Math.min(a.share(), b.share());
                }
            }
        }
        return same;
    }

    private List<Part> split(Destination d, int side) {
        if (d.action().isEmpty()) {
            return NO_LISTENER;
        }
        // Looked up before it is worked out: a lambda capturing the snapshot was an object per request.
        Map<RuleAction, List<Part>> known = splits.get(side);
        List<Part> parts = known.get(d.action().get());
        if (parts == null) {
            parts = parts(d.action().get(), side == 0 ? base : head);
            known.put(d.action().get(), parts);
        }
        return parts;
    }

    private static List<Part> parts(RuleAction action, RoutingSnapshot s) {
        if (!(action.terminal() instanceof RouteAction.Forward f)) {
            return List.of(new Part(dev.lbguard.model.ActionSummary.of(action, s), Optional.empty(), 1));
        }
        int total = f.targets().stream().mapToInt(WeightedTarget::weight).sum();
        Map<String, Part> parts = new LinkedHashMap<>();
        for (WeightedTarget t : f.targets()) {
            double part = total == 0 ? 1.0 / f.targets().size() : (double) t.weight() / total;
            if (part > 0) {
                String label = "target group " + s.targetGroupName(t);
                parts.merge(label, new Part(label, Optional.of(t.targetGroup()), part),
                        (x, y) -> new Part(label, x.group(), x.share() + y.share()));
            }
        }
        return List.copyOf(parts.values());
    }

    private void share(Part p, int side, long count) {
        loads.computeIfAbsent(p.label(), k -> new double[2])[side] += count * p.share();
        if (p.group().isPresent() && (side == 1 || !groups.containsKey(p.label()))) {
            groups.put(p.label(), p.group()); // the head's id names what the change sends traffic to
        }
    }

    List<DestinationLoad> result() {
        List<DestinationLoad> out = new ArrayList<>();
        loads.forEach((label, n) -> out.add(new DestinationLoad(groups.getOrDefault(label, Optional.empty()),
                label, n[0], n[1], inBase.contains(label) || n[0] > 0)));
        out.sort(Comparator.comparingDouble(DestinationLoad::after).reversed()
                .thenComparing(DestinationLoad::label));
        return out;
    }
}

package dev.lbguard.policy.invariant;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.policy.InvariantResult;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RoutingSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How much of the route table the invariants exercise: per listener, the rules (the default action counted as
 * one) that at least one invariant's request is taken by, over all rules some request can take. A rule no request
 * can take (shadowed whole by rules above it) cannot be exercised and is listed apart, not counted; one whose reach
 * the evaluator cannot decide is counted.
 */
public record Coverage(List<ListenerCoverage> listeners) {
    /** How the default action of a listener is named among its rules. */
    public static final String DEFAULT = "default";

    /**
     * @param name {@code LB:PORT}, as an invariant names the listener
     * @param rules rule ids in evaluation order, then {@code default}; unreachable rules left out
     * @param uncovered those of {@code rules} no invariant exercises
     * @param unreachable rules no request can take
     */
    public record ListenerCoverage(String name, ElementId listener, List<String> rules, List<String> uncovered,
                                   List<String> unreachable) {
        public ListenerCoverage {
            rules = List.copyOf(rules);
            uncovered = List.copyOf(uncovered);
            unreachable = List.copyOf(unreachable);
        }

        public int covered() {
            return rules.size() - uncovered.size();
        }
    }

    public Coverage {
        listeners = List.copyOf(listeners);
    }

    /** Coverage of {@code snapshot} by the invariants whose results are {@code results} (on that snapshot). */
    public static Coverage of(RoutingSnapshot snapshot, List<InvariantResult> results) {
        java.util.Map<ElementId, Set<String>> taken = new java.util.HashMap<>();
        for (InvariantResult r : results) {
            r.listener().ifPresent(l -> r.takenBy().ifPresent(t -> taken.computeIfAbsent(l.id(), k -> new TreeSet<>())
                    .add(t)));
        }
        // Which rules some request can take is known without splitting a listener whose every rule an invariant
        // takes; only the others are split into classes (the cost of coverage).
        Map<ElementId, RuleExamples.OfListener> reach = RuleExamples.of(snapshot,
                l -> !taken.getOrDefault(l.id(), Set.of()).containsAll(candidates(l)));
        List<ListenerCoverage> out = new ArrayList<>();
        for (LoadBalancer lb : snapshot.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                Set<String> byInvariants = taken.getOrDefault(l.id(), Set.of());
                RuleExamples.OfListener examples = reach.get(l.id());
                List<String> rules = new ArrayList<>();
                List<String> unreachable = new ArrayList<>();
                for (String rule : candidates(l)) {
                    boolean reachable = examples == null || byInvariants.contains(rule)
                            || examples.undecided().contains(rule) || examples.examples().containsKey(
                                    rule.equals(DEFAULT) ? Optional.empty() : Optional.of(ElementId.of(rule)));
                    if (reachable) {
                        rules.add(rule);
                    } else if (!rule.equals(DEFAULT)) {
                        unreachable.add(rule);
                    }
                }
                List<String> uncovered = rules.stream().filter(r -> !byInvariants.contains(r)).toList();
                out.add(new ListenerCoverage(name(snapshot, lb, l), l.id(), rules, uncovered, unreachable));
            }
        }
        return new Coverage(out);
    }

    /** A listener's rules in evaluation order, then its default action unless it is another stack's. */
    private static List<String> candidates(Listener l) {
        List<String> out = new ArrayList<>();
        for (Rule rule : l.rulesInEvaluationOrder()) {
            out.add(rule.id().value());
        }
        if (!notTaken(l)) {
            out.add(DEFAULT);
        }
        return out;
    }

    /** The default action of a listener of another stack is not seen here, so no invariant can exercise it. */
    private static boolean notTaken(Listener l) {
        return l.defaultAction().terminal() instanceof dev.lbguard.model.RouteAction.Unresolved u && u.isNotTaken();
    }

    /** {@code LB:PORT} with the load balancer's name, or its address when another one has that name. */
    static String name(RoutingSnapshot snapshot, LoadBalancer lb, Listener l) {
        String lbName = snapshot.loadBalancersNamed(lb.name()).size() == 1 ? lb.name() : lb.id().value();
        return lbName + ":" + l.port();
    }

    public int rules() {
        return listeners.stream().mapToInt(l -> l.rules().size()).sum();
    }

    public int covered() {
        return listeners.stream().mapToInt(ListenerCoverage::covered).sum();
    }

    /** The share covered, 0 to 100; 100 when there is nothing to cover. */
    public double percent() {
        return rules() == 0 ? 100.0 : 100.0 * covered() / rules();
    }

    /** Every uncovered rule, as {@code LB:PORT rule}. */
    public List<String> uncovered() {
        List<String> out = new ArrayList<>();
        for (ListenerCoverage l : listeners) {
            l.uncovered().forEach(r -> out.add(l.name() + " " + r));
        }
        return out;
    }
}

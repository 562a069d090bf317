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
        Map<ElementId, RuleExamples.OfListener> reach = RuleExamples.of(snapshot);
        List<ListenerCoverage> out = new ArrayList<>();
        for (LoadBalancer lb : snapshot.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                Set<String> taken = new TreeSet<>();
                for (InvariantResult r : results) {
                    if (r.listener().map(Listener::id).filter(l.id()::equals).isPresent()) {
                        r.takenBy().ifPresent(taken::add);
                    }
                }
                RuleExamples.OfListener examples = reach.getOrDefault(l.id(),
                        new RuleExamples.OfListener(Map.of(), Set.of()));
                List<String> rules = new ArrayList<>();
                List<String> unreachable = new ArrayList<>();
                for (Rule rule : l.rulesInEvaluationOrder()) {
                    boolean reachable = examples.examples().containsKey(Optional.of(rule.id()))
                            || examples.undecided().contains(rule.id().value());
                    (reachable ? rules : unreachable).add(rule.id().value());
                }
                if (!notTaken(l)
                        && (examples.examples().containsKey(Optional.empty()) || examples.undecided().contains(DEFAULT))) {
                    rules.add(DEFAULT);
                }
                List<String> uncovered = rules.stream().filter(r -> !taken.contains(r)).toList();
                out.add(new ListenerCoverage(name(snapshot, lb, l), l.id(), rules, uncovered, unreachable));
            }
        }
        return new Coverage(out);
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

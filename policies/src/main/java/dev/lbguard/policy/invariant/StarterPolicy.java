package dev.lbguard.policy.invariant;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.policy.Expectation;
import dev.lbguard.policy.InvariantCheck;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.Severity;
import dev.lbguard.route.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code policy init}: one invariant per rule and default action of every listener, each with a request the
 * rule takes (the route differ's example of its class, client address included: every request has one, and an
 * invariant without it turns unknown when a rule above starts to look at addresses) and where it goes today. Every invariant is
 * checked before it is written, so the starter passes {@code check} with every reachable rule covered; what
 * cannot be written (a destination lbguard cannot read) is listed as a note instead.
 *
 * @param invariants in listener order, then the listener's evaluation order, then the default action
 * @param notes what was not written, and why
 */
public record StarterPolicy(List<Invariant> invariants, List<String> notes) {
    public StarterPolicy {
        invariants = List.copyOf(invariants);
        notes = List.copyOf(notes);
    }

    public static StarterPolicy of(RoutingSnapshot snapshot, String path) {
        Map<ElementId, RuleExamples.OfListener> examples = RuleExamples.of(snapshot);
        List<Invariant> invariants = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (LoadBalancer lb : snapshot.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                String name = Coverage.name(snapshot, lb, l);
                RuleExamples.OfListener of = examples.get(l.id());
                if (of == null) {
                    continue;
                }
                if (lb.listenersOnPort(l.port()).size() > 1) {
                    notes.add(name + ": more than one listener on this port; an invariant cannot name one of them");
                    continue;
                }
                List<RuleExamples.Example> ordered = new ArrayList<>(of.examples().values());
                ordered.sort(Comparator.comparingInt(e -> order(l, e.rule())));
                for (RuleExamples.Example e : ordered) {
                    String taker = e.rule().map(ElementId::value).orElse(Coverage.DEFAULT);
                    Request request = e.of().example();
                    RuleAction action = e.of().destination().action().orElseThrow();
                    Optional<Expectation> expect = expectation(action.terminal(), request, l, snapshot);
                    if (expect.isEmpty()) {
                        notes.add(name + " " + taker + ": its destination is not known (" + action + ")");
                        continue;
                    }
                    Invariant inv = new Invariant(name + " " + taker, name, request, expect.get(), Severity.HIGH,
                            SourceRef.file(path));
                    if (InvariantCheck.check(snapshot, inv).passed()) {
                        invariants.add(inv);
                    } else {
                        notes.add(name + " " + taker + ": no invariant found that lbguard can check");
                    }
                }
                of.undecided().forEach(u -> notes.add(name + " " + u + ": which requests it takes depends on a value "
                        + "lbguard could not read"));
            }
        }
        return new StarterPolicy(invariants, notes);
    }

    private static int order(Listener l, Optional<ElementId> rule) {
        if (rule.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        List<dev.lbguard.model.Rule> rules = l.rulesInEvaluationOrder();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(rule.get())) {
                return i;
            }
        }
        return Integer.MAX_VALUE - 1;
    }

    private static Optional<Expectation> expectation(RouteAction action, Request request, Listener l,
                                                     RoutingSnapshot snapshot) {
        if (action instanceof RouteAction.Forward f && f.isKnown()) {
            java.util.Map<String, Integer> split = new java.util.TreeMap<>();
            for (WeightedTarget t : f.targets()) {
                if (t.weight() > 0 || f.targets().size() == 1) {
                    String name = snapshot.targetGroupName(t.targetGroup());
                    long sameName = snapshot.targetGroups().stream().map(TargetGroup::name).filter(name::equals).count();
                    split.merge(sameName > 1 ? t.targetGroup().value() : name, Math.max(t.weight(), 1), Integer::sum);
                }
            }
            if (split.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(split.size() == 1 ? Expectation.forwardTo(split.keySet().iterator().next())
                    : Expectation.forward(split));
        }
        if (action instanceof RouteAction.Redirect r) {
            return Optional.of(Expectation.of(Expectation.Kind.REDIRECT,
                    InvariantCheck.RedirectUrl.of(r, request, l)));
        }
        if (action instanceof RouteAction.FixedResponse fr && fr.statusCode().matches("[1-5]\\d\\d")) {
            return Optional.of(Expectation.of(Expectation.Kind.FIXED_RESPONSE, fr.statusCode()));
        }
        return Optional.empty();
    }
}

package dev.lbguard.source;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Move;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the snapshots of several configuration roots of one revision (Terraform root modules, HAProxy configs,
 * Ansible trees) into one. Two roots that define the same element cannot be told apart, so that is an error;
 * except a listener of another stack that several roots attach rules to (the platform's HTTPS listener, found by
 * the same lookup): there their rules are seen together, as AWS evaluates them.
 */
public final class SnapshotMerger {
    private SnapshotMerger() {
    }

    public static RoutingSnapshot merge(SnapshotOrigin origin, List<RoutingSnapshot> parts) {
        Map<ElementId, LoadBalancer> loadBalancers = new LinkedHashMap<>();
        Map<ElementId, TargetGroup> targetGroups = new LinkedHashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        List<List<LoadBalancer>> byPart = new ArrayList<>();
        for (RoutingSnapshot one : parts) {
            diagnostics.addAll(one.diagnostics());
            moves.addAll(one.moves());
            List<LoadBalancer> unlinked = unlinkClashingTargets(one, targetGroups);
            byPart.add(unlinked);
            for (LoadBalancer lb : unlinked) {
                LoadBalancer earlier = loadBalancers.putIfAbsent(lb.id(), lb);
                if (earlier != null && lb.managedElsewhere()) {
                    loadBalancers.put(lb.id(), SharedListeners.join(earlier, lb, diagnostics));
                } else if (earlier != null) {
                    diagnostics.add(clash("load balancer", lb.id(), lb.source(), earlier.source()));
                }
            }
            for (TargetGroup tg : one.targetGroups()) {
                TargetGroup first = targetGroups.putIfAbsent(tg.id(), tg);
                if (first != null) {
                    diagnostics.add(clash("target group", tg.id(), tg.source(), first.source()));
                }
            }
        }
        nestedClashes(byPart, diagnostics);
        return RoutingSnapshot.of(origin, loadBalancers.values(), targetGroups.values(), diagnostics, moves)
                .withSecrets(dev.lbguard.model.Secrets.of(parts));
    }

    /**
     * The load balancers of {@code part}, each forward to a target group whose address an earlier root defines
     * ({@code earlier}) made unresolved. The merged snapshot keeps the earlier root's group under that address;
     * naming it would send this root's requests to another root's group as if that were sure. Keeping each root's
     * group apart would need an address no other revision uses, which the diffs would see as a rename.
     */
    public static List<LoadBalancer> unlinkClashingTargets(RoutingSnapshot part, Map<ElementId, TargetGroup> earlier) {
        Map<ElementId, String> reasons = new java.util.HashMap<>();
        for (TargetGroup tg : part.targetGroups()) {
            TargetGroup first = earlier.get(tg.id());
            if (first != null) {
                reasons.put(tg.id(), "target group " + tg.id() + " is defined by more than one root module ("
                        + at(tg.source()) + " and " + at(first.source()) + "); give --dir to read one root module at a time");
            }
        }
        if (reasons.isEmpty()) {
            return part.loadBalancers();
        }
        List<LoadBalancer> out = new ArrayList<>();
        for (LoadBalancer lb : part.loadBalancers()) {
            List<Listener> listeners = new ArrayList<>();
            for (Listener l : lb.listeners()) {
                List<Rule> rules = l.rules().stream().map(r -> new Rule(r.id(), r.source(), r.priority(), r.match(),
                        unlink(r.action(), reasons))).toList();
                listeners.add(new Listener(l.id(), l.source(), l.protocol(), l.port(), l.sslPolicy(), l.certificates(),
                        unlink(l.defaultAction(), reasons), rules, l.semantics()));
            }
            out.add(new LoadBalancer(lb.id(), lb.source(), lb.name(), lb.type(), lb.internal(), listeners));
        }
        return out;
    }

    private static RuleAction unlink(RuleAction action, Map<ElementId, String> reasons) {
        if (!(action.terminal() instanceof RouteAction.Forward f)
                || f.targets().stream().noneMatch(t -> t.isResolved() && reasons.containsKey(t.targetGroup()))) {
            return action;
        }
        List<WeightedTarget> targets = f.targets().stream().map(t -> t.isResolved() && reasons.containsKey(t.targetGroup())
                ? WeightedTarget.unresolved(t.targetGroup(), t.weight(), reasons.get(t.targetGroup())) : t).toList();
        return new RuleAction(action.authenticate(), new RouteAction.Forward(targets, f.stickiness()));
    }

    private static String at(SourceRef source) {
        return source.path() + ":" + source.line();
    }

    /**
     * Listeners and rules of one address under two load balancers (two roots that name them alike under load
     * balancers they name apart): the diffs and the rules know an element by its address, so one of them would go
     * unseen, its changes with it. An error says so, as for two load balancers of one address. Within one load
     * balancer an address may repeat: an HAProxy frontend bound to several ports is a listener per port, sharing
     * its rules. A clash within one part was found by whoever merged that part (the Terraform roots, merged before
     * they meet an HAProxy dir), so only addresses met in two parts are reported here: each clash once, naming the
     * line met first.
     */
    public static void nestedClashes(List<List<LoadBalancer>> parts, List<Diagnostic> diagnostics) {
        Map<ElementId, Owner> owners = new java.util.HashMap<>();
        for (int part = 0; part < parts.size(); part++) {
            for (LoadBalancer lb : parts.get(part)) {
                for (dev.lbguard.model.Listener l : lb.listeners()) {
                    nested("listener", l.id(), l.source(), new Owner(lb.id(), l.source(), part), owners, diagnostics);
                    for (dev.lbguard.model.Rule r : l.rules()) {
                        nested("rule", r.id(), r.source(), new Owner(lb.id(), r.source(), part), owners, diagnostics);
                    }
                }
            }
        }
    }

    /** Where an address was first met: under which load balancer, at which line, in which part. */
    private record Owner(ElementId loadBalancer, SourceRef source, int part) {
    }

    private static void nested(String what, ElementId id, SourceRef source, Owner here, Map<ElementId, Owner> owners,
                               List<Diagnostic> diagnostics) {
        Owner first = owners.putIfAbsent(id, here);
        if (first != null && first.part() != here.part() && !first.loadBalancer().equals(here.loadBalancer())) {
            diagnostics.add(clash(what, id, source, first.source()));
        }
    }

    /** One address in two roots read together: {@code source} is the second, {@code earlier} the first. */
    public static Diagnostic clash(String what, ElementId id, SourceRef source, SourceRef earlier) {
        return Diagnostic.error("address-clash", what + " " + id + " is defined by more than one root module (first at "
                + earlier.path() + ":" + earlier.line() + "), and lbguard knows an element by its address; give --dir "
                + "to read one root module at a time", source);
    }
}

package dev.lbguard.diff;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Move;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two snapshots without the load balancers a change leaves untouched, so that a review of a one-rule commit on a
 * root of fifty load balancers reads one of them (issue 22). Untouched means: on both sides under one id, managed
 * here, with the same name, type and scheme, and the same listeners, each routing as before ({@link
 * Listener#routesAs}) with the same TLS settings, every rule and default known, no two rules on one priority, and
 * forwarding only to target groups that are on both sides, alike in everything the diffs compare, whose targets
 * all take traffic. Such a load balancer adds nothing to the resource diff or the route diff, and no built-in risk
 * rule reports on it; target groups, diagnostics and moves are kept whole. A load balancer a move of either side
 * names (itself, a listener, a rule or a target group it forwards to, as the move's source or destination) is
 * touched: another root's move can give one of its elements the identity of another's; so is one whose name another
 * load balancer takes (the diffs then name it by id).
 *
 * <p>A review weighed by traffic is not narrowed (a target group's load counts every listener that forwards to it),
 * and a waiver's pattern is checked against the whole snapshots (see {@code Review}).
 */
public final class ChangeScope {
    private ChangeScope() {
    }

    /** {@code [base, head]} without their untouched load balancers; the same snapshots when none is untouched. */
    public static RoutingSnapshot[] narrow(RoutingSnapshot base, RoutingSnapshot head) {
        Map<ElementId, LoadBalancer> before = new HashMap<>();
        base.loadBalancers().forEach(lb -> before.putIfAbsent(lb.id(), lb));
        Map<ElementId, TargetGroup> baseGroups = new HashMap<>();
        base.targetGroups().forEach(tg -> baseGroups.putIfAbsent(tg.id(), tg));
        Map<ElementId, TargetGroup> headGroups = new HashMap<>();
        head.targetGroups().forEach(tg -> headGroups.putIfAbsent(tg.id(), tg));
        Map<ElementId, Boolean> groupsAlike = new HashMap<>();
        List<Move> moves = new ArrayList<>(base.moves());
        moves.addAll(head.moves());
        Set<ElementId> repeated = repeatedIds(base);
        repeated.addAll(repeatedIds(head));
        Set<String> sharedNames = sharedNames(base, head);
        Set<ElementId> untouched = new HashSet<>();
        for (LoadBalancer lb : head.loadBalancers()) {
            LoadBalancer was = before.get(lb.id());
            if (was != null && !repeated.contains(lb.id()) && unique(was, repeated) && unique(lb, repeated)
                    && !sharedNames.contains(lb.name())
                    && !named(was, moves) && !named(lb, moves)
                    && untouched(was, lb, id -> groupsAlike.computeIfAbsent(id,
                    g -> alike(baseGroups.get(g), headGroups.get(g))))) {
                untouched.add(lb.id());
            }
        }
        if (untouched.isEmpty()) {
            return new RoutingSnapshot[] {base, head};
        }
        return new RoutingSnapshot[] {without(base, untouched), without(head, untouched)};
    }

    private static boolean untouched(LoadBalancer was, LoadBalancer now,
                                     java.util.function.Predicate<ElementId> groupAlike) {
        if (was.managedElsewhere() || !was.name().equals(now.name()) || was.type() != now.type()
                || was.internal() != now.internal() || was.listeners().size() != now.listeners().size()) {
            return false;
        }
        for (int i = 0; i < was.listeners().size(); i++) {
            Listener a = was.listeners().get(i);
            Listener b = now.listeners().get(i);
            if (!a.id().equals(b.id()) || !a.routesAs(b) || !a.sslPolicy().equals(b.sslPolicy())
                    || !a.certificates().equals(b.certificates()) || !b.fullyKnown() || sharesPriority(b)
                    || !b.actions().allMatch(x -> forwardsToAlike(x, groupAlike))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ids of load balancers, listeners and rules met more than once in a snapshot (two roots may hold the same
     * address): the diffs keep the first of them, so which one is first must not change; such elements are reviewed.
     */
    private static Set<ElementId> repeatedIds(RoutingSnapshot s) {
        Set<ElementId> seen = new HashSet<>();
        Set<ElementId> repeated = new HashSet<>();
        for (LoadBalancer lb : s.loadBalancers()) {
            if (!seen.add(lb.id())) {
                repeated.add(lb.id());
            }
            for (Listener l : lb.listeners()) {
                if (!seen.add(l.id())) {
                    repeated.add(l.id());
                }
                for (Rule r : l.rules()) {
                    if (!seen.add(r.id())) {
                        repeated.add(r.id());
                    }
                }
            }
        }
        return repeated;
    }

    /**
     * Names that load balancers of different ids take, on either side: the diffs name such load balancers by id
     * and pair listeners by name, so none of them is left out.
     */
    private static Set<String> sharedNames(RoutingSnapshot base, RoutingSnapshot head) {
        Map<String, ElementId> byName = new HashMap<>();
        Set<String> shared = new HashSet<>();
        for (RoutingSnapshot s : List.of(base, head)) {
            for (LoadBalancer lb : s.loadBalancers()) {
                ElementId first = byName.putIfAbsent(lb.name(), lb.id());
                if (first != null && !first.equals(lb.id())) {
                    shared.add(lb.name());
                }
            }
        }
        return shared;
    }

    private static boolean unique(LoadBalancer lb, Set<ElementId> repeated) {
        return lb.listeners().stream().noneMatch(l -> repeated.contains(l.id())
                || l.rules().stream().anyMatch(r -> repeated.contains(r.id())));
    }

    /** True when a move names the load balancer or anything of it, from either end. */
    private static boolean named(LoadBalancer lb, List<Move> moves) {
        if (moves.isEmpty()) {
            return false;
        }
        List<ElementId> ids = new ArrayList<>(List.of(lb.id()));
        for (Listener l : lb.listeners()) {
            ids.add(l.id());
            l.rules().forEach(r -> ids.add(r.id()));
            l.actions().forEach(a -> {
                if (a.terminal() instanceof RouteAction.Forward f) {
                    f.targets().forEach(t -> ids.add(t.targetGroup()));
                }
            });
        }
        for (Move m : moves) {
            Move back = new Move(m.to(), m.from(), m.source());
            if (ids.stream().anyMatch(id -> m.apply(id).isPresent() || back.apply(id).isPresent())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sharesPriority(Listener l) {
        Set<Integer> seen = new HashSet<>();
        return l.rules().stream().anyMatch(r -> r.priority().isKnown() && !seen.add(r.priority().value()));
    }

    private static boolean forwardsToAlike(RuleAction action, java.util.function.Predicate<ElementId> groupAlike) {
        return !(action.terminal() instanceof RouteAction.Forward f)
                || f.targets().stream().allMatch(t -> t.isResolved() && groupAlike.test(t.targetGroup()));
    }

    /** On both sides, alike in what the diffs read of it, and every target taking traffic. */
    private static boolean alike(TargetGroup was, TargetGroup now) {
        if (was == null || now == null || !was.name().equals(now.name()) || !was.protocol().equals(now.protocol())
                || was.port() != now.port() || !was.targetType().equals(now.targetType())
                || !was.healthCheck().equals(now.healthCheck()) || was.targets().size() != now.targets().size()) {
            return false;
        }
        for (int i = 0; i < was.targets().size(); i++) {
            Target a = was.targets().get(i);
            Target b = now.targets().get(i);
            if (!a.id().equals(b.id()) || !a.targetId().equals(b.targetId()) || !a.port().equals(b.port())
                    || !a.status().equals(b.status()) || a.backup() != b.backup() || !b.takesTraffic()) {
                return false;
            }
        }
        return true;
    }

    private static RoutingSnapshot without(RoutingSnapshot s, Set<ElementId> untouched) {
        List<LoadBalancer> kept = new ArrayList<>();
        for (LoadBalancer lb : s.loadBalancers()) {
            if (!untouched.contains(lb.id())) {
                kept.add(lb);
            }
        }
        return new RoutingSnapshot(s.origin(), kept, s.targetGroups(), s.diagnostics(), s.moves(), s.secrets());
    }
}

package dev.lbguard.diff;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.diagnostic.UnreadScope;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.TargetGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Two snapshots made comparable; every diff and policy compares through here.
 * <ul>
 * <li>Where one revision could not read a part of the configuration as a whole (a module it could not install, a
 * file that does not parse), the elements of that part are unknown there, not absent. Both sides leave them out, so
 * that a comparison never reports them added, removed or rerouted; the error that says what was not read makes the
 * comparison incomplete.</li>
 * <li>A listener managed elsewhere (an external listener, {@link LoadBalancer#managedElsewhere}) exists whether or
 * not a revision attaches rules to it: a side without it sees it with no rules of this configuration, so that a
 * request there is "not taken by these rules", never "no listener".</li>
 * </ul>
 */
public final class ComparableSnapshots {
    private ComparableSnapshots() {
    }

    /** {@code [base, head]}, comparable. */
    public static RoutingSnapshot[] of(RoutingSnapshot base, RoutingSnapshot head) {
        List<UnreadScope> baseScopes = scopes(base);
        List<UnreadScope> headScopes = scopes(head);
        List<UnreadScope> scopes = Stream.concat(baseScopes.stream(), headScopes.stream()).distinct().toList();
        RoutingSnapshot b = scopes.isEmpty() ? base : without(base, scopes, baseScopes, head);
        RoutingSnapshot h = scopes.isEmpty() ? head : without(head, scopes, headScopes, base);
        return new RoutingSnapshot[] {withExternalListenersOf(b, h), withExternalListenersOf(h, b)};
    }

    /**
     * {@code [base, head]} for comparing elements (the resource diff): every element either side could not read is
     * left out of both, so that nothing unread is reported added, removed or changed.
     */
    public static RoutingSnapshot[] ofElements(RoutingSnapshot base, RoutingSnapshot head) {
        List<UnreadScope> scopes = Stream.concat(scopes(base).stream(), scopes(head).stream()).distinct().toList();
        RoutingSnapshot b = scopes.isEmpty() ? base : without(base, scopes, scopes, null);
        RoutingSnapshot h = scopes.isEmpty() ? head : without(head, scopes, scopes, null);
        return new RoutingSnapshot[] {withExternalListenersOf(b, h), withExternalListenersOf(h, b)};
    }

    private static List<UnreadScope> scopes(RoutingSnapshot s) {
        return s.diagnostics().stream().filter(Diagnostic::isError).flatMap(d -> d.unread().stream()).distinct()
                .toList();
    }

    /** {@code s} with every external listener of {@code other} it lacks, holding no rules. */
    private static RoutingSnapshot withExternalListenersOf(RoutingSnapshot s, RoutingSnapshot other) {
        Map<ElementId, LoadBalancer> lbs = new LinkedHashMap<>();
        s.loadBalancers().forEach(lb -> lbs.put(lb.id(), lb));
        boolean changed = false;
        for (LoadBalancer theirs : other.loadBalancers()) {
            if (!theirs.managedElsewhere()) {
                continue;
            }
            LoadBalancer mine = lbs.get(theirs.id());
            List<Listener> listeners = new ArrayList<>(mine == null ? List.of() : mine.listeners());
            Set<ElementId> have = new HashSet<>();
            listeners.forEach(l -> have.add(l.id()));
            for (Listener l : theirs.listeners()) {
                if (have.add(l.id())) {
                    listeners.add(l.withRules(List.of()));
                    changed = true;
                }
            }
            LoadBalancer kept = mine == null ? theirs : mine;
            lbs.put(theirs.id(), new LoadBalancer(kept.id(), kept.source(), kept.name(), kept.type(), kept.internal(),
                    listeners));
        }
        return changed ? new RoutingSnapshot(s.origin(), List.copyOf(lbs.values()), s.targetGroups(),
                s.diagnostics(), s.moves(), s.secrets()) : s;
    }

    /**
     * {@code s} without the load balancers, listeners and target groups that either side could not read. A rule is
     * another matter: one this side read is what it says (a rule the other side could not read does not make it
     * less so), and one this side could not read (a {@code count} from a variable without a value: no instance)
     * stands as a rule that may take a request: its own where this side has it, else the other side's, with
     * nothing of it known, so that neither side states where such requests go as a fact.
     */
    private static RoutingSnapshot without(RoutingSnapshot s, List<UnreadScope> scopes, List<UnreadScope> own,
                                           RoutingSnapshot other) {
        Map<ElementId, Listener> others = new java.util.HashMap<>();
        if (other != null) {
            other.loadBalancers().forEach(lb -> lb.listeners().forEach(l -> others.putIfAbsent(l.id(), l)));
        }
        List<LoadBalancer> lbs = s.loadBalancers().stream().filter(lb -> !covered(scopes, lb.id(), lb.source()))
                .map(lb -> new LoadBalancer(lb.id(), lb.source(), lb.name(), lb.type(), lb.internal(),
                        lb.listeners().stream().filter(l -> !covered(scopes, l.id(), l.source()))
                                .map(l -> other == null ? withoutUnread(l, own) : listener(l, own, others.get(l.id())))
                                .toList()))
                .toList();
        List<TargetGroup> tgs = s.targetGroups().stream().filter(tg -> !covered(scopes, tg.id(), tg.source()))
                .toList();
        return new RoutingSnapshot(s.origin(), lbs, tgs, s.diagnostics(), s.moves(), s.secrets());
    }

    private static Listener withoutUnread(Listener l, List<UnreadScope> scopes) {
        List<Rule> rules = l.rules().stream().filter(r -> !covered(scopes, r.id(), r.source())).toList();
        return l.withRules(rules);
    }

    private static Listener listener(Listener l, List<UnreadScope> own, Listener other) {
        List<Rule> rules = new ArrayList<>();
        Set<ElementId> have = new HashSet<>();
        boolean changed = false;
        for (Rule r : l.rules()) {
            have.add(r.id());
            boolean unread = covered(own, r.id(), r.source());
            rules.add(unread ? standIn(r, true) : r);
            changed |= unread;
        }
        if (other != null && l.semantics() == dev.lbguard.model.RuleSemantics.ALB) {
            for (Rule r : other.rules()) {
                if (!have.contains(r.id()) && covered(own, r.id(), r.source())) {
                    rules.add(standIn(r, false));
                    changed = true;
                }
            }
        }
        return changed ? l.withRules(rules) : l;
    }

    /**
     * A rule this side could not read: whether it exists here is unknown. Its own (it was read in part): its
     * priority and conditions, and a condition that may or may not hold; the other side's: may take any request.
     */
    private static Rule standIn(Rule r, boolean ownVersion) {
        if (!(r.match() instanceof dev.lbguard.model.RuleMatch.Conditions alb)) {
            return r; // HAProxy rules are not read in part
        }
        Condition unread = Condition.pathPattern().withUnknown(r.id() + " could not be read at this revision (see "
                + "the errors): whether it takes this request is unknown");
        List<Condition> conditions = new ArrayList<>(ownVersion ? alb.conditions() : List.of());
        conditions.add(unread);
        return new Rule(r.id(), r.source(), ownVersion ? r.priority() : dev.lbguard.model.Priority.unknown(),
                conditions, r.action());
    }

    private static boolean covered(List<UnreadScope> scopes, ElementId id, SourceRef source) {
        return scopes.stream().anyMatch(s -> s.covers(id.value(), source.path()));
    }
}

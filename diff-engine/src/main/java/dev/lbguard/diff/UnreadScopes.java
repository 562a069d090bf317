package dev.lbguard.diff;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.diagnostic.UnreadScope;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.TargetGroup;
import java.util.List;
import java.util.stream.Stream;

/**
 * What two snapshots can be compared on: where one revision could not read a part of the configuration as a whole
 * (a module it could not install, a file that does not parse), the elements of that part are unknown there, not
 * absent. Both sides leave them out, so that a comparison never reports them added, removed or rerouted; the
 * error that says what was not read makes the comparison incomplete.
 */
public final class UnreadScopes {
    private UnreadScopes() {
    }

    /** Both snapshots without the elements either leaves unread; {@code [base, head]}. */
    public static RoutingSnapshot[] restrict(RoutingSnapshot base, RoutingSnapshot head) {
        List<UnreadScope> scopes = Stream.concat(base.diagnostics().stream(), head.diagnostics().stream())
                .filter(Diagnostic::isError).flatMap(d -> d.unread().stream()).distinct().toList();
        if (scopes.isEmpty()) {
            return new RoutingSnapshot[] {base, head};
        }
        return new RoutingSnapshot[] {without(base, scopes), without(head, scopes)};
    }

    private static RoutingSnapshot without(RoutingSnapshot s, List<UnreadScope> scopes) {
        List<LoadBalancer> lbs = s.loadBalancers().stream().filter(lb -> !covered(scopes, lb.id(), lb.source()))
                .map(lb -> new LoadBalancer(lb.id(), lb.source(), lb.name(), lb.type(), lb.internal(),
                        lb.listeners().stream().filter(l -> !covered(scopes, l.id(), l.source()))
                                .map(l -> listener(l, scopes)).toList()))
                .toList();
        List<TargetGroup> tgs = s.targetGroups().stream().filter(tg -> !covered(scopes, tg.id(), tg.source()))
                .toList();
        return new RoutingSnapshot(s.origin(), lbs, tgs, s.diagnostics(), s.moves());
    }

    private static Listener listener(Listener l, List<UnreadScope> scopes) {
        List<Rule> rules = l.rules().stream().filter(r -> !covered(scopes, r.id(), r.source())).toList();
        return new Listener(l.id(), l.source(), l.protocol(), l.port(), l.sslPolicy(), l.certificates(),
                l.defaultAction(), rules, l.semantics());
    }

    private static boolean covered(List<UnreadScope> scopes, ElementId id, SourceRef source) {
        return scopes.stream().anyMatch(s -> s.covers(id.value(), source.path()));
    }
}

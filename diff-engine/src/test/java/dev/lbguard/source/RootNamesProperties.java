package dev.lbguard.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Roots read together, drawn from a small vocabulary of addresses so that they often share some: merged, nothing is
 * lost (every root's load balancers, listeners, rules and target groups are there, each once), no address is
 * shared, every forward reaches the group of its own root, and roots that share nothing keep their addresses.
 */
class RootNamesProperties {
    private static final SnapshotOrigin ORIGIN = SnapshotOrigin.other("property");

    /** One root as drawn: its load balancer's address, its listeners' addresses, its groups' addresses. */
    record Drawn(String lb, List<String> listeners, List<String> groups) {
    }

    @Property(tries = 300)
    void mergedRootsLoseNothingShareNothingAndForwardToTheirOwnGroups(@ForAll("roots") List<Drawn> drawn) {
        Map<String, RoutingSnapshot> roots = new LinkedHashMap<>();
        for (int i = 0; i < drawn.size(); i++) {
            roots.put("env" + i, root("env" + i, drawn.get(i)));
        }
        RoutingSnapshot merged = SnapshotMerger.merge(ORIGIN, roots);

        assertThat(merged.complete()).isTrue();
        List<ElementId> ids = allIds(merged);
        assertThat(new HashSet<>(ids)).as("no address shared").hasSameSizeAs(ids);
        int declared = roots.values().stream().mapToInt(s -> s.loadBalancers().size() + s.targetGroups().size()
                + s.loadBalancers().stream().mapToInt(lb -> lb.listeners().size() * 2).sum()).sum();
        assertThat(ids).as("nothing lost").hasSize(declared);

        for (LoadBalancer lb : merged.loadBalancers()) {
            String root = lb.source().path().substring(0, lb.source().path().indexOf('/'));
            for (Listener l : lb.listeners()) {
                for (RuleAction action : actions(l)) {
                    RouteAction.Forward f = (RouteAction.Forward) action.terminal();
                    assertThat(f.isKnown()).isTrue();
                    TargetGroup tg = merged.targetGroup(f.targets().get(0).targetGroup()).orElseThrow();
                    assertThat(tg.name()).startsWith(root + ":");
                }
            }
        }

        Set<String> clashing = RootNames.clashing(List.of(roots));
        roots.forEach((root, snapshot) -> {
            ElementId lb = snapshot.loadBalancers().get(0).id();
            // Every root that shares an address is named apart, not only the later one: a comparison whose other
            // side lacks the later root must name the earlier alike.
            assertThat(merged.loadBalancer(clashing.contains(root)
                    ? ElementId.of(RootNames.prefix(root) + lb.value()) : lb)).isPresent();
        });
    }

    @Property(tries = 200)
    void clashesKeptAcrossChangesAreThoseOfAFreshReading(@ForAll("roots") List<Drawn> first,
                                                         @ForAll("roots") List<Drawn> second,
                                                         @ForAll("roots") List<Drawn> third) {
        // A walk replaces, adds and drops roots commit by commit; the kept answer must be the fresh one each time.
        RootClashes kept = new RootClashes();
        for (List<Drawn> step : List.of(first, second, third, first)) {
            Map<String, RoutingSnapshot> roots = new LinkedHashMap<>();
            for (int i = 0; i < step.size(); i++) {
                roots.put("env" + i, root("env" + i, step.get(i)));
            }
            assertThat(kept.update(roots)).isEqualTo(new RootClashes().update(roots))
                    .isEqualTo(slowClashing(roots));
        }
    }

    /** Every pair of roots compared address by address. */
    private static Set<String> slowClashing(Map<String, RoutingSnapshot> roots) {
        Set<String> out = new java.util.TreeSet<>();
        roots.forEach((a, sa) -> roots.forEach((b, sb) -> {
            if (!a.equals(b) && !java.util.Collections.disjoint(ids(sa), ids(sb))) {
                out.add(a);
            }
        }));
        return out;
    }

    private static Set<ElementId> ids(RoutingSnapshot s) {
        return new HashSet<>(allIds(s));
    }

    /** Every address a snapshot declares, as often as it declares it. */
    private static List<ElementId> allIds(RoutingSnapshot s) {
        List<ElementId> ids = new ArrayList<>();
        s.loadBalancers().forEach(lb -> {
            ids.add(lb.id());
            lb.listeners().forEach(l -> {
                ids.add(l.id());
                l.rules().forEach(r -> ids.add(r.id()));
            });
        });
        s.targetGroups().forEach(tg -> ids.add(tg.id()));
        return ids;
    }

    private static List<RuleAction> actions(Listener l) {
        List<RuleAction> all = new ArrayList<>(List.of(l.defaultAction()));
        l.rules().forEach(r -> all.add(r.action()));
        return all;
    }

    @Provide
    Arbitrary<List<Drawn>> roots() {
        Arbitrary<String> lb = Arbitraries.of("aws_lb.this", "aws_lb.edge", "module.alb.aws_lb.this");
        Arbitrary<List<String>> listeners = Arbitraries.of("aws_lb_listener.http", "aws_lb_listener.https",
                "module.alb.aws_lb_listener.http").set().ofMinSize(1).ofMaxSize(2).map(List::copyOf);
        Arbitrary<List<String>> groups = Arbitraries.of("aws_lb_target_group.app", "aws_lb_target_group.api",
                "module.alb.aws_lb_target_group.this").set().ofMinSize(1).ofMaxSize(3).map(List::copyOf);
        return Combinators.combine(lb, listeners, groups).as(Drawn::new).list().ofMinSize(1).ofMaxSize(4);
    }

    /**
     * A root whose load balancer holds the drawn listeners, each with one rule (named after its listener) and a
     * default, forwarding to the root's groups, each group named {@code ROOT:ADDRESS}.
     */
    private static RoutingSnapshot root(String dir, Drawn d) {
        SourceRef at = SourceRef.of(dir + "/main.tf", 1, 1);
        List<TargetGroup> groups = d.groups().stream().map(g -> new TargetGroup(ElementId.of(g), at, dir + ":" + g,
                "HTTP", 80, "instance", new dev.lbguard.model.HealthCheck(true, "HTTP", "traffic-port", "/", "200", 30,
                5, 3, 3), List.of())).toList();
        List<Listener> listeners = new ArrayList<>();
        for (int i = 0; i < d.listeners().size(); i++) {
            String address = d.listeners().get(i);
            RuleAction toFirst = RuleAction.of(RouteAction.Forward.to(groups.get(0).id()));
            RuleAction toLast = RuleAction.of(RouteAction.Forward.to(groups.get(groups.size() - 1).id()));
            Rule rule = new Rule(ElementId.of(address.replace("aws_lb_listener.", "aws_lb_listener_rule.")), at,
                    Priority.of(10), List.of(dev.lbguard.model.Condition.of(dev.lbguard.model.ConditionType.PATH_PATTERN,
                    List.of("/api/*"))), toLast);
            listeners.add(new Listener(ElementId.of(address), at, "HTTP", 80 + i, Optional.empty(), List.of(), toFirst,
                    List.of(rule)));
        }
        return new RoutingSnapshot(ORIGIN, List.of(new LoadBalancer(ElementId.of(d.lb()), at, dir,
                LoadBalancerType.APPLICATION, false, listeners)), groups, List.of());
    }
}

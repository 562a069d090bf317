package dev.lbguard.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the resource diff over small random snapshots drawn from a shared pool of identities, so that
 * two draws overlap, differ in content and sometimes hold the same content under another identity.
 */
class ResourceDifferProperties {
    private static final ResourceDiffer DIFFER = new ResourceDiffer();
    private static final List<String> LBS = List.of("aws_lb.a", "aws_lb.b");
    private static final List<String> LISTENERS = List.of("aws_lb_listener.l1", "aws_lb_listener.l2", "aws_lb_listener.l3");
    private static final List<String> RULES = List.of("rule.r1", "rule.r2", "rule.r3", "rule.r4");
    private static final List<String> TGS = List.of("tg.a", "tg.b", "tg.c");
    private static final List<String> TARGETS = List.of("att.1", "att.2", "att.3");

    @Property(tries = 300)
    void aSnapshotAgainstItselfHasNoChanges(@ForAll("snapshots") RoutingSnapshot a) {
        assertThat(DIFFER.diff(a, a).changes()).isEmpty();
    }

    @Property(tries = 1000)
    void swappingBaseAndHeadMirrorsTheDiff(@ForAll("snapshots") RoutingSnapshot a, @ForAll("snapshots") RoutingSnapshot b) {
        assertThat(DIFFER.diff(b, a).changes()).isEqualTo(new ResourceDiff(mirror(DIFFER.diff(a, b))).changes());
    }

    @Property(tries = 200)
    void theOutputIsSortedAndEachElementChangesOnce(@ForAll("snapshots") RoutingSnapshot a,
                                                    @ForAll("snapshots") RoutingSnapshot b) {
        List<ResourceChange> changes = DIFFER.diff(a, b).changes();
        // Shows, with jqwik's statistics report, that the draws reach every kind of change.
        changes.forEach(c -> net.jqwik.api.statistics.Statistics.collect(c.kind(), c.change()));
        assertThat(changes).extracting(c -> c.kind() + " " + c.id()).doesNotHaveDuplicates();
        for (ResourceChange c : changes) {
            assertThat(c.attributes()).extracting(AttributeChange::path).isSorted();
            assertThat(c.attributes()).allMatch(x -> !x.before().equals(x.after()));
            assertThat(c.change() == ChangeType.MODIFIED).isEqualTo(!c.attributes().isEmpty()
                    && c.renamedFrom().isEmpty());
        }
    }

    @Property(tries = 200)
    void shiftingLinesAndFilesChangesNothing(@ForAll("snapshots") RoutingSnapshot a,
                                             @ForAll("lineShifts") int shift) {
        assertThat(DIFFER.diff(a, shifted(a, shift)).changes()).isEmpty();
    }

    @Provide
    Arbitrary<Integer> lineShifts() {
        return Arbitraries.integers().between(1, 500);
    }

    /** The same snapshot with every element {@code shift} lines further down, in another file. */
    private static RoutingSnapshot shifted(RoutingSnapshot s, int shift) {
        SourceRef to = SourceRef.of("moved/lb.tf", Snapshots.SRC.line() + shift, 1);
        List<LoadBalancer> lbs = s.loadBalancers().stream().map(lb -> new LoadBalancer(lb.id(), to, lb.name(), lb.type(),
                lb.internal(), lb.listeners().stream().map(l -> new Listener(l.id(), to, l.protocol(), l.port(),
                        l.sslPolicy(), l.certificates(), l.defaultAction(), l.rules().stream()
                        .map(r -> new Rule(r.id(), to, r.priority(), r.conditions(), r.action())).toList())).toList()))
                .toList();
        List<TargetGroup> tgs = s.targetGroups().stream().map(tg -> new TargetGroup(tg.id(), to, tg.name(),
                tg.protocol(), tg.port(), tg.targetType(), tg.healthCheck(), tg.targets().stream()
                .map(t -> new Target(t.id(), to, t.targetId(), t.port())).toList())).toList();
        return new RoutingSnapshot(s.origin(), lbs, tgs, s.diagnostics());
    }

    /** What diff(b, a) should be, given diff(a, b): added and removed swap, renames point back, values swap. */
    private static List<ResourceChange> mirror(ResourceDiff diff) {
        List<ResourceChange> out = new ArrayList<>();
        for (ResourceChange c : diff.changes()) {
            List<AttributeChange> swapped = c.attributes().stream()
                    .map(x -> new AttributeChange(x.path(), x.after(), x.before())).toList();
            ChangeType type = switch (c.change()) {
                case ADDED -> ChangeType.REMOVED;
                case REMOVED -> ChangeType.ADDED;
                default -> c.change();
            };
            ElementId id = c.renamedFrom().orElse(c.id());
            Optional<ElementId> from = c.renamedFrom().map(x -> c.id());
            out.add(new ResourceChange(c.kind(), id, type, from, c.declaredMove(), c.source(), swapped));
        }
        return out;
    }

    @Provide
    Arbitrary<RoutingSnapshot> snapshots() {
        Arbitrary<List<TargetGroup>> tgs = Arbitraries.of(TGS).set().map(ids -> ids.stream().sorted().toList())
                .flatMap(ids -> Combinators.combine(
                        Arbitraries.of("shop-api", "shop-web").list().ofSize(ids.size()),
                        Arbitraries.of("/", "/health").list().ofSize(ids.size()),
                        Arbitraries.integers().between(-1, ids.size() - 1).list().ofSize(TARGETS.size()),
                        Arbitraries.of("10.0.0.1", "10.0.0.2").list().ofSize(TARGETS.size()),
                        Arbitraries.of(0, 8080, 9090).list().ofSize(TARGETS.size()))
                        .as((names, paths, parents, ips, ports) -> targetGroups(ids, names, paths, parents, ips, ports)));
        Arbitrary<Rule> ruleContent = Combinators.combine(
                Arbitraries.integers().between(1, 3),
                Arbitraries.of("a.test", "B.test", "c.test").set().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of(TGS).set().ofMinSize(1).ofMaxSize(2),
                Arbitraries.integers().between(0, 2))
                .as((p, hosts, groups, w) -> new Rule(ElementId.of("placeholder"), Snapshots.SRC, Priority.of(p),
                        List.of(Condition.hostHeader(hosts.toArray(String[]::new))), forward(groups, w)));
        Arbitrary<Map<String, Rule>> rules = ruleContent.list().ofSize(RULES.size())
                .flatMap(contents -> Arbitraries.integers().between(-1, LISTENERS.size() - 1).list().ofSize(RULES.size())
                        .map(parents -> {
                            Map<String, Rule> byId = new LinkedHashMap<>();
                            for (int i = 0; i < RULES.size(); i++) {
                                if (parents.get(i) >= 0) {
                                    Rule c = contents.get(i);
                                    byId.put(LISTENERS.get(parents.get(i)) + "|" + RULES.get(i), new Rule(
                                            ElementId.of(RULES.get(i)), c.source(), c.priority(), c.conditions(), c.action()));
                                }
                            }
                            return byId;
                        }));
        Arbitrary<List<Integer>> listenerParents = Arbitraries.integers().between(-1, LBS.size() - 1).list()
                .ofSize(LISTENERS.size());
        Arbitrary<List<Integer>> listenerPorts = Arbitraries.of(80, 443).list().ofSize(LISTENERS.size());
        Arbitrary<List<Boolean>> internal = Arbitraries.of(true, false).list().ofSize(LBS.size());
        return Combinators.combine(tgs, rules, listenerParents, listenerPorts, internal)
                .as(ResourceDifferProperties::snapshot);
    }

    private static RuleAction forward(java.util.Set<String> groups, int weight) {
        List<WeightedTarget> targets = groups.stream().sorted()
                .map(g -> WeightedTarget.of(ElementId.of(g), g.equals("tg.a") ? weight : 1)).toList();
        return RuleAction.of(new RouteAction.Forward(targets, Optional.empty()));
    }

    private static List<TargetGroup> targetGroups(List<String> ids, List<String> names, List<String> paths,
                                                  List<Integer> parents, List<String> ips, List<Integer> ports) {
        List<TargetGroup> out = new ArrayList<>();
        for (int g = 0; g < ids.size(); g++) {
            List<Target> targets = new ArrayList<>();
            for (int t = 0; t < TARGETS.size(); t++) {
                if (parents.get(t) == g) {
                    targets.add(new Target(ElementId.of(TARGETS.get(t)), Snapshots.SRC, ips.get(t),
                            ports.get(t) == 0 ? OptionalInt.empty() : OptionalInt.of(ports.get(t))));
                }
            }
            HealthCheck health = new HealthCheck(true, "HTTP", "traffic-port", paths.get(g), "200", 30, 5, 3, 3);
            out.add(new TargetGroup(ElementId.of(ids.get(g)), Snapshots.SRC, names.get(g), "HTTP", 8080, "ip",
                    health, targets));
        }
        return out;
    }

    private static RoutingSnapshot snapshot(List<TargetGroup> tgs, Map<String, Rule> rules, List<Integer> listenerParents,
                                            List<Integer> listenerPorts, List<Boolean> internal) {
        List<LoadBalancer> lbs = new ArrayList<>();
        for (int b = 0; b < LBS.size(); b++) {
            List<Listener> listeners = new ArrayList<>();
            for (int l = 0; l < LISTENERS.size(); l++) {
                if (listenerParents.get(l) == b) {
                    String id = LISTENERS.get(l);
                    List<Rule> own = rules.entrySet().stream().filter(e -> e.getKey().startsWith(id + "|"))
                            .map(Map.Entry::getValue).toList();
                    listeners.add(new Listener(ElementId.of(id), Snapshots.SRC, "HTTP", listenerPorts.get(l),
                            Optional.empty(), List.of(), Snapshots.NOT_FOUND, own));
                }
            }
            // A load balancer is present when it holds a listener or, for variety, when it is internal.
            if (!listeners.isEmpty() || internal.get(b)) {
                lbs.add(new LoadBalancer(ElementId.of(LBS.get(b)), Snapshots.SRC, "edge", LoadBalancerType.APPLICATION,
                        internal.get(b), listeners));
            }
        }
        return new RoutingSnapshot(SnapshotOrigin.other("p"), lbs, tgs, List.of());
    }
}

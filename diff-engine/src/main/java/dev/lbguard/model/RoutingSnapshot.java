package dev.lbguard.model;

import dev.lbguard.diagnostic.Diagnostic;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one source says about load-balancer routing at one point in time, plus the problems met
 * while reading it. A snapshot with an error diagnostic is incomplete.
 *
 * @param moves the identity changes the source declares (Terraform {@code moved} blocks), sorted; empty for
 *              sources that have no such notion (state files, the live API)
 * @param secrets the values the source learnt are sensitive while reading, which reports hide; none for sources
 *                without that notion
 */
public record RoutingSnapshot(SnapshotOrigin origin, List<LoadBalancer> loadBalancers,
                              List<TargetGroup> targetGroups, List<Diagnostic> diagnostics, List<Move> moves,
                              Secrets secrets) {

    // Diagnostics are sorted too, so that two reads of the same input print identically.
    private static final Comparator<Diagnostic> DIAGNOSTIC_ORDER = Comparator
            .comparing((Diagnostic d) -> d.source().path())
            .thenComparingInt(d -> d.source().line())
            .thenComparingInt(d -> d.source().column())
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message)
            .thenComparing(d -> d.severity());

    public RoutingSnapshot {
        Objects.requireNonNull(origin, "origin");
        loadBalancers = Sorted.byKey(loadBalancers, LoadBalancer::id);
        targetGroups = Sorted.byKey(targetGroups, TargetGroup::id);
        diagnostics = Sorted.list(diagnostics.stream().sorted(DIAGNOSTIC_ORDER).toList());
        moves = Sorted.set(moves);
        secrets = secrets == null ? Secrets.NONE : secrets;
    }

    /** A snapshot without secrets. */
    public RoutingSnapshot(SnapshotOrigin origin, List<LoadBalancer> loadBalancers, List<TargetGroup> targetGroups,
                           List<Diagnostic> diagnostics, List<Move> moves) {
        this(origin, loadBalancers, targetGroups, diagnostics, moves, Secrets.NONE);
    }

    /** A snapshot that declares no moves. */
    public RoutingSnapshot(SnapshotOrigin origin, List<LoadBalancer> loadBalancers, List<TargetGroup> targetGroups,
                           List<Diagnostic> diagnostics) {
        this(origin, loadBalancers, targetGroups, diagnostics, List.of());
    }

    public static RoutingSnapshot of(SnapshotOrigin origin, Collection<LoadBalancer> loadBalancers,
                                     Collection<TargetGroup> targetGroups, Collection<Diagnostic> diagnostics) {
        return of(origin, loadBalancers, targetGroups, diagnostics, List.of());
    }

    public static RoutingSnapshot of(SnapshotOrigin origin, Collection<LoadBalancer> loadBalancers,
                                     Collection<TargetGroup> targetGroups, Collection<Diagnostic> diagnostics,
                                     Collection<Move> moves) {
        return new RoutingSnapshot(origin, List.copyOf(loadBalancers), List.copyOf(targetGroups),
                List.copyOf(diagnostics), List.copyOf(moves));
    }

    /** The same snapshot with {@code secrets} (a source's reading adds them once it is done). */
    public RoutingSnapshot withSecrets(Secrets secrets) {
        return new RoutingSnapshot(origin, loadBalancers, targetGroups, diagnostics, moves, secrets);
    }

    /** True when nothing that may affect routing failed to be read (no error diagnostic). */
    public boolean complete() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public Optional<TargetGroup> targetGroup(ElementId id) {
        return targetGroups.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<LoadBalancer> loadBalancer(ElementId id) {
        return loadBalancers.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /**
     * The load balancers whose name or id is {@code nameOrId}, in id order (names need not be unique). Without
     * one, a load balancer of another stack answers to the name it was looked up by: {@code platform-edge} finds
     * {@code platform-edge (external)} and {@code platform-edge in services/hello (external)}.
     */
    public List<LoadBalancer> loadBalancersNamed(String nameOrId) {
        List<LoadBalancer> exact = loadBalancers.stream()
                .filter(l -> l.name().equals(nameOrId) || l.id().value().equals(nameOrId))
                .toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        return loadBalancers.stream().filter(LoadBalancer::managedElsewhere).filter(l -> {
            String looked = l.name().endsWith(EXTERNAL_SUFFIX)
                    ? l.name().substring(0, l.name().length() - EXTERNAL_SUFFIX.length()) : l.name();
            return looked.equals(nameOrId) || looked.startsWith(nameOrId + " in ");
        }).toList();
    }

    private static final String EXTERNAL_SUFFIX = " (external)";

    /** The listener with this id anywhere in the snapshot. */
    public Optional<Listener> listener(ElementId id) {
        return loadBalancers.stream().flatMap(l -> l.listeners().stream())
                .filter(l -> l.id().equals(id)).findFirst();
    }

    /** The display name of a target group: its {@code name} where known, else its id (CONTRACT.md). */
    public String targetGroupName(ElementId id) {
        return targetGroup(id).map(TargetGroup::name).orElseGet(() -> nameInArn(id.value()));
    }

    /**
     * The display name of a forward's target group. One that is not linked is named by its id (or the name in its
     * ARN), never by the snapshot's group of that address: roots read together that both declare the address keep
     * only the first root's group, which is not the one the other root's forward means.
     */
    public String targetGroupName(WeightedTarget target) {
        return target.isLinked() ? targetGroupName(target.targetGroup()) : nameInArn(target.targetGroup().value());
    }

    /** A target group managed elsewhere is named in its ARN: {@code ...:targetgroup/NAME/id}. */
    private static String nameInArn(String id) {
        int i = id.indexOf(":targetgroup/");
        if (i < 0) {
            return id;
        }
        String rest = id.substring(i + ":targetgroup/".length());
        int slash = rest.indexOf('/');
        return slash > 0 ? rest.substring(0, slash) : id;
    }

    /**
     * How many elements the snapshot holds (load balancers, listeners, rules, target groups): a measure of its
     * memory, for what keeps many snapshots.
     */
    public int size() {
        int n = targetGroups.size();
        for (LoadBalancer lb : loadBalancers) {
            n++;
            for (Listener l : lb.listeners()) {
                n += 1 + l.rules().size();
            }
        }
        return n;
    }
}

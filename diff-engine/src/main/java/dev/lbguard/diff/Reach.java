package dev.lbguard.diff;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Move;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a forward to a target group reaches, comparable across two snapshots: the group's identity after the
 * declared moves, its name, protocol, port and targets (target id and port, as a request reaches them). A
 * group renamed with {@code moved} and otherwise unchanged reaches the same place; a Terraform address is never
 * compared alone.
 *
 * <p>Targets count where both sides list some: a group whose targets a configuration does not list (an Auto
 * Scaling group or an ECS service registers them) is compared by what it is, so a drift audit against live
 * groups full of registered targets does not call every route changed.
 *
 * <p>The moves of both snapshots apply to both sides, so that swapping base and head swaps the sides and
 * nothing else: Terraform rejects a move whose {@code from} is still declared, so a move never takes an
 * element that is meant to stay.
 */
final class Reach {
    /** Compares target groups by identity alone: for destinations with no snapshots to read groups from. */
    static final Reach IDENTITY = new Reach(List.of(), Map.of(), Map.of());

    /** A target group as a request reaches it; {@code content} is empty for a group not in the snapshot. */
    record Key(ElementId id, Optional<List<Object>> content) {
    }

    private final List<Move> moves;
    private final Map<ElementId, TargetGroup> base;
    private final Map<ElementId, TargetGroup> head;
    private final Map<ElementId, ElementId> followed = new HashMap<>();
    private final Map<ElementId, TargetGroup> baseByIdentity = new HashMap<>();
    private final Map<ElementId, TargetGroup> headByIdentity = new HashMap<>();

    private Reach(List<Move> moves, Map<ElementId, TargetGroup> base, Map<ElementId, TargetGroup> head) {
        this.moves = moves;
        this.base = base;
        this.head = head;
    }

    static Reach of(RoutingSnapshot base, RoutingSnapshot head) {
        TreeSet<Move> moves = new TreeSet<>(base.moves());
        moves.addAll(head.moves());
        return new Reach(List.copyOf(moves), byId(base), byId(head));
    }

    private static Map<ElementId, TargetGroup> byId(RoutingSnapshot s) {
        Map<ElementId, TargetGroup> m = new HashMap<>();
        s.targetGroups().forEach(tg -> m.putIfAbsent(tg.id(), tg));
        return m;
    }

    /** An element's identity after every declared move. */
    synchronized ElementId identity(ElementId id) {
        return moves.isEmpty() ? id : followed.computeIfAbsent(id, i -> Move.follow(moves, i));
    }

    /** The target group {@code id} of the base (or head) snapshot as a request reaches it. */
    Key key(ElementId id, boolean inBase) {
        ElementId identity = identity(id);
        Optional<TargetGroup> tg = Optional.ofNullable((inBase ? base : head).get(id));
        Optional<TargetGroup> other = counterpart(identity, !inBase);
        return new Key(identity, tg.map(t -> content(t, other)));
    }

    /**
     * True when every group the base names is, by id, the group the head names: then two equal destinations
     * reach the same place without comparing keys.
     */
    boolean idsSuffice(ElementId id) {
        Optional<TargetGroup> b = Optional.ofNullable(base.get(id));
        Optional<TargetGroup> h = Optional.ofNullable(head.get(id));
        return identity(id).equals(id) && b.map(t -> content(t, h)).equals(h.map(t -> content(t, b)));
    }

    /** The group of the base (or head) snapshot that is {@code identity} after the moves. */
    private synchronized Optional<TargetGroup> counterpart(ElementId identity, boolean inBase) {
        Map<ElementId, TargetGroup> byIdentity = inBase ? baseByIdentity : headByIdentity;
        if (byIdentity.isEmpty()) {
            (inBase ? base : head).forEach((id, tg) -> byIdentity.putIfAbsent(identity(id), tg));
        }
        return Optional.ofNullable(byIdentity.get(identity));
    }

    private static List<Object> content(TargetGroup tg, Optional<TargetGroup> other) {
        boolean bothListTargets = !tg.targets().isEmpty() && other.map(o -> !o.targets().isEmpty()).orElse(false);
        return bothListTargets ? content(tg) : List.of(tg.name(), tg.protocol(), tg.port());
    }

    private static List<Object> content(TargetGroup tg) {
        List<String> targets = new ArrayList<>();
        for (Target t : tg.targets()) {
            // The attachment's own address is not where a request goes: its target and port are.
            targets.add(t.targetId() + ":" + (t.port().isPresent() ? t.port().getAsInt() : tg.port())
                    + (t.backup() ? " backup" : ""));
        }
        targets.sort(Comparator.naturalOrder());
        return List.of(tg.name(), tg.protocol(), tg.port(), targets);
    }
}

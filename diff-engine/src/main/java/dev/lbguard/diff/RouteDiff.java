package dev.lbguard.diff;

import java.util.List;

/**
 * Every class of requests whose destination differs between two snapshots, how large the compared request
 * space was ({@code classesCompared} classes in all, over the listeners whose rules or default action differ;
 * a listener the change leaves untouched routes every request alike and is not partitioned), and the classes
 * whose destination is unknown on either side ({@code undecided}), so that no report passes them off as
 * unchanged. A class unknown on one side only is also a change; one unknown on both sides with the same known
 * part is only undecided. {@code newlyServed} of the compared classes belong to listeners that the base lacks.
 */
public record RouteDiff(List<RouteChange> changes, int classesCompared, List<RouteChange> undecided,
                        int newlyServed) {
    public RouteDiff {
        changes = List.copyOf(changes);
        undecided = List.copyOf(undecided);
    }

    /** A diff made by hand: each change from no listener counts as one newly served class. */
    public RouteDiff(List<RouteChange> changes, int classesCompared, List<RouteChange> undecided) {
        this(changes, classesCompared, undecided, (int) changes.stream()
                .filter(c -> c.before().kind() == Destination.Kind.NO_LISTENER).count());
    }

    public RouteDiff(List<RouteChange> changes, int classesCompared) {
        this(changes, classesCompared, List.of());
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** True when every compared class had a known destination on both sides. */
    public boolean decided() {
        return undecided.isEmpty();
    }

    /**
     * The classes that a listener served before and that surely reach a different destination now: what a change
     * cuts over. Requests a new listener starts to serve were refused before (no listener), and serving them moves
     * no traffic anyone had; a class whose destination is unknown on a side may not have moved.
     */
    public long movedServed() {
        return changes.stream().filter(RouteDiff::movesServed).count();
    }

    /** True when {@code c} surely moves requests a listener served before (see {@link #movedServed}). */
    public static boolean movesServed(RouteChange c) {
        return c.before().kind() == Destination.Kind.ACTION && c.after().kind() != Destination.Kind.UNKNOWN
                && !reweighted(c)
                || c.before().kind() == Destination.Kind.UNKNOWN && c.after().kind() == Destination.Kind.NO_LISTENER;
    }

    /** The same groups take the requests, in other shares (and nothing else about the forward changed). */
    private static boolean reweighted(RouteChange c) {
        java.util.Set<dev.lbguard.model.ElementId> before = taking(c.before());
        return !before.isEmpty() && before.equals(taking(c.after())) && !weights(c.before()).equals(weights(c.after()));
    }

    private static java.util.Map<dev.lbguard.model.ElementId, Integer> weights(Destination d) {
        return ((dev.lbguard.model.RouteAction.Forward) d.action().orElseThrow().terminal()).targets().stream()
                .collect(java.util.stream.Collectors.toMap(dev.lbguard.model.WeightedTarget::targetGroup,
                        dev.lbguard.model.WeightedTarget::weight, Integer::sum));
    }

    /**
     * The target groups a forward gives a share to; empty for anything else. A class whose forward keeps its groups
     * and changes only their weights (a canary step, 90/10 to 75/25) moves part of its requests, not all: LBG006
     * judges such steps by their swing.
     */
    private static java.util.Set<dev.lbguard.model.ElementId> taking(Destination d) {
        if (d.action().isEmpty() || !d.action().get().authenticate().isEmpty()
                || !(d.action().get().terminal() instanceof dev.lbguard.model.RouteAction.Forward f)) {
            return java.util.Set.of();
        }
        return f.targets().stream().filter(t -> t.weight() > 0).map(dev.lbguard.model.WeightedTarget::targetGroup)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The compared classes that a listener served before: all but those of listeners new in the head. */
    public long servedCompared() {
        return classesCompared - newlyServed;
    }

    /** Of the compared classes a listener served before, the share that moved ({@link #movedServed}), 0 to 1. */
    public double shareMoved() {
        long served = servedCompared();
        return served <= 0 ? 0 : Math.min(1.0, (double) movedServed() / served);
    }
}

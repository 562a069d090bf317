package dev.lbguard.diff;

import java.util.List;

/**
 * Every class of requests whose destination differs between two snapshots, and how large the compared
 * request space was: {@code classesCompared} classes in all, over the listeners of both snapshots.
 */
public record RouteDiff(List<RouteChange> changes, int classesCompared) {
    public RouteDiff {
        changes = List.copyOf(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The share of compared request classes that moved, 0 to 1. */
    public double shareMoved() {
        return classesCompared == 0 ? 0 : Math.min(1.0, (double) changes.size() / classesCompared);
    }
}

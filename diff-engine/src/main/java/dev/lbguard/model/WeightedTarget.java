package dev.lbguard.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One target group of a forward and its weight (0 to 999; 0 takes no traffic).
 *
 * @param targetGroup the target group's id; when {@code unresolved} is present the group is not in the
 *                    snapshot and the id is the best name the source had (a reference or an ARN)
 * @param unresolved why the target group could not be linked; routing to it is unknown
 */
public record WeightedTarget(ElementId targetGroup, int weight, Optional<String> unresolved) {
    public WeightedTarget {
        Objects.requireNonNull(targetGroup, "targetGroup");
        Objects.requireNonNull(unresolved, "unresolved");
        if (weight < 0) {
            throw new IllegalArgumentException("negative weight " + weight);
        }
    }

    public static WeightedTarget of(ElementId targetGroup, int weight) {
        return new WeightedTarget(targetGroup, weight, Optional.empty());
    }

    public static WeightedTarget unresolved(ElementId targetGroup, int weight, String reason) {
        return new WeightedTarget(targetGroup, weight, Optional.of(reason));
    }

    public boolean isResolved() {
        return unresolved.isEmpty();
    }

    @Override
    public String toString() {
        return targetGroup + " (" + weight + ")" + (isResolved() ? "" : " unresolved");
    }
}

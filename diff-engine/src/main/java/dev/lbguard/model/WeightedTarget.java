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

    /** The reason of a target group that is linked but whose weight could not be evaluated. */
    public static final String UNKNOWN_WEIGHT = "weight could not be evaluated";

    /** A target group that is linked, with a weight that could not be evaluated: its share is unknown. */
    public static WeightedTarget unknownWeight(ElementId targetGroup) {
        return unresolved(targetGroup, 0, UNKNOWN_WEIGHT);
    }

    public boolean isResolved() {
        return unresolved.isEmpty();
    }

    /** Whether the target group is linked (its weight may still be unknown). */
    public boolean isLinked() {
        return isResolved() || weightUnknown();
    }

    /** Whether the group is known and only its weight is not (so every share of its forward is unknown). */
    public boolean weightUnknown() {
        return unresolved.filter(UNKNOWN_WEIGHT::equals).isPresent();
    }

    @Override
    public String toString() {
        return targetGroup + " (" + weight + ")" + (isResolved() ? "" : " unresolved");
    }
}

package dev.lbguard.policy;

import dev.lbguard.diff.RouteDiff;
import java.util.List;

/**
 * Turns a change's findings and route changes into one {@link Risk}: the worst finding, raised one level by
 * blast radius, i.e. when at least {@code shareThreshold} of the compared request classes moved or more than
 * {@code manyClasses} classes moved. A change that moves requests is never {@code none}, even without
 * findings, because a reviewer must still look at where they go.
 *
 * @param shareThreshold the share of request classes (0 to 1) whose move raises the risk
 * @param manyClasses more moved classes than this raise the risk, however large the configuration
 */
public record RiskScoring(double shareThreshold, int manyClasses) {
    /** Half the request space, or more than 20 classes. */
    public static final RiskScoring DEFAULT = new RiskScoring(0.5, 20);

    public RiskScoring {
        if (shareThreshold <= 0 || shareThreshold > 1 || manyClasses < 0) {
            throw new IllegalArgumentException("share threshold in (0, 1] and a non-negative class count expected");
        }
    }

    public Risk score(List<Finding> findings, RouteDiff routes) {
        Risk risk = Risk.NONE;
        for (Finding f : findings) {
            risk = risk.atLeast(Risk.of(f.severity()));
        }
        if (!routes.isEmpty()) {
            risk = risk.atLeast(Risk.LOW);
        }
        if (risk != Risk.NONE && widespread(routes)) {
            risk = risk.raised();
        }
        return risk;
    }

    /** True when the change moves enough of the request space to raise the risk. */
    public boolean widespread(RouteDiff routes) {
        return !routes.isEmpty()
                && (routes.shareMoved() >= shareThreshold || routes.movedServed() > manyClasses);
    }
}

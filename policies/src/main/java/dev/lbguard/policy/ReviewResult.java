package dev.lbguard.policy;

import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.RoutingSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of reviewing one change: both diffs, the findings in report order, what rules could not
 * decide, and the risk.
 *
 * @param findings sorted by {@link Finding#REPORT_ORDER}
 * @param inconclusives sorted by rule id, then reason
 * @param complete both snapshots were read completely and no rule was inconclusive; only then does an empty
 *                 finding list promise that nothing dangerous changed
 * @param traffic the change weighed by logged traffic, when logs were given ({@code --traffic})
 */
public record ReviewResult(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes,
                           List<Finding> findings, List<Inconclusive> inconclusives, Risk risk, boolean complete,
                           PolicyOutcome policy, java.util.Optional<TrafficCounts> traffic) {
    public ReviewResult {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(routes, "routes");
        findings = findings.stream().sorted(Finding.REPORT_ORDER).toList();
        inconclusives = inconclusives.stream()
                .sorted(java.util.Comparator.comparing(Inconclusive::ruleId).thenComparing(Inconclusive::reason))
                .toList();
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(traffic, "traffic");
    }

    public ReviewResult(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes,
                        List<Finding> findings, List<Inconclusive> inconclusives, Risk risk, boolean complete,
                        PolicyOutcome policy) {
        this(base, head, resources, routes, findings, inconclusives, risk, complete, policy, java.util.Optional.empty());
    }

    /** A review without a policy file. */
    public ReviewResult(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes,
                        List<Finding> findings, List<Inconclusive> inconclusives, Risk risk, boolean complete) {
        this(base, head, resources, routes, findings, inconclusives, risk, complete, PolicyOutcome.NONE);
    }

    /** The findings that count for {@code --fail-on} and the risk: all but the waived ones. */
    public List<Finding> countingFindings() {
        return findings.stream().filter(Finding::counts).toList();
    }

    /**
     * Both snapshots' diagnostics, the base's first, then those of the head the base does not have: a problem on
     * either side makes the comparison incomplete.
     */
    public List<dev.lbguard.diagnostic.Diagnostic> diagnostics() {
        return List.copyOf(dev.lbguard.diagnostic.Diagnostic.union(base.diagnostics(), head.diagnostics()));
    }
}

package dev.lbguard.policy;

import dev.lbguard.diff.ChangeScope;
import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diff.ResourceDiffer;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.model.RoutingSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reviews one change: computes both diffs, judges the policy file's invariants on both sides, runs every rule of
 * a catalog the policy leaves enabled, applies its severities and waivers, and scores the risk from the findings
 * no waiver accepts.
 */
public final class Review {
    private final RuleCatalog catalog;
    private final RiskScoring scoring;
    private final ResourceDiffer resourceDiffer = new ResourceDiffer();
    private final RouteDiffer routeDiffer = new RouteDiffer();
    private final java.util.Optional<TrafficWeigher> weigher;

    public Review(RuleCatalog catalog, RiskScoring scoring) {
        this(catalog, scoring, java.util.Optional.empty());
    }

    private Review(RuleCatalog catalog, RiskScoring scoring, java.util.Optional<TrafficWeigher> weigher) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.scoring = Objects.requireNonNull(scoring, "scoring");
        this.weigher = weigher;
    }

    /**
     * This review with every change weighed by logged traffic: the rules see the counts (LBG018), and the risk is
     * at least what the share moved carries under the policy's thresholds.
     */
    public Review weighedBy(TrafficWeigher traffic) {
        return new Review(catalog, scoring, java.util.Optional.of(traffic));
    }

    public ReviewResult review(RoutingSnapshot base, RoutingSnapshot head) {
        return review(base, head, PolicyContext.NONE);
    }

    public ReviewResult review(RoutingSnapshot base, RoutingSnapshot head, PolicyContext policy) {
        return review(base, head, policy, judged(base, head, policy));
    }

    /** Reviews a change whose diffs were already computed (for instance reused by another command). */
    public ReviewResult review(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes) {
        return review(base, head, resources, routes, PolicyContext.NONE);
    }

    public ReviewResult review(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes,
                               PolicyContext policy) {
        return review(base, head, new RoutingSnapshot[] {base, head}, resources, routes, policy,
                judged(base, head, policy));
    }

    private static List<PolicyOutcome.Judgement> judged(RoutingSnapshot base, RoutingSnapshot head,
                                                       PolicyContext policy) {
        List<PolicyOutcome.Judgement> judgements = new ArrayList<>();
        for (Invariant i : policy.judge().invariants()) {
            judgements.add(new PolicyOutcome.Judgement(i, InvariantCheck.check(base, i), InvariantCheck.check(head, i)));
        }
        return judgements;
    }

    /**
     * Reviews a change whose snapshots hold only part of the configuration (a timeline's commit, over the root
     * modules it changed), with the policy's invariants judged by the caller on the whole of it, one judgement per
     * invariant in the policy's order.
     */
    public ReviewResult review(RoutingSnapshot base, RoutingSnapshot head, PolicyContext policy,
                               List<PolicyOutcome.Judgement> judgements) {
        if (judgements.size() != policy.judge().invariants().size()) {
            throw new IllegalArgumentException("one judgement per invariant: " + judgements.size() + " for "
                    + policy.judge().invariants().size());
        }
        // The diffs and the rules read only the load balancers the change touches (all, when traffic is weighed: a
        // target group's load counts every listener that forwards to it); the rest adds nothing to either.
        RoutingSnapshot[] scope = weigher.isPresent() ? new RoutingSnapshot[] {base, head}
                : ChangeScope.narrow(base, head);
        return review(base, head, scope, resourceDiffer.diff(scope[0], scope[1]),
                routeDiffer.diff(scope[0], scope[1]), policy, judgements);
    }

    /** @param scope the part of {@code [base, head]} the rules read: the whole, or what {@link ChangeScope} keeps */
    private ReviewResult review(RoutingSnapshot base, RoutingSnapshot head, RoutingSnapshot[] scope,
                                ResourceDiff resources, RouteDiff routes, PolicyContext policy,
                                List<PolicyOutcome.Judgement> judgements) {
        // Policies judge what both sides could read: a module one side could not read is not removed there.
        RoutingSnapshot[] comparable = dev.lbguard.diff.ComparableSnapshots.of(scope[0], scope[1]);
        List<PolicyChange> changes = new ArrayList<>();
        if (policy.proposedProblems().isEmpty()) {
            changes.addAll(PolicyChange.between(policy.judge(), policy.proposed()));
        } else {
            changes.add(new PolicyChange(PolicyChange.Kind.CHANGED, "policy file", "cannot be read after the change, "
                    + "so nothing would be checked: " + String.join("; ", policy.proposedProblems()), true,
                    dev.lbguard.diagnostic.SourceRef.file(policy.judge().exists() ? policy.judge().path()
                            : PolicyFile.DEFAULT_PATH)));
        }
        PolicyOutcome outcome = new PolicyOutcome(policy.judge(), judgements, changes, List.of());
        java.util.Optional<TrafficCounts> traffic = weigher.map(w -> w.weigh(base, head, routes));
        ReviewContext ctx = new ReviewContext(comparable[0], comparable[1], resources, routes, outcome, traffic);
        List<Finding> findings = new ArrayList<>();
        List<Inconclusive> inconclusives = new ArrayList<>(ModuleCopies.unseenChanges(base, head));
        for (PolicyRule rule : catalog.rules()) {
            if (!policy.judge().enabled(rule.info().id())) {
                continue;
            }
            RuleResult r = rule.evaluate(ctx);
            findings.addAll(r.findings());
            inconclusives.addAll(r.inconclusives());
        }
        Waivers waivers = new Waivers(policy.judge(), policy.today());
        List<Finding> judged = findings.stream().map(f -> waivers.apply(policy.judge().withSeverity(f))).toList();
        List<PolicyOutcome.Warning> warnings = new ArrayList<>(policy.warnings());
        warnings.addAll(waivers.warnings(catalog, judged, base, head));
        outcome = new PolicyOutcome(policy.judge(), judgements, outcome.changes(), warnings);
        boolean complete = base.complete() && head.complete() && inconclusives.isEmpty();
        Risk risk = scoring.score(judged.stream().filter(Finding::counts).toList(), routes);
        if (traffic.isPresent()) {
            risk = risk.atLeast(traffic.get().risk(policy.judge().traffic()));
        }
        return new ReviewResult(base, head, resources, routes, judged, inconclusives, risk, complete, outcome, traffic);
    }
}

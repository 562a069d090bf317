package dev.lbguard.policy;

import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diff.ResourceDiffer;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.model.RoutingSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reviews one change: computes both diffs, runs every rule of a catalog, and scores the risk. */
public final class Review {
    private final RuleCatalog catalog;
    private final RiskScoring scoring;
    private final ResourceDiffer resourceDiffer = new ResourceDiffer();
    private final RouteDiffer routeDiffer = new RouteDiffer();

    public Review(RuleCatalog catalog, RiskScoring scoring) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.scoring = Objects.requireNonNull(scoring, "scoring");
    }

    public ReviewResult review(RoutingSnapshot base, RoutingSnapshot head) {
        return review(base, head, resourceDiffer.diff(base, head), routeDiffer.diff(base, head));
    }

    /** Reviews a change whose diffs were already computed (for instance reused by another command). */
    public ReviewResult review(RoutingSnapshot base, RoutingSnapshot head, ResourceDiff resources, RouteDiff routes) {
        // Policies judge what both sides could read: a module one side could not read is not removed there.
        RoutingSnapshot[] comparable = dev.lbguard.diff.ComparableSnapshots.of(base, head);
        ReviewContext ctx = new ReviewContext(comparable[0], comparable[1], resources, routes);
        List<Finding> findings = new ArrayList<>();
        List<Inconclusive> inconclusives = new ArrayList<>();
        for (PolicyRule rule : catalog.rules()) {
            RuleResult r = rule.evaluate(ctx);
            findings.addAll(r.findings());
            inconclusives.addAll(r.inconclusives());
        }
        boolean complete = base.complete() && head.complete() && inconclusives.isEmpty();
        return new ReviewResult(base, head, resources, routes, findings, inconclusives,
                scoring.score(findings, routes), complete);
    }
}

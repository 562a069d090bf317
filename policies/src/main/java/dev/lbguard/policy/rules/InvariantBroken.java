package dev.lbguard.policy.rules;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.policy.Finding;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.InvariantResult;
import dev.lbguard.policy.PolicyOutcome;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;

/**
 * LBG016, the invariant's severity: an invariant of the judging policy file held before the change and fails
 * after it. Reported on the rule that now takes the request (the listener's line when its default action does,
 * the old listener's when there is none). One that held before and cannot be decided after makes the review
 * inconclusive: an invariant is never taken as kept on a guess. One that already failed before is not this
 * change's doing and is left to {@code lbguard check}.
 */
public final class InvariantBroken implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG016", Severity.HIGH,
            "Routing invariant broken",
            "The team wrote down in lbguard.yml that this request must reach this destination; after the change it "
                    + "does not. Invariants name the requests that matter most (checkout, login, payments), so a "
                    + "change that breaks one sends exactly the traffic someone promised to protect elsewhere.",
            "Change the routing so that the request reaches its destination again (most often: narrow or lower "
                    + "the rule that now takes it). If the destination really should change, change the invariant "
                    + "in its own pull request first, where its owners review it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (PolicyOutcome.Judgement j : ctx.policy().invariants()) {
            Invariant inv = j.invariant();
            // Against what runs (drift, audit) "before" is git and "after" is live.
            boolean live = ctx.head().origin().isWhatRuns();
            if (j.broken()) {
                InvariantResult head = j.head();
                ElementId element = head.element().or(() -> j.base().element()).orElse(ElementId.of(inv.listener()));
                SourceRef source = head.source().or(() -> j.base().source()).orElse(inv.source());
                out.add(new Finding(INFO.id(), inv.severity(), INFO.title(), "invariant \"" + inv.name() + "\" ("
                        + inv.source().path() + ":" + inv.source().line() + ") "
                        + (live ? "holds in git and fails in what runs: " : "held before this change and fails after it: ")
                        + inv.request().describe(true) + " on " + inv.listener() + " now gets "
                        + head.actual() + head.takenBy().map(t -> " (" + t + ")").orElse("") + "; expected "
                        + inv.expect().describe(), element, source, INFO.remediation()));
            } else if (j.base().passed() && j.head().status() == InvariantResult.Status.UNKNOWN) {
                out.add(INFO.inconclusive("invariant \"" + inv.name() + "\": cannot tell "
                        + (live ? "in what runs" : "after the change") + " ("
                        + j.head().actual() + ")"));
            }
        }
        return out.build();
    }
}

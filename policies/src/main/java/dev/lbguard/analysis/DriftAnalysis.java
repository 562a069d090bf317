package dev.lbguard.analysis;

import dev.lbguard.diff.LiveMatch;
import dev.lbguard.diff.LiveMatcher;
import dev.lbguard.diff.LiveScope;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.diff.ServerOnlyLive;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.policy.Review;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.RiskScoring;
import dev.lbguard.policy.rules.BuiltInRules;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.live.LiveSource;
import dev.lbguard.source.live.TfStateSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Drift: git's routing at a revision against what runs, paired by identity (and by a state's ARNs). */
public final class DriftAnalysis {
    private final Map<String, ElementId> knownIds;
    private final Optional<dev.lbguard.policy.TrafficWeigher> traffic;

    /** @param knownIds live ids (ARNs) mapped to git's addresses, from a state file; empty when none is given */
    public DriftAnalysis(Map<String, ElementId> knownIds) {
        this(knownIds, Optional.empty());
    }

    private DriftAnalysis(Map<String, ElementId> knownIds, Optional<dev.lbguard.policy.TrafficWeigher> traffic) {
        this.knownIds = Map.copyOf(knownIds);
        this.traffic = traffic;
    }

    /** Drift weighed by logged traffic: how many of the requests the logs hold what runs sends elsewhere than git. */
    public DriftAnalysis weighedBy(dev.lbguard.policy.TrafficWeigher weigher) {
        return new DriftAnalysis(knownIds, Optional.of(weigher));
    }

    /** With the ARNs that a state file maps to Terraform addresses, or none when {@code state} is absent. */
    public static DriftAnalysis withState(Optional<Path> state) throws SourceException {
        Map<String, ElementId> ids = new TreeMap<>();
        if (state.isPresent()) {
            TfStateSource.of(state.get()).addressesByArn().forEach((arn, address) ->
                    ids.put(arn, ElementId.of(address)));
        }
        return new DriftAnalysis(ids);
    }

    /**
     * Drift of {@code desired} against a live source, with what its plan (if it is one) would do next.
     *
     * @param policy the policy file read at git's revision, judging both sides: its invariants are checked on what
     *               runs, its severities and waivers apply
     */
    public DriftResult run(RoutingSnapshot desired, RoutingSnapshot live, LiveSource source, PolicyContext policy)
            throws SourceException {
        Optional<DriftResult.NextApply> next = source.nextApply().map(p ->
                new DriftResult.NextApply(live, p, new RouteDiffer().diff(live, p)));
        return compare(desired, live, next, policy);
    }

    /**
     * Drift of one desired snapshot against the live one: pairing, then the review with the drift rules under the
     * policy, so that an invariant that holds in git and fails on what runs is LBG016.
     */
    public DriftResult compare(RoutingSnapshot desired, RoutingSnapshot live, Optional<DriftResult.NextApply> next,
                               PolicyContext policy) {
        // Only what the live source can see is compared: an HAProxy in git is not "missing" from an AWS state.
        RoutingSnapshot wanted = LiveScope.seenBy(desired, live);
        // The HAProxy Runtime API shows backends and servers only; the routing it cannot see is git's, not missing.
        RoutingSnapshot compared = ServerOnlyLive.seesServersOnly(live) ? ServerOnlyLive.complete(wanted, live) : live;
        LiveMatch paired = new LiveMatcher().match(wanted, compared, knownIds);
        // What an Auto Scaling group or ECS service registered is what git asks for, not unmanaged.
        wanted = dev.lbguard.diff.RegisteredTargets.adopt(wanted, paired.live());
        LiveMatch match = dev.lbguard.diff.RegisteredTargets.withoutAdopted(paired, wanted);
        Review review = new Review(BuiltInRules.drift(), RiskScoring.DEFAULT);
        ReviewResult result = traffic.map(review::weighedBy).orElse(review).review(wanted, match.live(), policy);
        return new DriftResult(result, match, next);
    }
}

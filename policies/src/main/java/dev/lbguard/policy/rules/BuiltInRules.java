package dev.lbguard.policy.rules;

import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.Review;
import dev.lbguard.policy.RiskScoring;
import dev.lbguard.policy.RuleCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules lbguard runs, listed here by hand: no classpath scanning, so what runs is what this file says.
 * Ids are never reused; a retired rule's id stays retired.
 */
public final class BuiltInRules {
    private BuiltInRules() {
    }

    /** Risk catalog version 1: every built-in rule. */
    public static RuleCatalog standard() {
        return new RuleCatalog(List.of(
                new InternalLoadBalancerExposed(),
                new RuleShadowsExistingRules(),
                new CatchAllAboveSpecificRules(),
                new RuleMadeUnreachable(),
                new TrafficToUnservedTargetGroup(),
                new MostTrafficCutOver(),
                new TlsWeakened(),
                new HttpsRedirectRemoved(),
                new DanglingReference(),
                new DuplicateRulePriority(),
                new ListenerRemoved(),
                new HealthCheckChanged(),
                new RenamedWithoutMoved(),
                new SourceIpWidened(),
                new RouteToTargetsTakingNoTraffic(),
                new InvariantBroken(),
                new PolicyWeakened(),
                new TrafficSurge()));
    }

    /**
     * The rules of a drift comparison (git as base, live as head): every standard rule, and the drift rules, which
     * only make sense there: in a review, an element that head lacks is a removal, not a missing deployment.
     */
    public static RuleCatalog drift() {
        List<PolicyRule> all = new ArrayList<>(standard().rules());
        all.addAll(List.of(new LiveRoutingDiffers(), new MissingLive(), new Unmanaged(), new LiveConfigurationDiffers()));
        return new RuleCatalog(all);
    }

    /** A review with every standard rule and the default risk scoring. */
    public static Review review() {
        return new Review(standard(), RiskScoring.DEFAULT);
    }
}

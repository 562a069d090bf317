package dev.lbguard.policy;

import dev.lbguard.policy.rules.CatchAllAboveSpecificRules;
import dev.lbguard.policy.rules.DanglingReference;
import dev.lbguard.policy.rules.DuplicateRulePriority;
import dev.lbguard.policy.rules.HealthCheckChanged;
import dev.lbguard.policy.rules.HttpsRedirectRemoved;
import dev.lbguard.policy.rules.InternalLoadBalancerExposed;
import dev.lbguard.policy.rules.LiveConfigurationDiffers;
import dev.lbguard.policy.rules.LiveRoutingDiffers;
import dev.lbguard.policy.rules.MissingLive;
import dev.lbguard.policy.rules.Unmanaged;
import dev.lbguard.policy.rules.ListenerRemoved;
import dev.lbguard.policy.rules.MostTrafficCutOver;
import dev.lbguard.policy.rules.RenamedWithoutMoved;
import dev.lbguard.policy.rules.RuleMadeUnreachable;
import dev.lbguard.policy.rules.RuleShadowsExistingRules;
import dev.lbguard.policy.rules.SourceIpWidened;
import dev.lbguard.policy.rules.TlsWeakened;
import dev.lbguard.policy.rules.TrafficToUnservedTargetGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules lbguard runs, listed here by hand: no classpath scanning, so what runs is what this file says.
 * Ids are never reused; a retired rule's id stays retired.
 */
public final class RuleCatalog {
    private final List<PolicyRule> rules;

    public RuleCatalog(List<PolicyRule> rules) {
        Set<String> ids = new HashSet<>();
        for (PolicyRule r : rules) {
            if (!ids.add(r.info().id())) {
                throw new IllegalArgumentException("rule id used twice: " + r.info().id());
            }
        }
        List<PolicyRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(r -> r.info().id()));
        this.rules = List.copyOf(sorted);
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
                new SourceIpWidened()));
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

    /** The rules in id order. */
    public List<PolicyRule> rules() {
        return rules;
    }

    public Optional<PolicyRule> rule(String id) {
        return rules.stream().filter(r -> r.info().id().equals(id)).findFirst();
    }
}

package dev.lbguard.policy.rules;

import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * LBG001, critical: an internal load balancer became internet-facing. Critical because every listener, and
 * every service behind it that trusted being reachable only from the VPC, is exposed the moment it applies.
 */
public final class InternalLoadBalancerExposed implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG001", Severity.CRITICAL,
            "Internal load balancer made internet-facing",
            "Services behind an internal load balancer are usually built to be reached only from inside the "
                    + "network: they may lack authentication, rate limits or TLS. Making the load balancer "
                    + "internet-facing publishes all of them at once.",
            "Keep internal = true, or put the services that must be public behind a separate internet-facing "
                    + "load balancer with only the listeners and rules meant to be public.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (LoadBalancer lb : ctx.head().loadBalancers()) {
            Optional<LoadBalancer> before = ctx.base().loadBalancer(Elements.baseId(lb.id(), ctx.resources()));
            if (before.isPresent() && before.get().internal() && !lb.internal()) {
                String listeners = lb.listeners().stream().map(Listener::label).collect(Collectors.joining(", "));
                out.add(INFO.finding("load balancer " + lb.name() + " was internal and is now internet-facing"
                        + (listeners.isEmpty() ? "" : "; its listeners " + listeners + " become reachable from the internet"),
                        lb.id(), lb.source()));
            }
        }
        return out.build();
    }
}

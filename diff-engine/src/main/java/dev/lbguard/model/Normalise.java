package dev.lbguard.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Rewrites a snapshot so that spellings which configure the same load balancer become equal (DOMAIN.md
 * section 7), for whatever the model's constructors do not already fold. Every source's snapshot goes
 * through here before it is compared, so each rule lives in this one place; applying it twice changes nothing.
 */
public final class Normalise {
    private Normalise() {
    }

    public static RoutingSnapshot snapshot(RoutingSnapshot s) {
        List<LoadBalancer> lbs = s.loadBalancers().stream().map(Normalise::loadBalancer).toList();
        List<TargetGroup> tgs = s.targetGroups().stream().map(Normalise::targetGroup).toList();
        return new RoutingSnapshot(s.origin(), lbs, tgs, s.diagnostics(), s.moves(), s.secrets());
    }

    private static LoadBalancer loadBalancer(LoadBalancer lb) {
        return new LoadBalancer(lb.id(), lb.source(), lb.name(), lb.type(), lb.internal(),
                lb.listeners().stream().map(Normalise::listener).toList());
    }

    /**
     * The security policy AWS gives an HTTPS or TLS listener created through the API without one, which is how
     * Terraform creates it (the console's default differs, but the console is not how git creates listeners).
     */
    public static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";

    private static Listener listener(Listener l) {
        // State files write an absent TLS policy or certificate as "": the same as not set. A listener that does
        // not terminate TLS has no policy that matters, though the API (and moto) may still report one.
        boolean tls = l.protocol().equals("HTTPS") || l.protocol().equals("TLS");
        java.util.Optional<String> policy = tls
                ? l.sslPolicy().filter(p -> !p.isBlank()).or(() -> java.util.Optional.of(DEFAULT_SSL_POLICY))
                : java.util.Optional.empty();
        return new Listener(l.id(), l.source(), l.protocol(), l.port(), policy,
                l.certificates().stream().filter(c -> !c.isBlank()).toList(), action(l.defaultAction()),
                l.rules().stream().map(Normalise::rule).toList(), l.semantics());
    }

    private static Rule rule(Rule r) {
        return new Rule(r.id(), r.source(), r.priority(), r.match(), action(r.action()));
    }

    /** Only the relative {@code order} of actions matters, and it is computed when unset, so keep ranks 1..n. */
    public static RuleAction action(RuleAction a) {
        List<Authenticate> steps = new ArrayList<>();
        for (int i = 0; i < a.authenticate().size(); i++) {
            Authenticate step = a.authenticate().get(i);
            steps.add(new Authenticate(step.kind(), i + 1, step.settings()));
        }
        return new RuleAction(steps, terminal(a.terminal()));
    }

    private static RouteAction terminal(RouteAction t) {
        if (t instanceof RouteAction.Forward f && f.targets().size() == 1 && f.targets().get(0).weight() > 0) {
            // One group takes all the traffic whatever its positive weight: target_group_arn (weight 1) and
            // forward { target_group { weight = 5 } } route alike.
            WeightedTarget only = f.targets().get(0);
            return new RouteAction.Forward(List.of(new WeightedTarget(only.targetGroup(), 1, only.unresolved())),
                    f.stickiness());
        }
        return t;
    }

    private static TargetGroup targetGroup(TargetGroup tg) {
        // A target registered on the group's own port is the same registration as one that names no port.
        List<Target> targets = tg.targets().stream()
                .map(t -> tg.port() != 0 && t.port().isPresent() && t.port().getAsInt() == tg.port()
                        ? new Target(t.id(), t.source(), t.targetId(), OptionalInt.empty(), t.status(), t.backup()) : t)
                .toList();
        return new TargetGroup(tg.id(), tg.source(), tg.name(), tg.protocol(), tg.port(), tg.targetType(),
                healthCheck(tg.healthCheck()), targets, tg.registeredBy());
    }

    /**
     * A disabled health check checks nothing, so its other settings (which the API still reports, with its
     * defaults) are not configuration anyone relies on.
     */
    private static HealthCheck healthCheck(HealthCheck h) {
        if (h.enabled()) {
            return h;
        }
        return new HealthCheck(false, "", "", "", "", 0, 0, 0, 0);
    }
}

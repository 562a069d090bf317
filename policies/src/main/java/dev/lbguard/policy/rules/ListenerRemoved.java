package dev.lbguard.policy.rules;

import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.rules.Elements.PlacedListener;
import java.util.Optional;

/**
 * LBG011, high: a port that accepted connections in base does not in head: its listener is removed (or its
 * whole load balancer) or moved to another port, and no listener of the same load balancer takes over the port. High because every
 * client of that port gets connection refused. Reported on the listener's line in base.
 */
public final class ListenerRemoved implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG011", Severity.HIGH,
            "Listener removed",
            "Removing a listener closes its port: every client, bookmark and integration that uses it gets "
                    + "connection refused, with no redirect or error page to explain why.",
            "Keep the listener, or replace it with one that redirects (for example HTTP to HTTPS) or answers "
                    + "with a fixed response until clients have moved; announce the port's retirement first.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (PlacedListener p : Elements.listeners(ctx.base()).values()) {
            Listener l = p.listener();
            Optional<Listener> same = ctx.head().listener(Elements.headId(l.id(), ctx.resources()));
            // Kept on its port: nothing closes. Moved to another port, its old port closes as if it were removed.
            if (same.isPresent() && (l.port() == 0 || same.get().port() == l.port())) {
                continue;
            }
            Optional<LoadBalancer> lb = ctx.head().loadBalancer(Elements.headId(p.loadBalancer().id(), ctx.resources()));
            if (lb.isPresent() && l.port() != 0 && !lb.get().listenersOnPort(l.port()).isEmpty()) {
                continue;
            }
            String what = same.isPresent() ? " moves to port " + same.get().port()
                    : lb.isPresent() ? " is removed" : " is removed together with its load balancer";
            out.add(INFO.finding(l.id() + " (" + l.label() + " on " + p.loadBalancer().name() + ")" + what
                    + "; connections to port " + (l.port() == 0 ? "?" : Integer.toString(l.port())) + " will be refused",
                    l.id(), l.source()));
        }
        return out.build();
    }

}

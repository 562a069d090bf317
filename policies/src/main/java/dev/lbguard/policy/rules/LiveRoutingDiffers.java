package dev.lbguard.policy.rules;

import dev.lbguard.diff.RouteChange;
import dev.lbguard.model.Listener;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * LBG201, high, drift only: requests reach a different destination live than git says, once per listener. High
 * because the routing everyone reviewed is not the routing that runs, and the next apply will silently move these
 * requests back.
 */
public final class LiveRoutingDiffers implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG201", Severity.HIGH,
            "Live routing differs from git",
            "Some requests go somewhere else on the live load balancer than git says: a change made outside "
                    + "Terraform (a console edit, a script) that no review saw, and that the next apply reverts.",
            "Find out who changed it and why; then either commit the change to git or run terraform apply to "
                    + "restore the routing git declares.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        Map<String, List<RouteChange>> byListener = new LinkedHashMap<>();
        Map<String, List<RouteChange>> undecided = new LinkedHashMap<>();
        for (RouteChange c : ctx.routes().changes()) {
            // A class whose destination git leaves unknown may run as git says: that it differs is not known.
            (c.undecided() ? undecided : byListener).computeIfAbsent(c.listener().value(), k -> new ArrayList<>()).add(c);
        }
        RuleResult.Builder out = RuleResult.builder();
        undecided.values().forEach(changes -> out.add(INFO.inconclusive(changes.get(0).loadBalancerName() + " "
                + changes.get(0).listenerLabel() + ": " + changes.size() + (changes.size() == 1 ? " request class"
                : " request classes") + " whose destination in git is unknown may differ live, e.g. "
                + changes.get(0).match().describe())));
        for (List<RouteChange> changes : byListener.values()) {
            RouteChange first = changes.get(0);
            var source = ctx.base().listener(first.listener()).map(Listener::source)
                    .or(() -> ctx.head().listener(first.listener()).map(Listener::source)).orElseThrow();
            int n = changes.size();
            out.add(INFO.finding(first.loadBalancerName() + " " + first.listenerLabel() + ": " + n
                    + (n == 1 ? " request class reaches" : " request classes reach")
                    + " a different destination live than in git, e.g. " + first.match().describe(),
                    first.listener(), source));
        }
        return out.build();
    }
}

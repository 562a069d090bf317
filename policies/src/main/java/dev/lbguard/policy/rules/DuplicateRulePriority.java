package dev.lbguard.policy.rules;

import dev.lbguard.model.Rule;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.rules.Elements.PlacedListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * LBG010, high: two or more rules of one listener share a priority in head. High because the load balancer
 * rejects the second rule, so the apply fails part-way, and until then which rule wins is undefined.
 */
public final class DuplicateRulePriority implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG010", Severity.HIGH,
            "Duplicate rule priority on a listener",
            "Rule priorities must be unique per listener. The load balancer refuses a rule whose priority is "
                    + "taken, so the apply fails half-way, and a reader cannot tell which of the two rules "
                    + "was meant to win.",
            "Give each rule on the listener its own priority; leave gaps (10, 20, 30) so that rules can be "
                    + "inserted later without renumbering.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (PlacedListener p : Elements.listeners(ctx.head()).values()) {
            Map<Integer, List<Rule>> byPriority = new TreeMap<>();
            for (Rule r : p.listener().rules()) {
                if (r.priority().isKnown()) {
                    byPriority.computeIfAbsent(r.priority().value(), k -> new ArrayList<>()).add(r);
                }
            }
            for (Map.Entry<Integer, List<Rule>> e : byPriority.entrySet()) {
                if (e.getValue().size() < 2) {
                    continue;
                }
                for (Rule r : e.getValue()) {
                    String others = e.getValue().stream().filter(o -> o != r).map(o -> o.id().value())
                            .collect(Collectors.joining(", "));
                    out.add(INFO.finding(r.id() + " has priority " + e.getKey() + " on " + p.listener().label()
                            + ", like " + others, r.id(), r.source()));
                }
            }
        }
        return out.build();
    }
}

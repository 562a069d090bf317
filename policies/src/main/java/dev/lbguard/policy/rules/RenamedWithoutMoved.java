package dev.lbguard.policy.rules;

import dev.lbguard.diff.AttributeChange;
import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.ElementKind;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import java.util.List;

/**
 * LBG013, high: an element changed its identity (a Terraform address) without a {@code moved} block, so the
 * tool destroys the old one and creates a new one. High because for a load balancer that means a new DNS
 * name, for a listener or rule a window without it, and for a target group in use a failed apply. A load balancer
 * whose name, scheme or type changes is replaced just the same (AWS changes none of them in place): a public
 * repository renamed one in a commit that lbguard showed as a mere modification.
 */
public final class RenamedWithoutMoved implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG013", Severity.HIGH,
            "Renamed without a moved block (destroy and re-create)",
            "A rename that Terraform is not told about is a destroy followed by a create. Between the two the "
                    + "element does not exist: its requests fall through to other rules or are refused, a new "
                    + "load balancer gets a new DNS name, and a target group still in use cannot be destroyed.",
            "Add a moved block (moved { from = <old address>  to = <new address> }) in the same change, or keep "
                    + "the old address.");

    /** What a load balancer cannot change in place (the provider replaces it), as the resource diff names it. */
    private static final java.util.Map<String, String> REPLACING = java.util.Map.of("name", "name",
            "internal", "scheme (internal or internet-facing)", "type", "type");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (ResourceChange c : ctx.resources().changes()) {
            if (c.change() == ChangeType.RENAMED && !c.declaredMove()) {
                out.add(INFO.finding(c.kind().label() + " " + c.renamedFrom().map(Object::toString).orElse("?")
                        + " is renamed to " + c.id() + " without a moved block: it will be destroyed and re-created",
                        c.id(), c.source()));
            }
            boolean lb = c.change() == ChangeType.MODIFIED && c.kind() == ElementKind.LOAD_BALANCER;
            // A name that could not be evaluated stands as the address: that it changes is not known.
            boolean nameUnknown = lb && c.attributes().stream().anyMatch(a -> a.path().equals("name")
                    && (unknownName(a.before(), c, ctx.base().complete()) || unknownName(a.after(), c, ctx.head().complete())));
            if (nameUnknown) {
                out.add(INFO.inconclusive("load balancer " + c.id() + ": whether its name changes (which replaces it) "
                        + "is unknown, its name could not be evaluated on one side"));
            }
            List<String> replacing = lb
                    ? c.attributes().stream().map(AttributeChange::path).filter(REPLACING::containsKey)
                    .filter(p -> !(nameUnknown && p.equals("name"))).map(REPLACING::get).toList()
                    : List.of();
            if (!replacing.isEmpty()) {
                out.add(INFO.finding("load balancer " + c.id() + " changes its " + String.join(" and ", replacing)
                        + ", which AWS cannot change in place: it will be destroyed and re-created, with a new DNS "
                        + "name and no listener in between (no moved block helps: keep it, or build the new load "
                        + "balancer beside the old one and move clients first)", c.id(), c.source()));
            }
        }
        return out.build();
    }

    /** The address standing for a name, in a snapshot that could not read everything. */
    private static boolean unknownName(dev.lbguard.diff.AttributeValue v, ResourceChange c, boolean complete) {
        return !complete && v instanceof dev.lbguard.diff.AttributeValue.Text t
                && (t.value().equals(c.id().value()) || c.renamedFrom().map(f -> f.value().equals(t.value())).orElse(false));
    }
}

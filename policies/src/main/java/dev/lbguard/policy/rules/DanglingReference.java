package dev.lbguard.policy.rules;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.rules.Elements.PlacedListener;
import dev.lbguard.policy.rules.Elements.PlacedRule;
import java.util.Set;
import java.util.TreeSet;

/**
 * LBG009, high: something the change removes is still referenced: a forward to a target group that is
 * gone, or an element (a rule, a certificate, an attachment) whose listener or load balancer is gone. High
 * because the apply fails or, worse, half applies; the routing of the referring element is unknown.
 *
 * <p>Forwards are read from the model: an unlinkable target group is unknown there, with the source's reason,
 * which names the missing group. Elements that name a removed listener or load balancer cannot be linked into
 * the model at all, so they are found through head's error diagnostics that name the removed element: every
 * source reports an unlinkable reference that way.
 */
public final class DanglingReference implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG009", Severity.HIGH,
            "Reference to a removed load balancer, listener or target group",
            "When an element is removed but something still points at it, the change cannot be applied as "
                    + "written: Terraform fails on the reference, or the load balancer refuses the rule. What the "
                    + "referring element routes to is unknown until it is fixed.",
            "Update or remove every reference to the removed element in the same change: point forwards at the "
                    + "target group that replaces it, and move or delete rules of a removed listener.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        Set<ElementId> removedGroups = new TreeSet<>();
        for (TargetGroup tg : ctx.base().targetGroups()) {
            if (!Elements.targetGroups(ctx.head()).containsKey(tg.id())) {
                removedGroups.add(tg.id());
            }
        }
        for (PlacedRule p : Elements.rules(ctx.head()).values()) {
            forwards(p.rule().action(), removedGroups, p.rule().id(), p.rule().source(), out);
        }
        for (PlacedListener p : Elements.listeners(ctx.head()).values()) {
            forwards(p.listener().defaultAction(), removedGroups, p.listener().id(), p.listener().source(), out);
        }
        Set<ElementId> removedParents = new TreeSet<>();
        for (LoadBalancer lb : ctx.base().loadBalancers()) {
            if (ctx.head().loadBalancer(lb.id()).isEmpty()) {
                removedParents.add(lb.id());
            }
        }
        for (ElementId l : Elements.listeners(ctx.base()).keySet()) {
            if (ctx.head().listener(l).isEmpty()) {
                removedParents.add(l);
            }
        }
        diagnostics(ctx.head(), removedParents, out);
        return out.build();
    }

    /**
     * A forward whose target group could not be linked, and whose source names a removed target group as
     * the reason: the model keeps the source's words, since it cannot keep a link to what is gone.
     */
    private static void forwards(RuleAction action, Set<ElementId> removed, ElementId element, SourceRef source,
                                 RuleResult.Builder out) {
        String unknowns = Actions.unknowns(action.terminal());
        for (ElementId tg : removed) {
            if (names(unknowns, tg.value())) {
                out.add(INFO.finding(element + " still forwards to target group " + tg + ", which this change removes",
                        element, source));
                return;
            }
        }
    }

    private static void diagnostics(RoutingSnapshot head, Set<ElementId> removed, RuleResult.Builder out) {
        Set<String> lines = new TreeSet<>();
        for (Diagnostic d : head.diagnostics()) {
            // One finding per referring line: a source may report the same reference more than once.
            if (!d.isError() || lines.contains(d.source().path() + ":" + d.source().line())) {
                continue;
            }
            for (ElementId id : removed) {
                if (names(d.message(), id.value())) {
                    lines.add(d.source().path() + ":" + d.source().line());
                    out.add(INFO.finding(d.message() + " (removed by this change)", id, d.source()));
                    break;
                }
            }
        }
    }

    /** True when {@code text} contains {@code address} as a whole address, not as the prefix of a longer one. */
    static boolean names(String text, String address) {
        int from = 0;
        while (true) {
            int i = text.indexOf(address, from);
            if (i < 0) {
                return false;
            }
            int end = i + address.length();
            boolean startOk = i == 0 || !addressChar(text.charAt(i - 1));
            boolean endOk = end == text.length() || !addressChar(text.charAt(end)) && text.charAt(end) != '[';
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }

    private static boolean addressChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }
}

package dev.lbguard.policy.rules;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Rule;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.rules.Elements.PlacedRule;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LBG014, high: a rule that was limited to some client addresses now admits addresses it did not: a CIDR
 * got wider, a new CIDR covers new addresses, or the source-ip condition is gone. High because source-ip
 * conditions guard admin and internal paths, and widening them exposes those paths.
 */
public final class SourceIpWidened implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG014", Severity.HIGH,
            "Source-ip condition widened",
            "A source-ip condition is often the only thing between an admin or internal path and the rest of "
                    + "the internet. A wider CIDR (a /8 for a /24, 0.0.0.0/0) or a removed condition lets "
                    + "clients in that the rule was written to keep out.",
            "Keep the narrower CIDRs, add only the specific new ranges that need access, and put real "
                    + "authentication in front of the path rather than relying on addresses alone.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        Map<ElementId, PlacedRule> baseRules = Elements.rules(ctx.base());
        for (PlacedRule p : Elements.rules(ctx.head()).values()) {
            Optional<Condition> was = Elements.find(baseRules, Elements.baseId(p.rule().id(), ctx.resources()))
                    .flatMap(before -> sourceIp(before.rule()));
            if (was.isEmpty()) {
                continue;
            }
            Rule r = p.rule();
            Optional<Condition> now = sourceIp(r);
            if (now.isEmpty()) {
                out.add(INFO.finding(r.id() + " no longer has its source-ip condition " + was.get().values()
                        + ": it now takes requests from any address", r.id(), r.source()));
                continue;
            }
            if (now.get().equals(was.get()) && !now.get().isUnknown()) {
                continue; // the same addresses on both sides admit no one new, whatever they are
            }
            if (was.get().isUnknown() || now.get().isUnknown()) {
                out.add(INFO.inconclusive(r.id() + ": a source-ip condition could not be evaluated"));
                continue;
            }
            Optional<List<IPAddress>> a = blocks(was.get().values());
            Optional<List<IPAddress>> b = blocks(now.get().values());
            if (a.isEmpty() || b.isEmpty()) {
                out.add(INFO.inconclusive(r.id() + ": a source-ip value is not a CIDR block: " + was.get().values()
                        + " / " + now.get().values()));
                continue;
            }
            List<String> wider = new ArrayList<>();
            for (IPAddress block : b.get()) {
                if (!covered(block, a.get())) {
                    wider.add(block.toCanonicalString());
                }
            }
            if (!wider.isEmpty()) {
                out.add(INFO.finding(r.id() + " now admits clients from " + String.join(", ", wider)
                        + ", beyond its previous source-ip " + was.get().values(), r.id(), r.source()));
            }
        }
        return out.build();
    }

    private static Optional<Condition> sourceIp(Rule r) {
        return r.conditions().stream().filter(c -> c.type() == ConditionType.SOURCE_IP).findFirst();
    }

    /** The CIDRs as prefix blocks, or empty when one is not an address or CIDR. */
    private static Optional<List<IPAddress>> blocks(List<String> cidrs) {
        List<IPAddress> out = new ArrayList<>();
        for (String c : cidrs) {
            // The library answers null for a string that is not an address; it stops here.
            IPAddress a = new IPAddressString(c.trim()).getAddress();
            if (a == null) {
                return Optional.empty();
            }
            out.add(a.toPrefixBlock());
        }
        return Optional.of(out);
    }

    /**
     * True when every address of {@code block} is in one of {@code others}, whose union may be needed. Only
     * blocks of the block's own family count: an IPv4 client never matches an IPv6 CIDR nor the reverse (the
     * evaluator compares them so), and the library's {@code subtract} throws on an IPv6 argument to an IPv4
     * block while silently reading an IPv4 argument to an IPv6 block as its v4-mapped form.
     */
    static boolean covered(IPAddress block, List<IPAddress> others) {
        List<IPAddress> rest = List.of(block);
        for (IPAddress o : others) {
            if (o.getIPVersion() != block.getIPVersion()) {
                continue;
            }
            List<IPAddress> next = new ArrayList<>();
            for (IPAddress r : rest) {
                // The library answers null when nothing is left.
                IPAddress[] left = r.subtract(o);
                if (left != null) {
                    next.addAll(List.of(left));
                }
            }
            rest = next;
        }
        return rest.isEmpty();
    }
}

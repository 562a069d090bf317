package dev.lbguard.policy.rules;

import dev.lbguard.model.Listener;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.rules.Elements.PlacedListener;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * LBG007, high: a listener's TLS got weaker: its security policy moved to a weaker one (see
 * {@link TlsPolicies}), or an HTTPS (TLS) listener became plain HTTP (TCP). High because clients then
 * negotiate protocols and ciphers with known attacks, or send everything in clear text.
 */
public final class TlsWeakened implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG007", Severity.HIGH,
            "TLS policy downgraded or HTTPS listener turned HTTP",
            "A weaker security policy re-enables old TLS versions or ciphers that compliance regimes (PCI DSS, "
                    + "FIPS) forbid and attackers can exploit; a listener turned from HTTPS to HTTP sends "
                    + "cookies, tokens and personal data in clear text.",
            "Keep the previous ssl_policy or choose a stronger one (ELBSecurityPolicy-TLS13-1-2-2021-06 or "
                    + "later); keep the listener on HTTPS with its certificate, and redirect HTTP to it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        Map<dev.lbguard.model.ElementId, PlacedListener> baseListeners = Elements.listeners(ctx.base());
        for (PlacedListener p : Elements.listeners(ctx.head()).values()) {
            Optional<PlacedListener> was = Elements.find(baseListeners, Elements.baseId(p.listener().id(), ctx.resources()));
            if (was.isEmpty()) {
                continue;
            }
            Listener before = was.get().listener();
            Listener after = p.listener();
            if (encrypted(before.protocol()) && !encrypted(after.protocol())) {
                out.add(INFO.finding(after.id() + " on " + p.loadBalancer().name() + " was " + before.label()
                        + " and is now " + after.label() + ": traffic is no longer encrypted", after.id(), after.source()));
                continue;
            }
            if (!encrypted(before.protocol()) || !encrypted(after.protocol())) {
                continue;
            }
            Optional<String> from = before.sslPolicy();
            Optional<String> to = after.sslPolicy();
            if (from.equals(to) || from.isEmpty()) {
                continue;
            }
            if (to.isEmpty()) {
                out.add(INFO.inconclusive(after.id() + " no longer names an ssl_policy (was " + from.get()
                        + "); the policy the platform then applies is not known here"));
                continue;
            }
            OptionalInt a = TlsPolicies.rank(from.get());
            OptionalInt b = TlsPolicies.rank(to.get());
            if (a.isEmpty() || b.isEmpty()) {
                out.add(INFO.inconclusive(after.id() + ": cannot rank security policy "
                        + (a.isEmpty() ? from.get() : to.get()) + " against " + (a.isEmpty() ? to.get() : from.get())));
            } else if (b.getAsInt() < a.getAsInt()) {
                out.add(INFO.finding(after.id() + " on " + p.loadBalancer().name() + " moves from security policy "
                        + from.get() + " to the weaker " + to.get(), after.id(), after.source()));
            }
        }
        return out.build();
    }

    private static boolean encrypted(String protocol) {
        return protocol.equals("HTTPS") || protocol.equals("TLS");
    }
}

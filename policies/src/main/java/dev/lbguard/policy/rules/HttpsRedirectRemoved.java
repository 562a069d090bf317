package dev.lbguard.policy.rules;

import dev.lbguard.diff.Destination;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * LBG008, high: requests that were redirected to HTTPS are now served (or answered) as they came, in plain
 * HTTP. High because browsers and clients that start on http:// stay there, sending credentials and
 * cookies in clear text. A listener removed outright is {@link ListenerRemoved}'s business.
 */
public final class HttpsRedirectRemoved implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG008", Severity.HIGH,
            "HTTP-to-HTTPS redirect removed",
            "An HTTP listener that redirects to HTTPS is what moves clients typing http:// onto an encrypted "
                    + "connection. Once it forwards or answers instead, those requests and their cookies travel "
                    + "unencrypted, and HSTS cannot help first-time visitors.",
            "Keep the redirect (type = \"redirect\", protocol = \"HTTPS\", status_code = \"HTTP_301\") as the HTTP "
                    + "listener's default action, and add new routes to the HTTPS listener instead.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        Set<String> reported = new TreeSet<>();
        for (RouteChange rc : ctx.routes().changes()) {
            // On an HTTPS listener the request came encrypted: a redirect to https there moves a host or path, and
            // removing it sends nothing in the clear (public code: a www redirect beside a new rule, ranked HIGH).
            boolean encrypted = ctx.base().listener(rc.listener()).or(() -> ctx.head().listener(rc.listener()))
                    .map(l -> l.protocol().equals("HTTPS")).orElse(false);
            if (encrypted || !redirectsToHttps(rc.before())) {
                continue;
            }
            if (rc.after().kind() == Destination.Kind.UNKNOWN) {
                out.add(INFO.inconclusive("requests such as " + rc.match().describe() + " on " + rc.loadBalancerName()
                        + " " + rc.listenerLabel() + " were redirected to HTTPS; where they go now is unknown: "
                        + rc.after().reason()));
                continue;
            }
            if (rc.after().kind() != Destination.Kind.ACTION || redirectsToHttps(rc.after())) {
                continue;
            }
            Optional<Elements.Located> at = Elements.whereTaken(rc.after(), rc.listener(), ctx.head());
            if (at.isPresent() && reported.add(at.get().id().value())) {
                out.add(INFO.finding("requests such as " + rc.match().describe() + " on " + rc.loadBalancerName() + " "
                        + rc.listenerLabel() + " were redirected to HTTPS and now get "
                        + rc.after().action().map(a -> a.terminal().toString()).orElse("another answer"),
                        at.get().id(), at.get().source()));
            }
        }
        return out.build();
    }

    private static boolean redirectsToHttps(Destination d) {
        return d.kind() == Destination.Kind.ACTION && d.action().isPresent()
                && Actions.redirectsToHttps(d.action().get().terminal());
    }
}

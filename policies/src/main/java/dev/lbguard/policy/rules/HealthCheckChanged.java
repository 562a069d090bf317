package dev.lbguard.policy.rules;

import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LBG012, medium: a target group's health check now probes another path, port or protocol, or accepts other
 * status codes. Medium: often intended, but a wrong path or matcher marks every target unhealthy at once
 * (and the load balancer then fails open or returns 503s), and a too-lenient one hides broken targets.
 */
public final class HealthCheckChanged implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG012", Severity.MEDIUM,
            "Health-check path, port or matcher changed",
            "The health check decides which targets get traffic. A path the application does not serve, a "
                    + "port nothing listens on, or a matcher that rejects the real answer marks every target "
                    + "unhealthy as soon as the change applies.",
            "Check that every target answers the new path and port with a status the matcher accepts before "
                    + "applying, for example with curl from inside the VPC, or roll the change out per target group.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (TargetGroup tg : ctx.head().targetGroups()) {
            Optional<TargetGroup> before = Elements.find(Elements.targetGroups(ctx.base()), Elements.baseId(tg.id(), ctx.resources()));
            if (before.isEmpty()) {
                continue;
            }
            HealthCheck was = before.get().healthCheck();
            HealthCheck now = tg.healthCheck();
            List<String> changes = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            compare("protocol", was.protocol(), now.protocol(), was, now, changes, unknown);
            compare("port", was.port(), now.port(), was, now, changes, unknown);
            compare("path", was.path(), now.path(), was, now, changes, unknown);
            compare("matcher", was.matcher(), now.matcher(), was, now, changes, unknown);
            if (!changes.isEmpty()) {
                out.add(INFO.finding("the health check of target group " + tg.name() + " changes: "
                        + String.join(", ", changes), tg.id(), tg.source()));
            }
            if (!unknown.isEmpty()) {
                out.add(INFO.inconclusive("the health check of target group " + tg.name() + ": "
                        + String.join(", ", unknown)));
            }
        }
        return out.build();
    }

    /**
     * One setting: a change of known values, or, where a side could not be evaluated, that it cannot tell (unless
     * both sides are the same root variable without a value, which holds one value at both revisions).
     */
    private static void compare(String what, String a, String b, HealthCheck was, HealthCheck now,
                                List<String> changes, List<String> unknown) {
        String wasUnknown = was.unknown().get(what);
        String nowUnknown = now.unknown().get(what);
        if (wasUnknown == null && nowUnknown == null) {
            if (!a.equals(b)) {
                changes.add(what + " " + quote(a) + " to " + quote(b));
            }
        } else if (!HealthCheck.sameUnread(wasUnknown, nowUnknown)) {
            unknown.add("cannot tell whether its " + what + " changes ("
                    + (wasUnknown == null ? quote(a) : "unknown: " + wasUnknown) + " to "
                    + (nowUnknown == null ? quote(b) : "unknown: " + nowUnknown) + ")");
        }
    }

    private static String quote(String s) {
        return s.isEmpty() ? "(none)" : "\"" + s + "\"";
    }
}

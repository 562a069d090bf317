package dev.lbguard.model;

import java.util.stream.Collectors;

/**
 * Where an action sends a request, in one line every report and finding uses ("forward shop-api 90%,
 * shop-canary 10%"), target groups named as the snapshot names them.
 */
public final class ActionSummary {
    private ActionSummary() {
    }

    public static String of(RuleAction action, RoutingSnapshot snapshot) {
        String auth = action.authenticate().stream().map(a -> a.kind().label())
                .collect(Collectors.joining(", "));
        String terminal = action.terminal().accept(new RouteAction.Visitor<String>() {
            @Override
            public String forward(RouteAction.Forward f) {
                int total = f.targets().stream().mapToInt(WeightedTarget::weight).sum();
                // One weight unknown, every share is: never a 0% that nobody wrote.
                boolean shares = f.targets().stream().noneMatch(WeightedTarget::weightUnknown);
                String targets = f.targets().stream().map(t -> name(t, snapshot)
                                + (f.targets().size() == 1 ? "" : shares ? " " + percent(t.weight(), total)
                                : t.weightUnknown() ? " weight unknown" : " weight " + t.weight()))
                        .collect(Collectors.joining(", "));
                return "forward " + targets + f.stickiness().map(s -> " (sticky " + s.durationSeconds() + "s)")
                        .orElse("");
            }

            @Override
            public String redirect(RouteAction.Redirect r) {
                return "redirect " + r.protocol() + "://" + r.host() + ":" + r.port() + r.path()
                        + (r.query().isEmpty() ? "" : "?" + r.query()) + " (" + r.statusCode() + ")";
            }

            @Override
            public String fixedResponse(RouteAction.FixedResponse f) {
                return "fixed-response " + f.statusCode() + (f.contentType().isEmpty() ? "" : " " + f.contentType());
            }

            @Override
            public String unresolved(RouteAction.Unresolved u) {
                return u.isNotTaken() ? u.reason() : "unknown (" + u.reason() + ")";
            }
        });
        return auth.isEmpty() ? terminal : auth + ", then " + terminal;
    }

    private static String name(WeightedTarget t, RoutingSnapshot snapshot) {
        return snapshot.targetGroupName(t) + (t.isLinked() ? "" : " (unresolved)");
    }

    private static String percent(int weight, int total) {
        if (total == 0) {
            return "0%";
        }
        double p = 100.0 * weight / total;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format(java.util.Locale.ROOT, "%.1f", p)) + "%";
    }
}

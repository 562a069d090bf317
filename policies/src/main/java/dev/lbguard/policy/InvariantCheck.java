package dev.lbguard.policy;

import dev.lbguard.model.ActionSummary;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.policy.InvariantResult.Status;
import dev.lbguard.route.Glob;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.route.RouteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * Judges invariants on a snapshot with the route evaluator, the one home of the load balancer's semantics. An
 * expectation holds or fails only when the evaluator decides; what it cannot decide is {@code UNKNOWN}, never a
 * pass. A load balancer missing from a snapshot that was not read completely is unknown too: it may stand in
 * what was not read.
 */
public final class InvariantCheck {
    private static final RouteEvaluator EVALUATOR = new RouteEvaluator();

    private InvariantCheck() {
    }

    public static List<InvariantResult> check(RoutingSnapshot snapshot, List<Invariant> invariants) {
        List<InvariantResult> out = new ArrayList<>();
        for (Invariant i : invariants) {
            out.add(check(snapshot, i));
        }
        return out;
    }

    public static InvariantResult check(RoutingSnapshot snapshot, Invariant invariant) {
        List<LoadBalancer> named = snapshot.loadBalancersNamed(invariant.loadBalancer());
        Status missing = snapshot.complete() ? Status.FAILED : Status.UNKNOWN;
        if (named.isEmpty()) {
            return new InvariantResult(invariant, missing, "no load balancer named " + invariant.loadBalancer()
                    + (snapshot.complete() ? "" : " among those read"), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        if (named.size() > 1) {
            return new InvariantResult(invariant, Status.UNKNOWN, "more than one load balancer is named "
                    + invariant.loadBalancer() + "; name it by address: "
                    + named.stream().map(lb -> lb.id().value()).toList(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        LoadBalancer lb = named.get(0);
        Optional<Listener> listener = lb.listenerOnPort(invariant.port());
        if (listener.isEmpty()) {
            return new InvariantResult(invariant, missing, "no listener on port " + invariant.port()
                    + " (connection refused)", Optional.of(lb), Optional.empty(), Optional.empty());
        }
        RouteResult r = EVALUATOR.evaluate(listener.get(), invariant.request());
        Status status = r.isMatched()
                ? judge(invariant.expect(), r.action().orElseThrow().terminal(), listener.get(), invariant.request(),
                        snapshot)
                : Status.UNKNOWN;
        String actual = r.isMatched() ? ActionSummary.of(r.action().orElseThrow(), snapshot)
                : "unknown: " + r.reason();
        if (r.isMatched() && r.action().orElseThrow().terminal() instanceof RouteAction.Redirect redirect) {
            actual = "redirect to " + RedirectUrl.of(redirect, invariant.request(), listener.get()) + " ("
                    + redirect.statusCode() + ")";
        }
        if (lb.managedElsewhere() && status != Status.UNKNOWN) {
            // Only this configuration's rules are seen there: another stack's rule may come first.
            return new InvariantResult(invariant, Status.UNKNOWN, actual + " by this configuration's rules; the "
                    + "listener is managed by another stack, whose rules (which may come first) are not seen",
                    Optional.of(lb), listener, Optional.of(r));
        }
        return new InvariantResult(invariant, status, actual, Optional.of(lb), listener, Optional.of(r));
    }

    private static Status judge(Expectation e, RouteAction action, Listener l, Request request,
                                RoutingSnapshot snapshot) {
        if (action instanceof RouteAction.Unresolved) {
            // A destination lbguard could not read (or another stack's default action) is no answer either way.
            return Status.UNKNOWN;
        }
        return switch (e.kind()) {
            case FORWARD -> forwardsAsSplit(e.split(), action, snapshot);
            case NOT_FORWARD -> notForwardedTo(e.value(), action, snapshot);
            case REDIRECT -> action instanceof RouteAction.Redirect r
                    && Glob.matches(e.value(), RedirectUrl.of(r, request, l)) ? Status.PASSED : Status.FAILED;
            case FIXED_RESPONSE -> action instanceof RouteAction.FixedResponse f && f.statusCode().equals(e.value())
                    ? Status.PASSED : Status.FAILED;
        };
    }

    /**
     * Whether the forward sends requests to exactly the expected groups in the expected shares (groups of weight 0
     * take nothing and count as absent); unknown when a group that could not be linked takes a share.
     */
    private static Status forwardsAsSplit(Map<String, Integer> split, RouteAction action, RoutingSnapshot snapshot) {
        if (!(action instanceof RouteAction.Forward f)) {
            return Status.FAILED;
        }
        Map<String, Long> actual = new TreeMap<>();
        for (WeightedTarget t : f.targets()) {
            long weight = f.targets().size() == 1 ? Math.max(1, t.weight()) : t.weight();
            if (weight == 0) {
                continue;
            }
            if (!t.isResolved()) {
                return Status.UNKNOWN;
            }
            String key = split.keySet().stream().filter(k -> named(k, t, snapshot)).findFirst().orElse("");
            if (key.isEmpty()) {
                return Status.FAILED;
            }
            actual.merge(key, weight, Long::sum);
        }
        long expectedTotal = split.values().stream().mapToLong(Integer::longValue).sum();
        long actualTotal = actual.values().stream().mapToLong(Long::longValue).sum();
        for (Map.Entry<String, Integer> e : split.entrySet()) {
            long got = actual.getOrDefault(e.getKey(), 0L);
            // Shares, cross-multiplied: 90/10 and 9/1 are the same split.
            if (got * expectedTotal != e.getValue() * actualTotal) {
                return Status.FAILED;
            }
        }
        return actualTotal > 0 ? Status.PASSED : Status.FAILED;
    }

    private static Status notForwardedTo(String name, RouteAction action, RoutingSnapshot snapshot) {
        if (!(action instanceof RouteAction.Forward f)) {
            return Status.PASSED;
        }
        boolean unresolved = false;
        for (WeightedTarget t : f.targets()) {
            boolean takes = t.weight() > 0 || f.targets().size() == 1;
            if (takes && t.isResolved() && named(name, t, snapshot)) {
                return Status.FAILED;
            }
            unresolved |= takes && !t.isResolved();
        }
        return unresolved ? Status.UNKNOWN : Status.PASSED;
    }

    private static boolean named(String name, WeightedTarget t, RoutingSnapshot snapshot) {
        return t.targetGroup().value().equals(name) || snapshot.targetGroupName(t.targetGroup()).equals(name);
    }

    /** Where a redirect sends the request, as the client's next request would be: {@code https://host/path?query}. */
    public static final class RedirectUrl {
        private RedirectUrl() {
        }

        public static String of(RouteAction.Redirect r, Request request, Listener listener) {
            String protocol = r.protocol().replace("#{protocol}", listener.protocol()).toLowerCase(Locale.ROOT);
            String port = r.port().replace("#{port}", String.valueOf(listener.port()));
            String host = r.host().replace("#{host}", request.hostWithoutPort());
            String path = r.path().replace("#{path}", request.path().startsWith("/") ? request.path().substring(1)
                    : request.path());
            String query = r.query().replace("#{query}", queryString(request));
            boolean defaultPort = protocol.equals("https") && port.equals("443")
                    || protocol.equals("http") && port.equals("80");
            return protocol + "://" + host + (defaultPort ? "" : ":" + port) + path
                    + (query.isEmpty() ? "" : "?" + query);
        }

        private static String queryString(Request request) {
            StringBuilder s = new StringBuilder();
            for (Request.QueryParam p : request.query()) {
                s.append(s.length() == 0 ? "" : "&").append(p.key()).append(p.value().isEmpty() ? "" : "=" + p.value());
            }
            return s.toString();
        }
    }
}

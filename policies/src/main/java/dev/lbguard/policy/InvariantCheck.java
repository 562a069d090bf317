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
        return new InvariantResult(invariant, status, actual, Optional.of(lb), listener, Optional.of(r));
    }

    private static Status judge(Expectation e, RouteAction action, Listener l, Request request,
                                RoutingSnapshot snapshot) {
        return switch (e.kind()) {
            case FORWARD -> forwardsTo(e.value(), action, snapshot);
            case NOT_FORWARD -> switch (forwardsTo(e.value(), action, snapshot)) {
                case PASSED -> Status.FAILED;
                case FAILED -> Status.PASSED;
                case UNKNOWN -> Status.UNKNOWN;
            };
            case REDIRECT -> action instanceof RouteAction.Redirect r
                    && Glob.matches(e.value(), RedirectUrl.of(r, request, l)) ? Status.PASSED : Status.FAILED;
            case FIXED_RESPONSE -> action instanceof RouteAction.FixedResponse f && f.statusCode().equals(e.value())
                    ? Status.PASSED : Status.FAILED;
        };
    }

    /**
     * Whether the action sends requests to the target group named {@code name} (its name, or its address or ARN):
     * passed when that group takes a share of them (a weight above 0, or it is the only group), unknown when it
     * does not but a group that could not be linked might be it.
     */
    private static Status forwardsTo(String name, RouteAction action, RoutingSnapshot snapshot) {
        if (!(action instanceof RouteAction.Forward f)) {
            return Status.FAILED;
        }
        boolean unresolved = false;
        for (WeightedTarget t : f.targets()) {
            boolean named = t.targetGroup().value().equals(name) || snapshot.targetGroupName(t.targetGroup()).equals(name);
            if (named && (t.weight() > 0 || f.targets().size() == 1)) {
                return Status.PASSED;
            }
            unresolved |= !t.isResolved();
        }
        return unresolved ? Status.UNKNOWN : Status.FAILED;
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

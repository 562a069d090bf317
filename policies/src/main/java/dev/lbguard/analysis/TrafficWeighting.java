package dev.lbguard.analysis;

import dev.lbguard.diff.Destination;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.TrafficCounts;
import dev.lbguard.policy.TrafficCounts.ChangeTraffic;
import dev.lbguard.policy.TrafficWeigher;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.source.traffic.LoggedRequest;
import dev.lbguard.source.traffic.TrafficLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * How many logged requests a change moves ({@code --traffic}), exactly: each distinct logged request is decided
 * by the route evaluator on both sides, and one whose destination differs is counted against the route change whose
 * class holds it. A request the evaluator cannot decide on either side is undecided, never taken as unmoved.
 */
public final class TrafficWeighting {
    /** A path segment that is an id (digits, a UUID, a long hex hash): masked unless requests may be shown. */
    private static final Pattern ID_SEGMENT = Pattern.compile("(?<=/)(\\d+|(?=[0-9a-fA-F-]*\\d)[0-9a-fA-F-]{8,})(?=/|$)");

    private TrafficWeighting() {
    }

    /**
     * The weigher a review runs with: every change weighed by {@code log}.
     *
     * @param showRequests report paths as logged; otherwise their numeric ids are masked ({@code --show-requests})
     */
    public static TrafficWeigher of(TrafficLog log, boolean showRequests) {
        return (base, head, routes) -> weigh(base, head, routes, log, showRequests);
    }

    /** As {@link #of(TrafficLog, boolean)}, the log taken when a change is weighed: it may still be being read. */
    public static TrafficWeigher of(java.util.function.Supplier<TrafficLog> log, boolean showRequests) {
        return (base, head, routes) -> weigh(base, head, routes, log.get(), showRequests);
    }

    public static TrafficCounts weigh(RoutingSnapshot base, RoutingSnapshot head, RouteDiff routes, TrafficLog log,
                                      boolean showRequests) {
        RouteEvaluator evaluator = new RouteEvaluator();
        Map<String, LogPlacement.Sides> placements = new HashMap<>();
        Map<Listener, RouteEvaluator.Prepared> prepared = new IdentityHashMap<>();
        List<LoggedRequest> logged = log.requests();
        LogPlacement.Sides[] placed = new LogPlacement.Sides[logged.size()];
        TrafficDecisions decisions = new TrafficDecisions(logged);
        for (int k = 0; k < placed.length; k++) {
            LoggedRequest r = logged.get(k);
            // Looked up, not computed if absent: a capturing lambda per request and side was most of what
            // this loop allocated.
            String where = r.loadBalancer() + ":" + r.port();
            LogPlacement.Sides p = placements.get(where);
            if (p == null) {
                p = LogPlacement.Sides.of(where, base, head, r);
                placements.put(where, p);
            }
            placed[k] = p;
            if (p.decides() && p.before().isPresent()) {
                decisions.ask(0, k, prepared(prepared, evaluator, p.before().get().listener()));
            }
            if (p.decides() && !p.same() && p.after().isPresent()) {
                decisions.ask(1, k, prepared(prepared, evaluator, p.after().get().listener()));
            }
        }
        decisions.decide();
        Map<String, String> maskedPaths = new HashMap<>();
        BiPredicate<Destination, Destination> alike = Destination.alikeIn(base, head);
        Map<Object, Boolean> alikeItself = new IdentityHashMap<>();
        List<RouteChange> changes = routes.changes();
        long[] perChange = new long[changes.size()];
        List<Map<String, Long>> hosts = new ArrayList<>();
        List<Map<String, Long>> paths = new ArrayList<>();
        changes.forEach(c -> {
            hosts.add(new HashMap<>());
            paths.add(new HashMap<>());
        });
        // Sums in arrays, not boxed: a request adds to both, and a log has hundreds of thousands.
        Map<String, long[]> byListener = new HashMap<>();
        Map<String, long[]> byLoadBalancer = new HashMap<>();
        TrafficLoads loads = new TrafficLoads(base, head);
        long requests = 0;
        long moved = 0;
        double shifted = 0;
        long undecided = 0;
        long elsewhere = 0;
        Map<String, Long> elsewhereListeners = new HashMap<>();
        long unattributed = 0;
        for (int k = 0; k < placed.length; k++) {
            LoggedRequest r = logged.get(k);
            LogPlacement.Sides p = placed[k];
            if (p.onBase().isEmpty() && p.onHead().isEmpty()) {
                elsewhere += r.count();
                elsewhereListeners.merge(r.port() > 0 ? p.where() : r.loadBalancer() + " (frontend)", r.count(),
                        Long::sum);
                continue;
            }
            requests += r.count();
            if (!p.decides()) {
                // A frontend bound to several ports does not log which one took the request.
                undecided += r.count();
                continue;
            }
            Optional<LogPlacement.Placed> before = p.before();
            Optional<LogPlacement.Placed> after = p.after();
            LogPlacement.Placed where = after.isPresent() ? after.get() : before.orElseThrow();
            byListener.computeIfAbsent(where.listener().id().value(), id -> new long[1])[0] += r.count();
            byLoadBalancer.computeIfAbsent(where.loadBalancer().id().value(), id -> new long[1])[0] += r.count();
            Destination d0 = before.isPresent() ? decisions.on(0, k) : Destination.noListener();
            Destination d1 = p.same() ? d0 : after.isPresent() ? decisions.on(1, k) : Destination.noListener();
            if (d0.kind() == Destination.Kind.UNKNOWN || d1.kind() == Destination.Kind.UNKNOWN) {
                undecided += r.count();
                continue;
            }
            loads.add(d0, d1, r.count());
            if (d0 == d1 ? alikeItself(alikeItself, alike, d0) : alike.test(d0, d1)) {
                continue;
            }
            moved += r.count();
            shifted += r.count() * (1 - loads.overlap(d0, d1));
            int i = changeOf(changes, before, after, r, d0, d1);
            if (i < 0) {
                unattributed += r.count();
            } else {
                perChange[i] += r.count();
                hosts.get(i).merge(r.request().hostWithoutPort(), r.count(), Long::sum);
                paths.get(i).merge(showRequests ? r.request().path()
                        : maskedPaths.computeIfAbsent(r.request().path(), TrafficWeighting::masked), r.count(), Long::sum);
            }
        }
        List<ChangeTraffic> out = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            RouteChange c = changes.get(i);
            long onListener = byListener.getOrDefault(c.listener().value(), new long[1])[0];
            long onLoadBalancer = byLoadBalancer.getOrDefault(c.loadBalancer().value(), new long[1])[0];
            out.add(new ChangeTraffic(perChange[i], onListener == 0 ? 0 : (double) perChange[i] / onListener,
                    onLoadBalancer == 0 ? 0 : (double) perChange[i] / onLoadBalancer, top(hosts.get(i)),
                    top(paths.get(i))));
        }
        return new TrafficCounts(requests, moved, Math.min(moved, shifted), undecided, elsewhere,
                top(elsewhereListeners), unattributed, out, loads.result(),
                log.malformed(), log.problems(), log.from(), log.to());
    }

    private static RouteEvaluator.Prepared prepared(Map<Listener, RouteEvaluator.Prepared> prepared,
                                                    RouteEvaluator evaluator, Listener listener) {
        RouteEvaluator.Prepared p = prepared.get(listener);
        if (p == null) {
            p = evaluator.prepareForTraffic(listener);
            prepared.put(listener, p);
        }
        return p;
    }

    /** Whether {@code d}, taken on both sides, routes alike: a matter of its action alone, known once per action. */
    private static boolean alikeItself(Map<Object, Boolean> known, BiPredicate<Destination, Destination> alike,
                                       Destination d) {
        Object action = d.action().isPresent() ? d.action().get() : d;
        Boolean answer = known.get(action);
        if (answer == null) {
            answer = alike.test(d, d);
            known.put(action, answer);
        }
        return answer;
    }

    /** {@code /orders/1234/items/9f86d081} as {@code /orders/{id}/items/{id}}: the shape of a path, not whose. */
    static String masked(String path) {
        return ID_SEGMENT.matcher(path).replaceAll("{id}");
    }

    /**
     * The one route change whose class holds the request and moves it as it moved ({@code d0} to {@code d1}), on its
     * listener; -1 when none does, or when the request does not say enough (a header its log did not carry) to
     * tell which of several such classes it is in: counted as moved, tied to no route change.
     */
    private static int changeOf(List<RouteChange> changes, Optional<LogPlacement.Placed> before,
                                Optional<LogPlacement.Placed> after, LoggedRequest r, Destination d0, Destination d1) {
        int found = -1;
        for (int i = 0; i < changes.size(); i++) {
            ElementId listener = changes.get(i).listener();
            boolean here = before.map(p -> p.listener().id().equals(listener)).orElse(false)
                    || after.map(p -> p.listener().id().equals(listener)).orElse(false);
            RouteChange c = changes.get(i);
            if (here && c.match().mayContain(r.request()) && c.before().routesAlike(d0) && c.after().routesAlike(d1)) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> counts) {
        return new TreeMap<>(counts).entrySet().stream()
                .sorted(Comparator.comparing(Map.Entry<String, Long>::getValue).reversed())
                .limit(3).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }
}

package dev.lbguard.analysis;

import dev.lbguard.diff.Destination;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.policy.TrafficCounts;
import dev.lbguard.policy.TrafficCounts.ChangeTraffic;
import dev.lbguard.policy.TrafficCounts.DestinationLoad;
import dev.lbguard.policy.TrafficWeigher;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.source.traffic.LoggedRequest;
import dev.lbguard.source.traffic.TrafficLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
            LogPlacement.Sides p = placements.computeIfAbsent(r.loadBalancer() + ":" + r.port(),
                    where -> LogPlacement.Sides.of(where, base, head, r));
            placed[k] = p;
            if (p.decides()) {
                int index = k;
                p.before().ifPresent(b -> decisions.ask(0, index, prepared.computeIfAbsent(b.listener(),
                        evaluator::prepareForTraffic)));
                if (!p.same()) {
                    p.after().ifPresent(a -> decisions.ask(1, index, prepared.computeIfAbsent(a.listener(),
                            evaluator::prepareForTraffic)));
                }
            }
        }
        decisions.decide();
        Map<String, String> maskedPaths = new HashMap<>();
        BiPredicate<Destination, Destination> alike = Destination.alikeIn(base, head);
        List<RouteChange> changes = routes.changes();
        long[] perChange = new long[changes.size()];
        List<Map<String, Long>> hosts = new ArrayList<>();
        List<Map<String, Long>> paths = new ArrayList<>();
        changes.forEach(c -> {
            hosts.add(new HashMap<>());
            paths.add(new HashMap<>());
        });
        Map<String, Long> byListener = new HashMap<>();
        Map<String, Long> byLoadBalancer = new HashMap<>();
        Loads loads = new Loads(base, head);
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
            LogPlacement.Placed where = after.or(() -> before).orElseThrow();
            byListener.merge(where.listener().id().value(), r.count(), Long::sum);
            byLoadBalancer.merge(where.loadBalancer().id().value(), r.count(), Long::sum);
            Destination d0 = before.isPresent() ? decisions.on(0, k) : Destination.noListener();
            Destination d1 = p.same() ? d0 : after.isPresent() ? decisions.on(1, k) : Destination.noListener();
            if (d0.kind() == Destination.Kind.UNKNOWN || d1.kind() == Destination.Kind.UNKNOWN) {
                undecided += r.count();
                continue;
            }
            loads.add(d0, d1, r.count());
            if (alike.test(d0, d1)) {
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
            long onListener = byListener.getOrDefault(c.listener().value(), 0L);
            long onLoadBalancer = byLoadBalancer.getOrDefault(c.loadBalancer().value(), 0L);
            out.add(new ChangeTraffic(perChange[i], onListener == 0 ? 0 : (double) perChange[i] / onListener,
                    onLoadBalancer == 0 ? 0 : (double) perChange[i] / onLoadBalancer, top(hosts.get(i)),
                    top(paths.get(i))));
        }
        return new TrafficCounts(requests, moved, Math.min(moved, shifted), undecided, elsewhere,
                top(elsewhereListeners), unattributed, out, loads.result(),
                log.malformed(), log.problems(), log.from(), log.to());
    }

    /** {@code /orders/1234/items/9f86d081} as {@code /orders/{id}/items/{id}}: the shape of a path, not whose. */
    static String masked(String path) {
        return ID_SEGMENT.matcher(path).replaceAll("{id}");
    }

    /**
     * The requests each destination takes on either side. A target group is known by its name, as a request
     * reaches it; a weighted forward gives each group its share of the count; redirects and fixed responses are
     * known by what they answer.
     */
    private static final class Loads {
        private final RoutingSnapshot base;
        private final RoutingSnapshot head;
        private final Map<String, double[]> loads = new LinkedHashMap<>();
        private final Map<String, Optional<ElementId>> groups = new HashMap<>();
        private final Set<String> inBase = new java.util.HashSet<>();

        Loads(RoutingSnapshot base, RoutingSnapshot head) {
            this.base = base;
            this.head = head;
            base.targetGroups().forEach(g -> inBase.add("target group " + base.targetGroupName(g.id())));
        }

        /** How a destination splits its requests, worked out once per action: most requests share a few. */
        private record Part(String label, Optional<ElementId> group, double share) {
        }

        private static final List<Part> NO_LISTENER = List.of(new Part("no listener (connection refused)",
                Optional.empty(), 1));
        private final List<Map<dev.lbguard.model.RuleAction, List<Part>>> splits = List.of(new IdentityHashMap<>(),
                new IdentityHashMap<>());

        void add(Destination before, Destination after, long count) {
            for (Part p : split(before, 0)) {
                share(p, 0, count);
            }
            for (Part p : split(after, 1)) {
                share(p, 1, count);
            }
        }

        /** The share of requests that reach the same destination on both sides, as weighted forwards split them. */
        double overlap(Destination before, Destination after) {
            double same = 0;
            for (Part b : split(before, 0)) {
                for (Part a : split(after, 1)) {
                    if (a.label().equals(b.label())) {
                        same += Math.min(a.share(), b.share());
                    }
                }
            }
            return same;
        }

        private List<Part> split(Destination d, int side) {
            if (d.action().isEmpty()) {
                return NO_LISTENER;
            }
            RoutingSnapshot s = side == 0 ? base : head;
            return splits.get(side).computeIfAbsent(d.action().get(), action -> {
                if (!(action.terminal() instanceof RouteAction.Forward f)) {
                    return List.of(new Part(dev.lbguard.model.ActionSummary.of(action, s), Optional.empty(), 1));
                }
                int total = f.targets().stream().mapToInt(WeightedTarget::weight).sum();
                Map<String, Part> parts = new LinkedHashMap<>();
                for (WeightedTarget t : f.targets()) {
                    double part = total == 0 ? 1.0 / f.targets().size() : (double) t.weight() / total;
                    if (part > 0) {
                        String label = "target group " + s.targetGroupName(t.targetGroup());
                        parts.merge(label, new Part(label, Optional.of(t.targetGroup()), part),
                                (x, y) -> new Part(label, x.group(), x.share() + y.share()));
                    }
                }
                return List.copyOf(parts.values());
            });
        }

        private void share(Part p, int side, long count) {
            loads.computeIfAbsent(p.label(), k -> new double[2])[side] += count * p.share();
            if (p.group().isPresent() && (side == 1 || !groups.containsKey(p.label()))) {
                groups.put(p.label(), p.group()); // the head's id names what the change sends traffic to
            }
        }

        List<DestinationLoad> result() {
            List<DestinationLoad> out = new ArrayList<>();
            loads.forEach((label, n) -> out.add(new DestinationLoad(groups.getOrDefault(label, Optional.empty()),
                    label, n[0], n[1], inBase.contains(label) || n[0] > 0)));
            out.sort(Comparator.comparingDouble(DestinationLoad::after).reversed()
                    .thenComparing(DestinationLoad::label));
            return out;
        }
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

package dev.lbguard.analysis;

import dev.lbguard.diff.Destination;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.Risk;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.source.traffic.LoggedRequest;
import dev.lbguard.source.traffic.TrafficLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many logged requests a change moves ({@code --traffic}), exactly: each distinct logged request is decided
 * by the route evaluator on both sides, and one whose destination differs is counted against the route change whose
 * class holds it. A request the evaluator cannot decide on either side is undecided, never taken as unmoved.
 */
public final class TrafficWeighting {
    /** The share moved from which the change's risk is at least medium, high, critical (issue 24's defaults). */
    static final double MEDIUM = 0.01;
    static final double HIGH = 0.10;
    static final double CRITICAL = 0.50;

    private TrafficWeighting() {
    }

    /**
     * The traffic a route change moves.
     *
     * @param listenerShare of the requests logged on its listener; {@code loadBalancerShare} on its load balancer
     * @param topHosts the hosts it moves most, with their counts, at most three
     */
    public record ChangeTraffic(long requests, double listenerShare, double loadBalancerShare,
                                List<Map.Entry<String, Long>> topHosts) {
        public ChangeTraffic {
            topHosts = List.copyOf(topHosts);
        }
    }

    /**
     * The whole change weighed.
     *
     * @param requests logged requests on listeners either side has; {@code elsewhere} those on no listener lbguard read
     * @param perChange in the order of the review's route changes
     * @param unattributed moved requests no route change holds: always 0 when the route diff is exact (tests check)
     * @param malformed log lines that are no request, {@code problems} the first of them with file:line and why
     * @param from the window the log covers, {@code to} its end, when its lines carry times
     */
    public record Counts(long requests, long moved, long undecided, long elsewhere, long unattributed,
                         List<ChangeTraffic> perChange, long malformed, List<String> problems,
                         Optional<java.time.Instant> from, Optional<java.time.Instant> to) {
        public Counts {
            perChange = List.copyOf(perChange);
            problems = List.copyOf(problems);
        }

        public double share() {
            return requests == 0 ? 0 : (double) moved / requests;
        }

        /** The risk the share moved carries on its own: medium from 1%, high from 10%, critical from 50%. */
        public Risk risk() {
            double s = share();
            return s >= CRITICAL ? Risk.CRITICAL : s >= HIGH ? Risk.HIGH : s >= MEDIUM ? Risk.MEDIUM
                    : moved > 0 ? Risk.LOW : Risk.NONE;
        }
    }

    /**
     * What of a logged request the rules of these snapshots can read: the client address only where a rule has a
     * source-ip condition, the query only where one tests the query, headers only where one tests a header. HAProxy
     * ACLs may read anything, so with one HAProxy listener the request is kept whole. Dropping the rest before the
     * log is tallied keeps the distinct requests, and memory, to what can route differently.
     */
    public static java.util.function.UnaryOperator<dev.lbguard.route.Request> projection(RoutingSnapshot... sides) {
        java.util.Set<dev.lbguard.model.ConditionType> tested = java.util.EnumSet.noneOf(
                dev.lbguard.model.ConditionType.class);
        for (RoutingSnapshot s : sides) {
            for (LoadBalancer lb : s.loadBalancers()) {
                for (Listener l : lb.listeners()) {
                    if (l.semantics() == dev.lbguard.model.RuleSemantics.HAPROXY) {
                        return java.util.function.UnaryOperator.identity();
                    }
                    l.rules().forEach(r -> r.conditions().forEach(c -> tested.add(c.type())));
                }
            }
        }
        boolean address = tested.contains(dev.lbguard.model.ConditionType.SOURCE_IP);
        boolean query = tested.contains(dev.lbguard.model.ConditionType.QUERY_STRING);
        boolean headers = tested.contains(dev.lbguard.model.ConditionType.HTTP_HEADER);
        return r -> new dev.lbguard.route.Request(r.host(), r.path(), r.method(),
                headers ? r.headers() : new java.util.TreeMap<>(), query ? r.query() : List.of(),
                address ? r.sourceIp() : Optional.empty());
    }

    public static Counts weigh(ReviewResult review, TrafficLog log) {
        RoutingSnapshot base = review.base();
        RoutingSnapshot head = review.head();
        RouteEvaluator evaluator = new RouteEvaluator();
        Map<String, List<Placed>> baseListeners = new HashMap<>();
        Map<String, List<Placed>> headListeners = new HashMap<>();
        Map<Listener, RouteEvaluator.Prepared> prepared = new java.util.IdentityHashMap<>();
        java.util.function.BiPredicate<Destination, Destination> alike = Destination.alikeIn(base, head);
        List<RouteChange> changes = review.routes().changes();
        long[] perChange = new long[changes.size()];
        List<Map<String, Long>> hosts = new ArrayList<>();
        changes.forEach(c -> hosts.add(new HashMap<>()));
        Map<String, Long> byListener = new HashMap<>();
        Map<String, Long> byLoadBalancer = new HashMap<>();
        long requests = 0;
        long moved = 0;
        long undecided = 0;
        long elsewhere = 0;
        long unattributed = 0;
        for (LoggedRequest r : log.requests()) {
            String where0 = r.loadBalancer() + ":" + r.port();
            List<Placed> onBase = baseListeners.computeIfAbsent(where0, k -> place(base, r));
            List<Placed> onHead = headListeners.computeIfAbsent(where0, k -> place(head, r));
            if (onBase.isEmpty() && onHead.isEmpty()) {
                elsewhere += r.count();
                continue;
            }
            if (onBase.size() > 1 || onHead.size() > 1) {
                // A frontend bound to several ports does not log which one took the request.
                requests += r.count();
                undecided += r.count();
                continue;
            }
            Optional<Placed> before = onBase.stream().findFirst();
            Optional<Placed> after = onHead.stream().findFirst();
            requests += r.count();
            Placed where = after.or(() -> before).orElseThrow();
            byListener.merge(where.listener().id().value(), r.count(), Long::sum);
            byLoadBalancer.merge(where.loadBalancer().id().value(), r.count(), Long::sum);
            Destination d0 = before.map(p -> Destination.of(prepared.computeIfAbsent(p.listener(), evaluator::prepare)
                    .evaluate(r.request()))).orElseGet(Destination::noListener);
            Destination d1 = after.map(p -> Destination.of(prepared.computeIfAbsent(p.listener(), evaluator::prepare)
                    .evaluate(r.request()))).orElseGet(Destination::noListener);
            if (d0.kind() == Destination.Kind.UNKNOWN || d1.kind() == Destination.Kind.UNKNOWN) {
                undecided += r.count();
                continue;
            }
            if (alike.test(d0, d1)) {
                continue;
            }
            moved += r.count();
            int i = changeOf(changes, before, after, r);
            if (i < 0) {
                unattributed += r.count();
            } else {
                perChange[i] += r.count();
                hosts.get(i).merge(r.request().hostWithoutPort(), r.count(), Long::sum);
            }
        }
        List<ChangeTraffic> out = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            RouteChange c = changes.get(i);
            long onListener = byListener.getOrDefault(c.listener().value(), 0L);
            long onLoadBalancer = byLoadBalancer.getOrDefault(c.loadBalancer().value(), 0L);
            out.add(new ChangeTraffic(perChange[i], onListener == 0 ? 0 : (double) perChange[i] / onListener,
                    onLoadBalancer == 0 ? 0 : (double) perChange[i] / onLoadBalancer, top(hosts.get(i))));
        }
        return new Counts(requests, moved, undecided, elsewhere, unattributed, out, log.malformed(), log.problems(),
                log.from(), log.to());
    }

    /** The review with its risk raised to what the share of traffic it moves carries. */
    public static ReviewResult withRisk(ReviewResult r, Counts counts) {
        Risk risk = r.risk().atLeast(counts.risk());
        return new ReviewResult(r.base(), r.head(), r.resources(), r.routes(), r.findings(), r.inconclusives(), risk,
                r.complete(), r.policy());
    }

    private record Placed(LoadBalancer loadBalancer, Listener listener) {
    }

    /**
     * The listeners a logged request may have reached: an ALB's by the load balancer's name and the port; an
     * HAProxy frontend's (port 0 in the log) by the frontend's name, one per port it binds.
     */
    private static List<Placed> place(RoutingSnapshot s, LoggedRequest r) {
        List<Placed> found = new ArrayList<>();
        for (LoadBalancer lb : s.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                boolean alb = r.port() > 0 && (lb.name().equals(r.loadBalancer())) && l.port() == r.port();
                String fe = "haproxy:frontend/" + r.loadBalancer();
                boolean haproxy = r.port() == 0 && (l.id().value().equals(fe) || l.id().value().startsWith(fe + "/"));
                if (alb || haproxy) {
                    found.add(new Placed(lb, l));
                }
            }
        }
        return found;
    }

    private static int changeOf(List<RouteChange> changes, Optional<Placed> before, Optional<Placed> after,
                                LoggedRequest r) {
        for (int i = 0; i < changes.size(); i++) {
            ElementId listener = changes.get(i).listener();
            boolean here = before.map(p -> p.listener().id().equals(listener)).orElse(false)
                    || after.map(p -> p.listener().id().equals(listener)).orElse(false);
            if (here && changes.get(i).match().contains(r.request())) {
                return i;
            }
        }
        return -1;
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> counts) {
        return new TreeMap<>(counts).entrySet().stream()
                .sorted(Comparator.comparing(Map.Entry<String, Long>::getValue).reversed())
                .limit(3).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }
}

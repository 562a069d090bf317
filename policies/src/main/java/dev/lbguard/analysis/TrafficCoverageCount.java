package dev.lbguard.analysis;

import dev.lbguard.diff.Destination;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.invariant.Coverage;
import dev.lbguard.policy.invariant.TrafficCoverage;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.source.traffic.LoggedRequest;
import dev.lbguard.source.traffic.TrafficLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code check --traffic}: coverage weighed by the logged requests each rule takes. */
public final class TrafficCoverageCount {
    private TrafficCoverageCount() {
    }

    /**
     * Which rules of {@code snapshot} the logged requests take, and whether an invariant exercises each
     * ({@code check --traffic}).
     */
    public static TrafficCoverage of(RoutingSnapshot snapshot,
                                                                        Coverage coverage,
                                                                        TrafficLog log) {
        RouteEvaluator evaluator = new RouteEvaluator();
        Map<String, List<LogPlacement.Placed>> listeners = new HashMap<>();
        Map<Listener, RouteEvaluator.Prepared> prepared = new IdentityHashMap<>();
        Map<ElementId, Coverage.ListenerCoverage> byListener = new HashMap<>();
        coverage.listeners().forEach(l -> byListener.put(l.listener(), l));
        Map<List<String>, long[]> taken = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        long requests = 0;
        long undecided = 0;
        long elsewhere = 0;
        for (LoggedRequest r : log.requests()) {
            List<LogPlacement.Placed> on = listeners.computeIfAbsent(r.loadBalancer() + ":" + r.port(), k -> LogPlacement.of(snapshot, r));
            if (on.isEmpty()) {
                elsewhere += r.count();
                continue;
            }
            requests += r.count();
            Destination d = on.size() > 1 ? null : Destination.of(prepared.computeIfAbsent(on.get(0).listener(),
                    evaluator::prepareForTraffic).evaluate(r.request()));
            Coverage.ListenerCoverage lc = byListener.get(on.get(0).listener().id());
            if (d == null || d.kind() != Destination.Kind.ACTION || lc == null) {
                undecided += r.count();
                continue;
            }
            String rule = d.rule().map(ElementId::value).orElse(Coverage.DEFAULT);
            taken.computeIfAbsent(List.of(lc.name(), rule), k -> new long[1])[0] += r.count();
        }
        List<TrafficCoverage.RuleLoad> rules = new ArrayList<>();
        Map<String, Coverage.ListenerCoverage> byName = new HashMap<>();
        coverage.listeners().forEach(l -> byName.put(l.name(), l));
        taken.forEach((k, n) -> rules.add(new TrafficCoverage.RuleLoad(k.get(0), k.get(1),
                n[0], !byName.get(k.get(0)).uncovered().contains(k.get(1)))));
        return new TrafficCoverage(requests, undecided, elsewhere, rules, log.malformed(), log.problems(), log.from(),
                log.to());
    }

}

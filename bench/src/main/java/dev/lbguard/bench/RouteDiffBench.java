package dev.lbguard.bench;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Timing of the route diff ({@code bench/run routediff}): one listener at ALB's rule limit (100 rules of 5
 * conditions), then 1,000 rules over 10 listeners against 10,000 over 100, with the ratio of the last two (the
 * aim: linear in listeners, at most 11x). Not a test: timings are printed, never asserted.
 */
public final class RouteDiffBench {
    private RouteDiffBench() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        RouteDiffer differ = new RouteDiffer();
        int salt = 0;
        for (int warm = 0; warm < 3; warm++) {
            differ.diff(snapshot(1, 100, false, salt), snapshot(1, 100, true, salt++));
        }
        double[] bestMs = new double[3];
        int i = 0;
        for (int[] shape : new int[][] {{1, 100}, {10, 100}, {100, 100}}) {
            long best = Long.MAX_VALUE;
            long cachedBest = Long.MAX_VALUE;
            RouteDiff d = null;
            for (int run = 0; run < 3; run++) {
                // Fresh patterns each run: the differ keeps the classes of predicates it has partitioned, and a
                // benchmark of the partition must not time that cache.
                RoutingSnapshot base = snapshot(shape[0], shape[1], false, salt);
                RoutingSnapshot head = snapshot(shape[0], shape[1], true, salt++);
                long t = System.nanoTime();
                d = differ.diff(base, head);
                best = Math.min(best, System.nanoTime() - t);
                t = System.nanoTime();
                differ.diff(base, head);
                cachedBest = Math.min(cachedBest, System.nanoTime() - t);
            }
            out.printf("%3d listeners x %3d rules: %7.1f ms (%6.1f ms with its classes cached, as a timeline's next "
                    + "commit), %6d classes, %d changes%n", shape[0], shape[1], best / 1e6, cachedBest / 1e6,
                    d.classesCompared(), d.changes().size());
            bestMs[i++] = best / 1e6;
        }
        out.printf("10,000 rules over 100 listeners / 1,000 over 10: %.1fx (aim: at most 11x)%n", bestMs[2] / bestMs[1]);
    }

    /** Rules of five conditions over shared hosts, path prefixes, methods, a header and source blocks. */
    static RoutingSnapshot snapshot(int listeners, int rules, boolean mutated, int salt) {
        SourceRef src = SourceRef.of("lb.tf", 1, 0);
        List<Listener> ls = new ArrayList<>();
        for (int l = 0; l < listeners; l++) {
            List<Rule> rs = new ArrayList<>();
            for (int i = 0; i < rules; i++) {
                List<Condition> cs = new ArrayList<>();
                // Each listener (and salt) its own hosts, so no two listeners share predicates.
                String domain = ".l" + l + "s" + salt + ".example.com";
                cs.add(Condition.hostHeader(i % 7 == 0 ? "*" + domain : "svc" + (i % 20) + domain));
                cs.add(Condition.pathPattern(i % 3 == 0 ? "/api/v" + (i % 4) + "/*" : "/app" + (i % 9) + "/*"));
                cs.add(Condition.httpRequestMethod(i % 2 == 0 ? "GET" : "POST"));
                cs.add(i % 5 == 0 ? Condition.queryString(QueryPair.of("version", "v" + (i % 3)))
                        : Condition.httpHeader("X-Canary", i % 4 == 0 ? "on" : "o*"));
                cs.add(Condition.sourceIp("10." + (i % 16) + ".0.0/16"));
                int priority = mutated && i == rules / 2 ? 1 : i + 2;
                rs.add(new Rule(ElementId.of("aws_lb_listener_rule.l" + l + "_" + i), src, Priority.of(priority), cs,
                        forward("tg-" + (mutated && i == rules / 3 ? 99 : i % 13))));
            }
            ls.add(new Listener(ElementId.of("aws_lb_listener.l" + l), src, "HTTP", 8000 + l, Optional.empty(),
                    List.of(), RuleAction.of(new RouteAction.FixedResponse("404", "text/plain", "")), rs));
        }
        LoadBalancer lb = new LoadBalancer(ElementId.of("aws_lb.web"), src, "web", LoadBalancerType.APPLICATION,
                false, ls);
        return new RoutingSnapshot(SnapshotOrigin.other("bench"), List.of(lb), List.of(), List.of());
    }

    private static RuleAction forward(String tg) {
        return RuleAction.of(RouteAction.Forward.to(ElementId.of("aws_lb_target_group." + tg)));
    }
}

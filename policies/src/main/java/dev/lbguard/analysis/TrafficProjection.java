package dev.lbguard.analysis;

import dev.lbguard.model.AclExpr;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleMatch;
import dev.lbguard.route.Request;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What of a logged request the rules of some snapshots can read, and so what the tally may drop: the client
 * address only where a rule has a source-ip condition (an HAProxy ACL on {@code src}), the query only where an ALB
 * rule tests it (no HAProxy fetch lbguard reads does), headers only where a rule tests one other than Host. What
 * is dropped is marked unread ({@link Request.Unread}), so a rule of other snapshots that reads it (a commit in the
 * middle of a timeline) answers unknown instead of taking it as absent: dropping is never a wrong count.
 */
public record TrafficProjection(boolean address, boolean query, boolean headers) implements UnaryOperator<Request> {
    /** Keeps every field: for a log read before the snapshots are known, at the cost of memory. */
    public static final TrafficProjection WHOLE = new TrafficProjection(true, true, true);

    /**
     * Keeps only what every listener's rules may read (the load balancer, port, host, path and method): what the
     * rules of most configurations read, so a log is read this way before its snapshots are known, in the hope that
     * {@link #of} says the same once they are.
     */
    public static final TrafficProjection LEAST = new TrafficProjection(false, false, false);

    /** What the rules of {@code sides} read: dropping the rest keeps the distinct requests, and memory, small. */
    public static TrafficProjection of(Iterable<RoutingSnapshot> sides) {
        Set<ConditionType> tested = EnumSet.noneOf(ConditionType.class);
        for (RoutingSnapshot s : sides) {
            for (LoadBalancer lb : s.loadBalancers()) {
                for (Listener l : lb.listeners()) {
                    for (Rule r : l.rules()) {
                        if (r.match() instanceof RuleMatch.Acl acl) {
                            read(acl.expression(), tested);
                        } else {
                            r.conditions().forEach(c -> tested.add(c.type()));
                        }
                    }
                }
            }
        }
        return new TrafficProjection(tested.contains(ConditionType.SOURCE_IP),
                tested.contains(ConditionType.QUERY_STRING), tested.contains(ConditionType.HTTP_HEADER));
    }

    public static TrafficProjection of(RoutingSnapshot... sides) {
        return of(List.of(sides));
    }

    @Override
    public Request apply(Request r) {
        Request.Unread unread = r.unread();
        if (!headers) {
            unread = unread.withoutHeaders();
        }
        if (!query) {
            unread = unread.withoutQuery();
        }
        return new Request(r.host(), r.path(), r.method(), headers ? r.headers() : new TreeMap<>(),
                query ? r.query() : List.of(), address ? r.sourceIp() : Optional.empty(), unread);
    }

    /** What an HAProxy ACL expression reads, as the ALB condition types that read the same. */
    private static void read(AclExpr e, Set<ConditionType> tested) {
        if (e instanceof AclExpr.And and) {
            and.terms().forEach(t -> read(t, tested));
        } else if (e instanceof AclExpr.Or or) {
            or.terms().forEach(t -> read(t, tested));
        } else if (e instanceof AclExpr.Not not) {
            read(not.term(), tested);
        } else if (e instanceof AclExpr.Match m) {
            switch (m.fetch()) {
                case SRC -> tested.add(ConditionType.SOURCE_IP);
                case HDR -> tested.add(m.header().equalsIgnoreCase("host") ? ConditionType.HOST_HEADER
                        : ConditionType.HTTP_HEADER);
                case PATH -> tested.add(ConditionType.PATH_PATTERN);
                case METHOD -> tested.add(ConditionType.HTTP_REQUEST_METHOD);
                default -> throw new IllegalStateException("unhandled fetch " + m.fetch());
            }
        }
        // An ACL lbguard cannot read (AclExpr.Unknown) leaves its rule undecided whatever the request holds.
    }
}

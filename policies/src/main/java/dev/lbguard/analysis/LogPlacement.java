package dev.lbguard.analysis;

import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.source.traffic.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which listener of a snapshot a logged request reached, as the log names it. */
final class LogPlacement {
    private LogPlacement() {
    }

    record Placed(LoadBalancer loadBalancer, Listener listener) {
    }

    /**
     * The listeners the requests logged as one load balancer and port may have reached on either side, found once
     * for all of them.
     *
     * @param where the load balancer and port as logged, {@code NAME:PORT}
     * @param before the one listener reached on the base, when there is one and only one
     * @param after likewise on the head
     * @param same the request reached one listener on each side, which the change left as it was: it decides
     *             alike on both sides (a timeline's commits mostly leave a listener so)
     */
    record Sides(String where, List<Placed> onBase, List<Placed> onHead, Optional<Placed> before,
                 Optional<Placed> after, boolean same) {
        static Sides of(String where, RoutingSnapshot base, RoutingSnapshot head, LoggedRequest r) {
            List<Placed> onBase = LogPlacement.of(base, r);
            List<Placed> onHead = LogPlacement.of(head, r);
            return new Sides(where, onBase, onHead, one(onBase), one(onHead), onBase.size() == 1
                    && onHead.size() == 1 && onBase.get(0).listener().equals(onHead.get(0).listener()));
        }

        private static Optional<Placed> one(List<Placed> placed) {
            return placed.size() == 1 ? Optional.of(placed.get(0)) : Optional.empty();
        }

        /** Reached one listener on a side or on both: a frontend bound to several ports is not told apart. */
        boolean decides() {
            return onBase.size() <= 1 && onHead.size() <= 1 && !(onBase.isEmpty() && onHead.isEmpty());
        }
    }

    /**
     * The listeners a logged request may have reached: an ALB's by the load balancer's name and the port; an
     * HAProxy frontend's (port 0 in the log) by the frontend's name, one per port it binds.
     */
    static List<Placed> of(RoutingSnapshot s, LoggedRequest r) {
        List<Placed> found = new ArrayList<>();
        for (LoadBalancer lb : s.loadBalancers()) {
            for (Listener l : lb.listeners()) {
                boolean alb = r.port() > 0 && lb.name().equals(r.loadBalancer()) && l.port() == r.port();
                String fe = "haproxy:frontend/" + r.loadBalancer();
                boolean haproxy = r.port() == 0 && (l.id().value().equals(fe) || l.id().value().startsWith(fe + "/"));
                if (alb || haproxy) {
                    found.add(new Placed(lb, l));
                }
            }
        }
        return found;
    }
}

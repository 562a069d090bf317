package dev.lbguard.analysis;

import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.source.traffic.LoggedRequest;
import java.util.ArrayList;
import java.util.List;

/** Which listener of a snapshot a logged request reached, as the log names it. */
final class LogPlacement {
    private LogPlacement() {
    }

    record Placed(LoadBalancer loadBalancer, Listener listener) {
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

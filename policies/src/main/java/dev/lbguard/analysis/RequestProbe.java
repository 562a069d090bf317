package dev.lbguard.analysis;

import dev.lbguard.diff.Destination;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One request followed through a change ({@code timeline --request}): on the listeners it names (or every
 * listener), where the request went before and where it goes after.
 *
 * @param loadBalancer the load balancer's name or address from {@code --listener}, or empty for every one
 * @param port the listener's port from {@code --listener}, or empty for every listener
 */
public record RequestProbe(Request request, Optional<String> loadBalancer, OptionalInt port) {

    /**
     * Where the request went before and goes after, on one listener; {@code moved} when it reaches another place
     * (target groups compared as a request reaches them, so a group renamed with {@code moved} is no move).
     */
    public record Move(String loadBalancer, String listener, Destination before, Destination after, boolean moved) {
    }

    /** The request on every listener it may reach in either snapshot, in listener order. */
    public List<Move> follow(RoutingSnapshot base, RoutingSnapshot head) {
        Map<ElementId, String[]> listeners = new TreeMap<>();
        collect(base, listeners);
        collect(head, listeners);
        RouteEvaluator evaluator = new RouteEvaluator();
        List<Move> moves = new ArrayList<>();
        listeners.forEach((id, names) -> {
            Destination before = base.listener(id).map(l -> Destination.of(evaluator.evaluate(l, request)))
                    .orElseGet(Destination::noListener);
            Destination after = head.listener(id).map(l -> Destination.of(evaluator.evaluate(l, request)))
                    .orElseGet(Destination::noListener);
            moves.add(new Move(names[0], names[1], before, after, !before.routesAlike(after, base, head)));
        });
        return moves;
    }

    /** The listeners where the request's destination changed. */
    public List<Move> moved(RoutingSnapshot base, RoutingSnapshot head) {
        return follow(base, head).stream().filter(Move::moved).toList();
    }

    private void collect(RoutingSnapshot snapshot, Map<ElementId, String[]> out) {
        for (LoadBalancer lb : snapshot.loadBalancers()) {
            if (loadBalancer.isPresent() && !lb.name().equals(loadBalancer.get())
                    && !lb.id().value().equals(loadBalancer.get())) {
                continue;
            }
            for (Listener l : lb.listeners()) {
                if (port.isEmpty() || l.port() == port.getAsInt()) {
                    out.putIfAbsent(l.id(), new String[] {lb.name(), l.label()});
                }
            }
        }
    }
}

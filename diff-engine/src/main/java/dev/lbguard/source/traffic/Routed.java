package dev.lbguard.source.traffic;

import java.util.Optional;

/**
 * The route a log line's load balancer field and request line name, or why they name none: what
 * {@link AlbAccessLog} and {@link HaproxyHttpLog} work out of those fields alone, so that their byte readers work it
 * out once per distinct pair ({@link KnownRoutes}) and lines that repeat them are the same route, however many
 * clients send them.
 *
 * @param route the route; empty when there is none
 * @param problem why there is no route, for the line's problem; empty when there is one
 */
record Routed(Optional<Routed.Route> route, String problem) {
    Routed {
        if (route.isPresent() == !problem.isEmpty()) {
            throw new IllegalArgumentException("a route or a problem, never both nor neither");
        }
    }

    /**
     * All of a request a line logs but its client, time, query and headers.
     *
     * @param loadBalancer as the log names it (ALB: NAME of {@code app/NAME/ID}; HAProxy: the frontend)
     * @param port the listener's (ALB: from the URL's port or scheme; HAProxy: 0, the frontend names the listener)
     * @param host the request's Host; empty when the line does not say it
     * @param unread what the line does not say of the request's headers
     */
    record Route(String loadBalancer, int port, String method, String host, RequestTarget target,
                 dev.lbguard.route.Request.Unread unread) {
    }

    static Routed of(Route route) {
        return new Routed(Optional.of(route), "");
    }

    static Routed none(String why) {
        return new Routed(Optional.empty(), why);
    }
}

package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.util.Objects;

/**
 * Requests a load balancer logged, identical as far as routing can tell, counted once: a log of a million lines
 * holds far fewer distinct requests, and each is decided once.
 *
 * @param loadBalancer the load balancer's name as the log names it (ALB: NAME of {@code app/NAME/ID}; HAProxy: the
 *                     frontend's name)
 * @param port the listener's port (ALB: from the request URL's scheme and port; HAProxy: empty as 0, the frontend
 *             names the listener)
 * @param request what routing reads of them; a field the log does not carry is absent (no header but those logged)
 * @param count how many logged requests are this one
 */
public record LoggedRequest(String loadBalancer, int port, Request request, long count) {
    public LoggedRequest {
        Objects.requireNonNull(loadBalancer, "loadBalancer");
        Objects.requireNonNull(request, "request");
        if (count < 1) {
            throw new IllegalArgumentException("a logged request is counted at least once: " + count);
        }
    }
}

package dev.lbguard.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Move;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two roots read together, one of which moved {@code aws_lb_listener.http} to {@code aws_lb_listener.https} while the
 * other still has an {@code aws_lb_listener.http} of its own: after the moves both listeners have one identity. The
 * route diff kept the first and dropped the other, so a change to it was no change.
 */
class ListenerIdentityClashTest {
    private static final RuleAction TO_A = RuleAction.of(RouteAction.Forward.to(ElementId.of("tg-a")));
    private static final RuleAction CLOSED = RuleAction.of(new RouteAction.FixedResponse("503", "text/plain", ""));

    @Test
    void aListenerWhoseIdentityAnotherTakesStillHasItsChangesFound() {
        RoutingSnapshot base = snapshot(TO_A);
        RoutingSnapshot head = snapshot(CLOSED);

        RouteDiff diff = new RouteDiffer().diff(base, head);

        assertThat(diff.changes()).extracting(RouteChange::listener)
                .containsExactly(ElementId.of("aws_lb_listener.https"));
    }

    private static RoutingSnapshot snapshot(RuleAction httpsDefault) {
        SourceRef a = SourceRef.of("a/main.tf", 1, 1);
        SourceRef b = SourceRef.of("b/main.tf", 1, 1);
        Listener http = new Listener(ElementId.of("aws_lb_listener.http"), a, "HTTP", 80, Optional.empty(), List.of(),
                TO_A, List.of());
        Listener https = new Listener(ElementId.of("aws_lb_listener.https"), b, "HTTPS", 443, Optional.empty(),
                List.of(), httpsDefault, List.of());
        return new RoutingSnapshot(SnapshotOrigin.other("test"),
                List.of(new LoadBalancer(ElementId.of("aws_lb.a"), a, "a", LoadBalancerType.APPLICATION, false,
                                List.of(http)),
                        new LoadBalancer(ElementId.of("aws_lb.b"), b, "b", LoadBalancerType.APPLICATION, false,
                                List.of(https))),
                List.of(), List.of(), List.of(Move.of("aws_lb_listener.http", "aws_lb_listener.https", b)));
    }
}

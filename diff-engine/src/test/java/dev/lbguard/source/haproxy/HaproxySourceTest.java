package dev.lbguard.source.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetStatus;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.route.ServerSelection;
import dev.lbguard.source.DiskTree;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The committed fixture read through the CLI's entry point, and the overlay the Ansible source applies. */
class HaproxySourceTest {
    private static final Path FIXTURES = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"));

    private static RoutingSnapshot fixture() {
        return new HaproxySource().read(new DiskTree(FIXTURES), "haproxy", SnapshotOrigin.other("fixture"));
    }

    @Test
    void theFixtureReadsCompletelyAndRoutesAsWritten() {
        RoutingSnapshot s = fixture();
        assertThat(s.diagnostics()).isEmpty();
        assertThat(s.loadBalancers()).extracting(lb -> lb.id().value()).containsExactly("haproxy:haproxy/haproxy.cfg");
        Listener https = s.loadBalancers().get(0).listenerOnPort(443).orElseThrow();
        Listener http = s.loadBalancers().get(0).listenerOnPort(80).orElseThrow();
        RouteEvaluator e = new RouteEvaluator();
        Request api = Request.of("API.shop.example.com", "/v1/orders").withSourceIp("203.0.113.9");
        assertThat(e.evaluate(https, api).ruleId()).hasValue(ElementId.of("haproxy:frontend/fe_edge/use_backend/be_api"));
        assertThat(e.evaluate(http, api).ruleId()).hasValue(ElementId.of("haproxy:frontend/fe_edge/http-request/redirect"));
        assertThat(e.evaluate(https, api.withHeader("X-Canary", "ON")).action().orElseThrow().terminal().toString())
                .isEqualTo("forward haproxy:backend/be_api_canary (1)");
        assertThat(e.evaluate(https, Request.of("shop.example.com", "/admin/users").withSourceIp("203.0.113.9"))
                .action().orElseThrow().terminal().toString()).startsWith("fixed-response 403");
        assertThat(e.evaluate(https, Request.of("shop.example.com", "/").withSourceIp("10.1.1.1")).isDefault()).isTrue();
    }

    @Test
    void overlayDrainsAndReweighsOneServer() {
        RoutingSnapshot s = fixture();
        RoutingSnapshot drained = HaproxyOverlay.apply(s, Optional.of("be_web"), "web1",
                Optional.of(HaproxyOverlay.ServerState.DRAIN), Optional.of(HaproxyOverlay.Weight.parse("50%")));
        Target web1 = drained.targetGroup(ElementId.of("haproxy:backend/be_web")).orElseThrow().targets().get(0);
        assertThat(web1.status().orElseThrow().state()).isEqualTo(TargetStatus.State.DRAINING);
        assertThat(web1.status().orElseThrow().weight()).hasValue(50);
        assertThat(HaproxyOverlay.hasServer(s, Optional.empty(), "web1")).isTrue();
        assertThat(HaproxyOverlay.hasServer(s, Optional.of("be_api"), "web1")).isFalse();
        // With both primaries out, the backup takes over.
        RoutingSnapshot down = HaproxyOverlay.apply(drained, Optional.empty(), "web2",
                Optional.of(HaproxyOverlay.ServerState.DISABLED), Optional.empty());
        assertThat(ServerSelection.serving(down.targetGroup(ElementId.of("haproxy:backend/be_web")).orElseThrow()))
                .extracting(t -> t.id().value()).containsExactly("haproxy:backend/be_web/server/web3");
    }
}

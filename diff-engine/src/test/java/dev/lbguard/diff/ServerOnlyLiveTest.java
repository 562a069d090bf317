package dev.lbguard.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import dev.lbguard.source.haproxy.HaproxyConfigReader;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The live view of an HAProxy whose Runtime API shows servers only: git's routing, the servers' live state and
 * weight, missing and unmanaged servers and backends, and no noise from what the API cannot see.
 */
class ServerOnlyLiveTest {
    private static final String CONFIG = """
            frontend fe
                bind 127.0.0.1:8080
                acl api path_beg /api
                use_backend be_api if api
                default_backend be_web
            backend be_web
                server web1 10.0.0.1:80 weight 10
                server web2 web2.internal:80 weight 10 backup
            backend be_api
                server api1 10.0.0.3:80
            """;
    private static final SourceRef LIVE = SourceRef.file("haproxy:/run/admin.sock");
    private static final SnapshotOrigin ORIGIN = new SnapshotOrigin(SnapshotOrigin.Kind.LIVE, "/run/admin.sock",
            "haproxy:/run/admin.sock");

    private static RoutingSnapshot desired() {
        return new HaproxyConfigReader().read("haproxy.cfg", CONFIG, "", SnapshotOrigin.other("git"));
    }

    private static Target server(String backend, String name, String address, TargetStatus.State state, int weight) {
        return new Target(ElementId.of("haproxy:backend/" + backend + "/server/" + name), LIVE, address,
                OptionalInt.of(80), Optional.of(new TargetStatus(state, OptionalInt.of(weight), "UP")));
    }

    private static TargetGroup backend(String name, Target... servers) {
        return new TargetGroup(ElementId.of("haproxy:backend/" + name), LIVE, name, "HTTP", 0, "ip",
                new HealthCheck(false, "", "", "", "", 0, 0, 0, 0), List.of(servers));
    }

    private static LiveMatch match(TargetGroup... live) {
        RoutingSnapshot servers = new RoutingSnapshot(ORIGIN, List.of(), List.of(live), List.of());
        assertThat(ServerOnlyLive.seesServersOnly(servers)).isTrue();
        return new LiveMatcher().match(desired(), ServerOnlyLive.complete(desired(), servers));
    }

    @Test
    void runningAsConfiguredIsNoDriftEvenWhereHaproxyResolvedAHostName() {
        LiveMatch m = match(
                backend("be_web", server("be_web", "web1", "10.0.0.1", TargetStatus.State.HEALTHY, 10),
                        server("be_web", "web2", "10.0.0.2", TargetStatus.State.HEALTHY, 10)),
                backend("be_api", server("be_api", "api1", "10.0.0.3", TargetStatus.State.UNHEALTHY, 1)));
        assertThat(m.missingLive()).isEmpty();
        assertThat(m.unmanaged()).isEmpty();
        // A server that is down is health, not configuration: no changed setting.
        assertThat(new ResourceDiffer().diff(desired(), m.live()).changes()).isEmpty();
        assertThat(new RouteDiffer().diff(desired(), m.live()).changes()).isEmpty();
        assertThat(m.live().targetGroup(ElementId.of("haproxy:backend/be_web")).orElseThrow().targets().get(1).backup())
                .as("backup survives the pairing").isTrue();
    }

    @Test
    void drainWeightAndAddressAreChangedSettings() {
        LiveMatch m = match(
                backend("be_web", server("be_web", "web1", "10.0.0.9", TargetStatus.State.DRAINING, 0),
                        server("be_web", "web2", "10.0.0.2", TargetStatus.State.HEALTHY, 10)),
                backend("be_api", server("be_api", "api1", "10.0.0.3", TargetStatus.State.HEALTHY, 1)));
        List<String> changed = new ResourceDiffer().diff(desired(), m.live()).changes().stream()
                .flatMap(c -> c.attributes().stream().map(a -> c.id().value() + " " + a.path() + " "
                        + a.before() + " -> " + a.after()))
                .toList();
        assertThat(changed).containsExactlyInAnyOrder(
                "haproxy:backend/be_web/server/web1 adminState Text[value=ready] -> Text[value=drain]",
                "haproxy:backend/be_web/server/web1 weight Number[value=10] -> Number[value=0]",
                "haproxy:backend/be_web/server/web1 targetId Text[value=10.0.0.1] -> Text[value=10.0.0.9]");
    }

    @Test
    void backendsAndServersAreMissingOrUnmanagedByName() {
        LiveMatch m = match(
                backend("be_web", server("be_web", "web1", "10.0.0.1", TargetStatus.State.HEALTHY, 10),
                        server("be_web", "web7", "10.0.0.7", TargetStatus.State.HEALTHY, 10)),
                backend("be_old", server("be_old", "old1", "10.0.0.8", TargetStatus.State.HEALTHY, 1)));
        assertThat(m.missingLive()).extracting(u -> u.id().value())
                .containsExactlyInAnyOrder("haproxy:backend/be_web/server/web2", "haproxy:backend/be_api");
        assertThat(m.unmanaged()).extracting(u -> u.id().value())
                .containsExactlyInAnyOrder("haproxy:backend/be_web/server/web7", "haproxy:backend/be_old");
        // Frontends are not read live, so they are never missing live.
        assertThat(m.live().loadBalancers()).isEqualTo(desired().loadBalancers());
    }

    @Test
    void otherLiveSourcesAreLeftAlone() {
        RoutingSnapshot aws = new RoutingSnapshot(new SnapshotOrigin(SnapshotOrigin.Kind.LIVE, "eu-west-1",
                "aws:eu-west-1"), List.of(), List.of(), List.of());
        assertThat(ServerOnlyLive.seesServersOnly(aws)).isFalse();
        RoutingSnapshot saved = new RoutingSnapshot(new SnapshotOrigin(SnapshotOrigin.Kind.LIVE,
                "haproxy:/run/admin.sock", "snapshot:live.json"), List.of(), List.of(), List.of());
        assertThat(ServerOnlyLive.seesServersOnly(saved)).isTrue();
    }
}

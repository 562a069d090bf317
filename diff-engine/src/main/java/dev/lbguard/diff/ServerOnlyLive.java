package dev.lbguard.diff;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Completes a live snapshot that sees backends and servers only (the HAProxy Runtime API shows no frontends or
 * ACLs) with the desired routing, so that drift reports what the live side can tell and nothing it cannot.
 *
 * <p>The result is the desired snapshot with each server's live state, weight and (where git names an IP) address
 * applied, matched by backend and server name (the config reader and the runtime source share ids). Desired
 * servers and backends that do not run are left out, so {@link LiveMatcher} reports them missing live; running
 * ones git does not know are added, so it reports them unmanaged. Frontends, ACLs and backend settings are git's,
 * since nothing live contradicts them.
 */
public final class ServerOnlyLive {
    private ServerOnlyLive() {
    }

    /**
     * True for a snapshot read from the HAProxy Runtime API, directly or saved with {@code --save-live}: such a
     * snapshot has no load balancers because its source cannot see them, not because none run.
     */
    public static boolean seesServersOnly(RoutingSnapshot live) {
        SnapshotOrigin o = live.origin();
        return live.loadBalancers().isEmpty() && o.kind() == SnapshotOrigin.Kind.LIVE
                && (o.label().startsWith("haproxy:") || o.location().startsWith("haproxy:"));
    }

    /** The live view: {@code desired}'s routing with {@code servers}' backends and servers in place of git's. */
    public static RoutingSnapshot complete(RoutingSnapshot desired, RoutingSnapshot servers) {
        Map<String, TargetGroup> running = new LinkedHashMap<>();
        servers.targetGroups().forEach(tg -> running.put(tg.id().value(), tg));
        List<TargetGroup> groups = new ArrayList<>();
        for (TargetGroup want : desired.targetGroups()) {
            TargetGroup live = running.remove(want.id().value());
            if (live != null) {
                groups.add(merged(want, live));
            }
        }
        groups.addAll(running.values());
        return new RoutingSnapshot(servers.origin(), desired.loadBalancers(), groups, servers.diagnostics(), List.of(),
                desired.secrets().and(servers.secrets()));
    }

    private static TargetGroup merged(TargetGroup want, TargetGroup live) {
        Map<String, Target> running = new LinkedHashMap<>();
        live.targets().forEach(t -> running.put(t.id().value(), t));
        List<Target> targets = new ArrayList<>();
        for (Target t : want.targets()) {
            Target now = running.remove(t.id().value());
            if (now != null) {
                targets.add(new Target(t.id(), t.source(), address(t, now), now.port().isPresent() ? now.port()
                        : t.port(), Optional.of(status(t, now)), t.backup()));
            }
        }
        targets.addAll(running.values());
        return want.withTargets(targets);
    }

    /**
     * The live address where git names an IP; git's name otherwise, because HAProxy resolves a host name at start
     * and shows the IP, which is no drift.
     */
    private static String address(Target want, Target now) {
        return want.targetId().matches("[0-9.]+|\\[?[0-9a-fA-F:]+\\]?") ? now.targetId() : want.targetId();
    }

    /** The live status; a source that says nothing keeps git's, which is then no drift. */
    private static TargetStatus status(Target want, Target now) {
        return now.status().or(want::status)
                .orElse(new TargetStatus(TargetStatus.State.UNKNOWN, OptionalInt.empty(), ""));
    }
}

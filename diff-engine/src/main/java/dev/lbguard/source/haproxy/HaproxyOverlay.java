package dev.lbguard.source.haproxy;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Applies a Runtime-API style server change (what {@code community.general.haproxy} sends: enable, disable,
 * drain, weight) to a snapshot read from configuration, so that a playbook's effect can be reviewed.
 */
public final class HaproxyOverlay {
    private HaproxyOverlay() {
    }

    /** The administrative states {@code community.general.haproxy} sets. */
    public enum ServerState {
        /** {@code enable server} / {@code set server ... state ready}. */
        ENABLED,
        /** {@code disable server} / {@code set server ... state maint}. */
        DISABLED,
        /** {@code set server ... state drain}: no new traffic, existing connections finish. */
        DRAIN
    }

    /** A new weight, absolute (0 to 256) or relative to the configured weight ({@code 50%}). */
    public record Weight(int value, boolean percent) {
        public Weight {
            if (value < 0 || !percent && value > 256) {
                throw new IllegalArgumentException("weight out of range: " + value);
            }
        }

        /** Parses {@code "50"} or {@code "50%"}. */
        public static Weight parse(String text) {
            String t = text.trim();
            boolean pct = t.endsWith("%");
            return new Weight(Integer.parseInt(pct ? t.substring(0, t.length() - 1) : t), pct);
        }
    }

    /**
     * The snapshot with the server's state and/or weight changed. {@code backend} empty means every backend
     * that has a server of that name, as the module does without {@code backend}. A server that is not in the
     * snapshot leaves it unchanged; callers report that.
     */
    public static RoutingSnapshot apply(RoutingSnapshot snapshot, Optional<String> backend, String server,
                                        Optional<ServerState> state, Optional<Weight> weight) {
        List<TargetGroup> groups = snapshot.targetGroups().stream()
                .map(tg -> backend.map(b -> tg.id().equals(Servers.backendId(b))).orElse(true)
                        ? withServer(tg, Servers.serverId(tg.name(), server), state, weight) : tg)
                .toList();
        return new RoutingSnapshot(snapshot.origin(), snapshot.loadBalancers(), groups, snapshot.diagnostics(),
                snapshot.moves(), snapshot.secrets());
    }

    /** True when the snapshot has this server (in this backend, or in any when {@code backend} is empty). */
    public static boolean hasServer(RoutingSnapshot snapshot, Optional<String> backend, String server) {
        return snapshot.targetGroups().stream()
                .filter(tg -> backend.map(b -> tg.id().equals(Servers.backendId(b))).orElse(true))
                .anyMatch(tg -> tg.targets().stream().anyMatch(t -> t.id().equals(Servers.serverId(tg.name(), server))));
    }

    private static TargetGroup withServer(TargetGroup tg, ElementId id, Optional<ServerState> state,
                                          Optional<Weight> weight) {
        List<Target> targets = tg.targets().stream().map(t -> t.id().equals(id) ? changed(t, state, weight) : t).toList();
        return tg.withTargets(targets);
    }

    private static Target changed(Target t, Optional<ServerState> state, Optional<Weight> weight) {
        TargetStatus old = t.status().orElse(new TargetStatus(TargetStatus.State.HEALTHY, OptionalInt.of(1), ""));
        TargetStatus.State s = state.map(st -> switch (st) {
            case ENABLED -> TargetStatus.State.HEALTHY;
            case DISABLED -> TargetStatus.State.MAINTENANCE;
            case DRAIN -> TargetStatus.State.DRAINING;
        }).orElse(old.state());
        // A relative weight scales the configured weight, as the Runtime API's "N%" does.
        OptionalInt w = weight.map(x -> OptionalInt.of(x.percent()
                ? Math.min(256, old.weight().orElse(1) * x.value() / 100) : x.value())).orElse(old.weight());
        String reason = state.map(st -> st.name().toLowerCase(java.util.Locale.ROOT)).orElse(old.reason());
        return new Target(t.id(), t.source(), t.targetId(), t.port(), Optional.of(new TargetStatus(s, w, reason)),
                t.backup());
    }
}

package dev.lbguard.route;

import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import java.util.Comparator;
import java.util.List;

/**
 * Which servers of a backend take new requests, with HAProxy's backup rule: backup servers take traffic only
 * when no other server of the backend is up, and then only the first declared one (HAProxy's default without
 * {@code option allbackups}). For target groups without backups this is simply the targets that take traffic.
 */
public final class ServerSelection {
    private ServerSelection() {
    }

    /** The targets that take new requests, in id order. */
    public static List<Target> serving(TargetGroup group) {
        List<Target> primaries = group.targets().stream().filter(t -> !t.backup() && t.takesTraffic()).toList();
        if (!primaries.isEmpty()) {
            return primaries;
        }
        // Declaration order is the order of the server lines, which the source line keeps.
        return group.targets().stream().filter(t -> t.backup() && t.takesTraffic())
                .min(Comparator.comparingInt((Target t) -> t.source().line()).thenComparing(Target::id))
                .map(List::of).orElse(List.of());
    }
}

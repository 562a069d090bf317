package dev.lbguard.model;

import dev.lbguard.diagnostic.SourceRef;
import java.util.List;
import java.util.Objects;

/**
 * A target group: where forwarded requests end up, and how the load balancer checks its targets.
 *
 * @param name the {@code name} attribute where known, else the id
 * @param protocol upper case; {@code ""} for Lambda target groups
 * @param port 0 when there is none (Lambda) or it could not be evaluated
 * @param targetType {@code instance}, {@code ip}, {@code lambda} or {@code alb}
 * @param targets sorted by id
 */
public record TargetGroup(ElementId id, SourceRef source, String name, String protocol, int port,
                          String targetType, HealthCheck healthCheck, List<Target> targets) {
    public TargetGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        protocol = protocol.toUpperCase(java.util.Locale.ROOT);
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(healthCheck, "healthCheck");
        targets = Sorted.byKey(targets, Target::id);
    }
}

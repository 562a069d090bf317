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
 * @param registeredBy what registers targets in it as they come and go, by address (an Auto Scaling group, an ECS
 *                     service): those targets are in no configuration, and a live source shows them; sorted
 */
public record TargetGroup(ElementId id, SourceRef source, String name, String protocol, int port,
                          String targetType, HealthCheck healthCheck, List<Target> targets,
                          List<String> registeredBy) {
    public TargetGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        protocol = protocol.toUpperCase(java.util.Locale.ROOT);
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(healthCheck, "healthCheck");
        targets = Sorted.byKey(targets, Target::id);
        registeredBy = registeredBy.isEmpty() ? List.of() : List.copyOf(new java.util.TreeSet<>(registeredBy));
    }

    /** A target group whose targets are all in the configuration (or, from a live source, all shown). */
    public TargetGroup(ElementId id, SourceRef source, String name, String protocol, int port, String targetType,
                       HealthCheck healthCheck, List<Target> targets) {
        this(id, source, name, protocol, port, targetType, healthCheck, targets, List.of());
    }

    /** The same group, filled also by these (see {@code registeredBy}). */
    public TargetGroup withRegistrars(List<String> registrars) {
        return registrars.isEmpty() ? this
                : new TargetGroup(id, source, name, protocol, port, targetType, healthCheck, targets, registrars);
    }

    /** The same group with other targets (what registers targets dynamically is kept). */
    public TargetGroup withTargets(List<Target> others) {
        return new TargetGroup(id, source, name, protocol, port, targetType, healthCheck, others, registeredBy);
    }
}

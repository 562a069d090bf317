package dev.lbguard.model;

import dev.lbguard.diagnostic.SourceRef;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A registered target of a target group.
 *
 * @param id the element that registers it (e.g. the attachment's address)
 * @param targetId the instance id, IP address, Lambda ARN or ALB ARN (or the reference to it)
 * @param port the port, absent when the target uses the target group's port
 * @param status what a live source says of its health and weight; empty for configuration sources, except
 *               HAProxy's, whose config fixes a server's weight and whether it starts {@code disabled}
 * @param backup an HAProxy {@code backup} server: takes traffic only when no other server of its backend is up
 */
public record Target(ElementId id, SourceRef source, String targetId, OptionalInt port,
                     java.util.Optional<TargetStatus> status, boolean backup) {
    public Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(status, "status");
    }

    /** A target as configuration declares it, with no live status. */
    public Target(ElementId id, SourceRef source, String targetId, OptionalInt port) {
        this(id, source, targetId, port, java.util.Optional.empty(), false);
    }

    /** A primary (not backup) target. */
    public Target(ElementId id, SourceRef source, String targetId, OptionalInt port,
                  java.util.Optional<TargetStatus> status) {
        this(id, source, targetId, port, status, false);
    }

    /** True unless a live status says the target takes no new requests. */
    public boolean takesTraffic() {
        return status.map(TargetStatus::takesTraffic).orElse(true);
    }
}

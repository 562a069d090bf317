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
 */
public record Target(ElementId id, SourceRef source, String targetId, OptionalInt port) {
    public Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(port, "port");
    }
}

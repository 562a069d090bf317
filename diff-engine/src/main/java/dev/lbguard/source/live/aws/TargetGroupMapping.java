package dev.lbguard.source.live.aws;

import static dev.lbguard.source.live.aws.AwsMapping.or;
import static dev.lbguard.source.live.aws.AwsMapping.orEmpty;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Maps ELBv2 target groups and what DescribeTargetHealth says of their targets to the model, as the Terraform
 * sources map the same settings: health-check fields keep AWS's values, so a fresh {@code terraform apply} reads
 * back with no drift.
 */
final class TargetGroupMapping {
    private final SourceRef source;

    TargetGroupMapping(String label) {
        this.source = SourceRef.file(label);
    }

    TargetGroup targetGroup(software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup tg,
                            List<TargetHealthDescription> health) {
        String arn = tg.targetGroupArn();
        int port = tg.port() == null ? 0 : tg.port();
        List<Target> targets = new ArrayList<>();
        for (TargetHealthDescription d : health) {
            TargetDescription t = d.target();
            if (t == null || t.id() == null) {
                continue;
            }
            OptionalInt targetPort = t.port() == null ? OptionalInt.empty() : OptionalInt.of(t.port());
            String id = arn + "/target/" + t.id() + (targetPort.isPresent() ? ":" + targetPort.getAsInt() : "");
            targets.add(new Target(ElementId.of(id), source, t.id(), targetPort, Optional.of(status(d.targetHealth()))));
        }
        String protocol = orEmpty(tg.protocolAsString()).toUpperCase(Locale.ROOT);
        return new TargetGroup(ElementId.of(arn), source, orEmpty(tg.targetGroupName()), protocol, port,
                or(tg.targetTypeAsString(), "instance"), healthCheck(tg), targets);
    }

    private static HealthCheck healthCheck(software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup tg) {
        String protocol = orEmpty(tg.healthCheckProtocolAsString()).toUpperCase(Locale.ROOT);
        Matcher m = tg.matcher();
        String matcher = m == null ? "" : m.httpCode() != null ? m.httpCode() : orEmpty(m.grpcCode());
        return new HealthCheck(!Boolean.FALSE.equals(tg.healthCheckEnabled()), protocol,
                or(tg.healthCheckPort(), "traffic-port"), orEmpty(tg.healthCheckPath()), matcher,
                orZero(tg.healthCheckIntervalSeconds()), orZero(tg.healthCheckTimeoutSeconds()),
                orZero(tg.healthyThresholdCount()), orZero(tg.unhealthyThresholdCount()));
    }

    /** DescribeTargetHealth's state in the model's terms; the reason keeps AWS's own code. */
    static TargetStatus status(TargetHealth h) {
        if (h == null) {
            return new TargetStatus(TargetStatus.State.UNKNOWN, OptionalInt.empty(), "");
        }
        TargetStatus.State state = switch (orEmpty(h.stateAsString())) {
            case "healthy" -> TargetStatus.State.HEALTHY;
            case "unhealthy" -> TargetStatus.State.UNHEALTHY;
            case "draining", "unhealthy.draining" -> TargetStatus.State.DRAINING;
            case "initial", "unused", "unavailable" -> TargetStatus.State.NOT_SERVING;
            default -> TargetStatus.State.UNKNOWN;
        };
        String reason = h.reasonAsString() != null ? h.reasonAsString()
                : state == TargetStatus.State.UNKNOWN ? "state " + h.stateAsString() : "";
        return new TargetStatus(state, OptionalInt.empty(), reason);
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}

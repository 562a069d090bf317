package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** Target groups from {@code elb_target_group} arguments, with the AWS defaults for what is left out. */
final class AwsTargetGroups {
    private AwsTargetGroups() {
    }

    static TargetGroup targetGroup(ElementId id, String name, SourceRef at, Y.Map a, List<Target> targets) {
        String targetType = Y.text(a, "target_type").orElse("instance").toLowerCase(Locale.ROOT);
        String protocol = Y.text(a, "protocol").orElse(targetType.equals("lambda") ? "" : "HTTP")
                .toUpperCase(Locale.ROOT);
        String hcProtocol = Y.text(a, "health_check_protocol").orElse(protocol.equals("HTTPS") ? "HTTPS"
                : protocol.equals("HTTP") || protocol.isEmpty() ? "HTTP" : "TCP").toUpperCase(Locale.ROOT);
        boolean http = hcProtocol.startsWith("HTTP");
        HealthCheck hc = new HealthCheck(
                Y.field(a, "health_check_enabled").flatMap(Y::scalar).map(AnsibleFilters::truthy).orElse(true),
                hcProtocol,
                Y.text(a, "health_check_port").orElse("traffic-port"),
                Y.text(a, "health_check_path").orElse(http ? "/" : ""),
                Y.text(a, "successful_response_codes").orElse(http ? "200" : ""),
                AwsActions.integer(Y.field(a, "health_check_interval")).orElse(30),
                AwsActions.integer(Y.field(a, "health_check_timeout")).orElse(http ? 5 : 10),
                AwsActions.integer(Y.field(a, "healthy_threshold_count")).orElse(5),
                AwsActions.integer(Y.field(a, "unhealthy_threshold_count")).orElse(2));
        return new TargetGroup(id, at, name, protocol, AwsActions.integer(Y.field(a, "port")).orElse(0), targetType,
                hc, targets);
    }

    /** The instances behind one instance port of a classic load balancer, as a target group. */
    static TargetGroup classicInstances(ElementId id, String lbName, SourceRef at, Y listener, Y hc, List<Y> instances,
                                        int port) {
        String protocol = Y.text(listener, "instance_protocol").or(() -> Y.text(listener, "protocol")).orElse("TCP")
                .toUpperCase(Locale.ROOT);
        String ping = Y.text(hc, "ping_protocol").orElse("TCP").toUpperCase(Locale.ROOT);
        HealthCheck check = new HealthCheck(true, ping, Y.text(hc, "ping_port").orElse(Integer.toString(port)),
                Y.text(hc, "ping_path").orElse(ping.startsWith("HTTP") ? "/" : ""), ping.startsWith("HTTP") ? "200" : "",
                AwsActions.integer(Y.field(hc, "interval")).orElse(30),
                AwsActions.integer(Y.field(hc, "response_timeout")).orElse(5),
                AwsActions.integer(Y.field(hc, "healthy_threshold")).orElse(10),
                AwsActions.integer(Y.field(hc, "unhealthy_threshold")).orElse(2));
        List<Target> targets = new ArrayList<>();
        for (Y i : instances) {
            Y.text(i).ifPresent(t -> targets.add(new Target(ElementId.of(id.value() + "/target/" + t),
                    new SourceRef(at.path(), i.line(), 0, at.revision()), t, OptionalInt.empty())));
        }
        return new TargetGroup(id, at, lbName + ":" + port, protocol, port, "instance", check, targets);
    }
}

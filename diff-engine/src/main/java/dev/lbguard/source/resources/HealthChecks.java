package dev.lbguard.source.resources;

import dev.lbguard.model.HealthCheck;
import dev.lbguard.source.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Terraform target group's {@code health_check} as the model holds it. */
final class HealthChecks {
    private HealthChecks() {
    }

    /** The model's name of each health-check setting, and the provider's. */
    private static final Map<String, String> HEALTH_CHECK_SETTINGS = Map.of("enabled", "enabled",
            "protocol", "protocol", "port", "port", "path", "path", "matcher", "matcher",
            "intervalSeconds", "interval", "timeoutSeconds", "timeout", "healthyThreshold", "healthy_threshold",
            "unhealthyThreshold", "unhealthy_threshold");

    /**
     * The health check, with the defaults for what is not set. Inside a {@code health_check} block the provider
     * sends its own defaults (thresholds 3 and 3); without the block it sends nothing and the ELB API's defaults
     * apply (healthy 5, unhealthy 2), which is what a fresh apply then reads back (seen against moto, LiveMotoTest).
     */
    static HealthCheck of(Value.Obj tg, String tgProtocol) {
        Value given = tg.get("health_check");
        List<Value.Obj> blocks = TfValues.blocks(given);
        Value.Obj h = blocks.isEmpty() ? Value.Obj.object(Map.of()) : blocks.get(0);
        int healthy = blocks.isEmpty() ? 5 : 3;
        int unhealthy = blocks.isEmpty() ? 2 : 3;
        boolean protocolUnknown = given instanceof Value.Unknown || h.get("protocol") instanceof Value.Unknown;
        String protocol = text(h.get("protocol"), tgProtocol.equals("HTTPS") ? "HTTPS"
                : tgProtocol.equals("HTTP") || tgProtocol.isEmpty() ? "HTTP" : "TCP");
        protocol = protocolUnknown ? protocol : protocol.toUpperCase(Locale.ROOT);
        boolean http = protocol.startsWith("HTTP");
        // An unknown setting is shown as unknown, not as the default: the report must not state a value nobody set.
        Map<String, String> unknown = new HashMap<>();
        HEALTH_CHECK_SETTINGS.forEach((setting, attribute) -> {
            Value v = given instanceof Value.Unknown ? given : h.get(attribute);
            if (v instanceof Value.Unknown u) {
                unknown.put(setting, describe(u));
            }
        });
        // The defaults of the path, matcher and timeout follow the protocol: with it unknown, so are they.
        if (protocolUnknown) {
            String byProtocol = HealthCheck.COMPUTED + "the default for a protocol that is unknown ("
                    + unknown.get("protocol") + ")";
            for (String setting : List.of("path", "matcher", "timeoutSeconds")) {
                unknown.putIfAbsent(setting, byProtocol);
            }
        }
        return new HealthCheck(TfValues.bool(h.get("enabled")).orElse(true), protocol,
                text(h.get("port"), "traffic-port"),
                unknown.containsKey("path") ? unknown.get("path") : text(h.get("path"), http ? "/" : ""),
                unknown.containsKey("matcher") ? unknown.get("matcher") : text(h.get("matcher"), http ? "200" : ""),
                TfValues.integer(h.get("interval")).orElse(30),
                TfValues.integer(h.get("timeout")).orElse(http ? 5 : 10),
                TfValues.integer(h.get("healthy_threshold")).orElse(healthy),
                TfValues.integer(h.get("unhealthy_threshold")).orElse(unhealthy), unknown);
    }

    /**
     * What an unknown setting depends on. Only a root variable without a value, used as it is, is the same input
     * at both revisions of a comparison (the command line gives both the same); anything computed, or read at plan
     * or apply time, may differ between them though its reason reads the same ({@link HealthCheck#COMPUTED}).
     */
    private static String describe(Value.Unknown u) {
        String what = TfValues.display(u).orElse("could not be evaluated");
        return u.missingVariable().isPresent() ? what : HealthCheck.COMPUTED + what;
    }

    /** A text attribute; unknown, what is known of it; unset, {@code otherwise}. */
    private static String text(Value v, String otherwise) {
        return v instanceof Value.Unknown ? TfValues.display(v).orElse(otherwise) : TfValues.str(v).orElse(otherwise);
    }
}

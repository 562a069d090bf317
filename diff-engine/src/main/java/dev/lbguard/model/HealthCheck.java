package dev.lbguard.model;

import java.util.Objects;

/**
 * A target group's health check, with the provider defaults filled in for what the source left out.
 *
 * @param port a port number or {@code traffic-port}
 * @param path {@code ""} for protocols without a path
 * @param matcher the healthy HTTP codes (or gRPC codes), {@code ""} for TCP checks
 */
public record HealthCheck(boolean enabled, String protocol, String port, String path, String matcher,
                          int intervalSeconds, int timeoutSeconds, int healthyThreshold, int unhealthyThreshold) {
    public HealthCheck {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(matcher, "matcher");
    }
}

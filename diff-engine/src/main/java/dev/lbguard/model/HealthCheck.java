package dev.lbguard.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A target group's health check, with the provider defaults filled in for what the source left out.
 *
 * @param port a port number or {@code traffic-port}
 * @param path {@code ""} for protocols without a path
 * @param matcher the healthy HTTP codes (or gRPC codes), {@code ""} for TCP checks
 * @param unknown the settings lbguard could not evaluate ({@code enabled}, {@code protocol}, {@code port},
 *                {@code path}, {@code matcher}, {@code intervalSeconds}, {@code timeoutSeconds},
 *                {@code healthyThreshold}, {@code unhealthyThreshold}), each with what it depends on; the field of
 *                a text setting holds the same, the others their default. A health check moves no request, so an
 *                unknown setting leaves routing complete; what judges a health check says it cannot.
 */
public record HealthCheck(boolean enabled, String protocol, String port, String path, String matcher,
                          int intervalSeconds, int timeoutSeconds, int healthyThreshold, int unhealthyThreshold,
                          Map<String, String> unknown) {
    public HealthCheck {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(matcher, "matcher");
        // Absent in snapshots saved before it existed: nothing was unknown then that a snapshot kept.
        unknown = unknown == null || unknown.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(unknown));
    }

    /** How an unknown setting that is not one unread input as it is begins: two such never count as the same. */
    public static final String COMPUTED = "computed from ";

    /**
     * True when two descriptions of an unknown setting (from {@link #unknown}) are the same unread input at both
     * sides of a comparison, so that the setting holds one value at both: equal, and not {@link #COMPUTED}.
     */
    public static boolean sameUnread(String a, String b) {
        return a != null && a.equals(b) && !a.startsWith(COMPUTED);
    }

    /** A health check whose every setting is known. */
    public HealthCheck(boolean enabled, String protocol, String port, String path, String matcher,
                       int intervalSeconds, int timeoutSeconds, int healthyThreshold, int unhealthyThreshold) {
        this(enabled, protocol, port, path, matcher, intervalSeconds, timeoutSeconds, healthyThreshold,
                unhealthyThreshold, Map.of());
    }
}

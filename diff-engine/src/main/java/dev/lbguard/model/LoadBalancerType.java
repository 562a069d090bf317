package dev.lbguard.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of load balancer: the ELBv2 types (only application load balancers have listener rules) and an
 * HAProxy configuration (one per config file), whose frontends route with HAProxy's own rule semantics.
 */
public enum LoadBalancerType {
    APPLICATION, NETWORK, GATEWAY, HAPROXY;

    /** The lower-case name used by AWS and Terraform, e.g. {@code application}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LoadBalancerType> fromLabel(String label) {
        for (LoadBalancerType t : values()) {
            if (t.label().equalsIgnoreCase(label)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

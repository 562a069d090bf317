package dev.lbguard.model;

import java.util.Locale;
import java.util.Optional;

/** The ELBv2 load balancer types; only application load balancers have listener rules. */
public enum LoadBalancerType {
    APPLICATION, NETWORK, GATEWAY;

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

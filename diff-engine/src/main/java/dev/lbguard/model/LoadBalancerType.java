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

    /**
     * Whether AWS accepts a listener of {@code protocol} (upper case) on this type: HTTP and HTTPS on an application
     * load balancer, TCP, TLS, UDP and TCP_UDP on a network one, GENEVE on a gateway one; HAProxy's are its own.
     */
    public boolean acceptsListener(String protocol) {
        return switch (this) {
            case APPLICATION -> protocol.equals("HTTP") || protocol.equals("HTTPS");
            case NETWORK -> protocol.equals("TCP") || protocol.equals("TLS") || protocol.equals("UDP")
                    || protocol.equals("TCP_UDP");
            case GATEWAY -> protocol.equals("GENEVE");
            case HAPROXY -> true;
        };
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

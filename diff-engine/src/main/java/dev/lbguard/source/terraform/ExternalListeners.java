package dev.lbguard.source.terraform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names a listener this configuration attaches rules to but does not manage, by what is known of it: a literal
 * ARN, or a {@code data "aws_lb_listener"} looked up by ARN or by load balancer (itself a {@code data "aws_lb"} by
 * name or ARN, or a literal ARN) and port. Two lookups of the same load balancer and port are one listener.
 */
final class ExternalListeners {

    /**
     * One external listener.
     *
     * @param key          what identifies it across lookups and revisions ({@code platform-edge:443}, or the ARN, or the
     *                     data source's address where the lookup says too little)
     * @param loadBalancer the load balancer's name where known, else the key
     * @param port         the port where known, else 0
     * @param described    how reports name it
     */
    record Named(String key, String loadBalancer, int port, String described) {
    }

    private final Map<String, ResourceInstance> dataSources = new HashMap<>();

    ExternalListeners(List<ResourceInstance> dataSources) {
        dataSources.forEach(d -> this.dataSources.put(d.address(), d));
    }

    /** Names the listener that {@code link} (an ARN or a data source's address) stands for. */
    Named name(String link) {
        ResourceInstance lookup = dataSources.get(link);
        if (lookup == null || !References.canonical(lookup.type()).equals("aws_lb_listener")) {
            return fromArn(link, link);
        }
        Optional<String> arn = TfValues.str(lookup.attributes().get("arn")).filter(s -> !s.isEmpty());
        if (arn.isPresent()) {
            return fromArn(arn.get(), link + " (" + arn.get() + ")");
        }
        Optional<String> loadBalancer = loadBalancerName(lookup.attributes().get("load_balancer_arn"));
        Optional<Integer> port = TfValues.integer(lookup.attributes().get("port"));
        if (loadBalancer.isEmpty() || port.isEmpty()) {
            return new Named(link, loadBalancer.orElse(link), port.orElse(0), link);
        }
        return new Named(loadBalancer.get() + ":" + port.get(), loadBalancer.get(), port.get(),
                link + " (port " + port.get() + " of load balancer " + loadBalancer.get() + ")");
    }

    /** The name of the load balancer a lookup names: a data source by name or ARN, or a literal ARN. */
    private Optional<String> loadBalancerName(Value v) {
        if (v instanceof Value.Unknown u && u.isReference()) {
            ResourceInstance lb = dataSources.get(u.ref());
            if (lb == null || !References.canonical(lb.type()).equals("aws_lb")) {
                return Optional.empty();
            }
            Optional<String> name = TfValues.str(lb.attributes().get("name")).filter(s -> !s.isEmpty());
            return name.isPresent() ? name
                    : TfValues.str(lb.attributes().get("arn")).flatMap(ExternalListeners::loadBalancerInArn);
        }
        return TfValues.str(v).flatMap(ExternalListeners::loadBalancerInArn);
    }

    private static Named fromArn(String arn, String described) {
        Optional<String> lb = listenerLoadBalancer(arn);
        return new Named(arn, lb.orElse(arn), 0, described);
    }

    /** The load balancer's name in a listener ARN ({@code ...:listener/app/NAME/id/id}). */
    private static Optional<String> listenerLoadBalancer(String arn) {
        return segmentAfter(arn, ":listener/");
    }

    /** The name in a load balancer ARN ({@code ...:loadbalancer/app/NAME/id}). */
    private static Optional<String> loadBalancerInArn(String arn) {
        return segmentAfter(arn, ":loadbalancer/");
    }

    private static Optional<String> segmentAfter(String arn, String marker) {
        int i = arn.indexOf(marker);
        if (i < 0) {
            return Optional.empty();
        }
        String[] parts = arn.substring(i + marker.length()).split("/");
        return parts.length >= 2 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
    }
}

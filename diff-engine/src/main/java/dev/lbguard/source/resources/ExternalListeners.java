package dev.lbguard.source.resources;

import dev.lbguard.source.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names a listener this configuration attaches rules to but does not manage, by what is known of it: a literal
 * ARN, a {@code data "aws_lb_listener"} looked up by ARN or by load balancer (itself a {@code data "aws_lb"} by
 * name or ARN, or a literal ARN) and port, or an output of another stack's state.
 *
 * <p>Only an ARN names one listener everywhere (it holds region and account). A load balancer's name is unique
 * only within the region and account of a provider configuration, and an address such as
 * {@code data.terraform_remote_state.platform} means what its root module's configuration says: such names are
 * kept to their root module (and provider), so that two different listeners are never taken for one. Within a
 * root module, two lookups of one load balancer and port through one provider are one listener.
 */
public final class ExternalListeners {

    /**
     * One external listener.
     *
     * @param key          what identifies it: an ARN-based key everywhere, else qualified by its root module
     * @param loadBalancer the load balancer's name where known, else the key (qualified as the key is)
     * @param port         the port where known, else 0
     * @param described    how reports name it
     */
    record Named(String key, String loadBalancer, int port, String described) {
    }

    private final Map<String, ResourceInstance> dataSources = new HashMap<>();
    private final String root;

    /** {@code root}: the root module's directory, {@code ""} for the repository's top. */
    ExternalListeners(List<ResourceInstance> dataSources, String root) {
        dataSources.forEach(d -> this.dataSources.put(d.address(), d));
        this.root = root;
    }

    /** Names the listener that {@code link} (an ARN, a data source's address or a state output) stands for. */
    Named name(String link) {
        if (isTerragruntOutput(link)) {
            return terragruntOutput(link);
        }
        ResourceInstance lookup = dataSources.get(link);
        if (lookup == null || !References.canonical(lookup.type()).equals("aws_lb_listener")) {
            return fromArn(link, link);
        }
        Optional<String> arn = TfValues.str(lookup.attributes().get("arn")).filter(s -> !s.isEmpty());
        if (arn.isPresent()) {
            return fromArn(arn.get(), link + " (" + arn.get() + ")");
        }
        Optional<Integer> port = TfValues.integer(lookup.attributes().get("port"));
        Value lbArn = lookup.attributes().get("load_balancer_arn");
        Optional<String> literal = TfValues.str(lbArn).filter(s -> s.startsWith("arn:"));
        Optional<ResourceInstance> lb = lbArn instanceof Value.Unknown u && u.isReference()
                ? Optional.ofNullable(dataSources.get(u.ref())).filter(d -> References.canonical(d.type()).equals("aws_lb"))
                : Optional.empty();
        if (literal.isEmpty() && lb.isPresent()) {
            literal = TfValues.str(lb.get().attributes().get("arn")).filter(s -> s.startsWith("arn:"));
        }
        if (literal.isPresent() && port.isPresent()) {
            String name = segmentAfter(literal.get(), ":loadbalancer/").orElse(literal.get());
            return new Named(literal.get() + ":" + port.get(), name, port.get(),
                    link + " (port " + port.get() + " of load balancer " + name + ")");
        }
        Optional<String> name = lb.flatMap(d -> TfValues.str(d.attributes().get("name")).filter(s -> !s.isEmpty()));
        if (name.isEmpty() || port.isEmpty()) {
            return new Named(local(link), local(name.orElse(link)), port.orElse(0), link);
        }
        // By name: one listener only through one provider configuration of one root module.
        String provider = providerOf(lookup) + providerOf(lb.get());
        return new Named(local(name.get() + ":" + port.get() + provider), local(name.get()), port.get(),
                link + " (port " + port.get() + " of load balancer " + name.get() + ")");
    }

    private static String providerOf(ResourceInstance d) {
        return TfValues.str(d.attributes().get("provider")).map(p -> " via the provider set at " + p).orElse("");
    }

    /** A name that means something only in this root module. */
    private String local(String name) {
        return root.isEmpty() ? name : name + " in " + root;
    }

    private Named fromArn(String link, String described) {
        if (link.startsWith("var.")) {
            return new Named(local(link), local(link), 0, described + " (a variable without a value here)");
        }
        if (!link.startsWith("arn:")) {
            return new Named(local(link), local(link), 0, described);
        }
        return new Named(link, segmentAfter(link, ":listener/").orElse(link), 0, described);
    }

    /** The name in an ARN ({@code ...:listener/app/NAME/id/id}, {@code ...:loadbalancer/app/NAME/id}). */
    private static Optional<String> segmentAfter(String arn, String marker) {
        int i = arn.indexOf(marker);
        if (i < 0) {
            return Optional.empty();
        }
        String[] parts = arn.substring(i + marker.length()).split("/");
        return parts.length >= 2 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
    }

    /** Whether an unknown's reference ({@code dependency.platform["live/prod/platform"]}) is a Terragrunt dependency's. */
    static boolean isTerragruntOutput(String address) {
        return address.startsWith("dependency.");
    }

    /** The listener that a dependency's output names, the same for every unit that depends on that unit. */
    static Named terragruntOutput(String link) {
        int open = link.indexOf("[\"");
        int close = link.indexOf("\"]", open + 2);
        if (open < 0 || close < 0) {
            return new Named(link, link, 0, link);
        }
        String local = link.substring(0, open);
        String dir = link.substring(open + 2, close);
        String output = link.substring(close + 2).replaceFirst("^\\.outputs\\.", "");
        // One unit's output is one value within a revision: units that depend on it see one listener.
        return new Named("terragrunt:" + dir + ":" + output, dir, 0,
                "output " + output + " of Terragrunt unit " + dir + " (" + local + ")");
    }
}

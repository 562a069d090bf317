package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two load balancers, or two target groups, of one name in one root module: AWS refuses the second of a name in an
 * account and region, so one of them fails to apply and what the report shows of it never runs (seen in public
 * code: two environments' modules both naming their load balancer after one of them). A warning, not an error:
 * resources created through different provider configurations (another region or account) may share a name, and
 * lbguard does not follow which configuration a module's resources use.
 */
final class DuplicateNames {
    private DuplicateNames() {
    }

    /** Load balancers and target groups, from resources by canonical type. */
    static void report(Map<String, List<ResourceInstance>> byType, List<Diagnostic> diagnostics) {
        report(byType.getOrDefault("aws_lb", List.of()), "load balancer", diagnostics);
        report(byType.getOrDefault("aws_lb_target_group", List.of()), "target group", diagnostics);
    }

    /** A warning on each resource whose literal {@code name} an earlier one of its kind ({@code what}) has. */
    private static void report(List<ResourceInstance> resources, String what, List<Diagnostic> diagnostics) {
        Map<String, String> first = new LinkedHashMap<>();
        for (ResourceInstance r : resources) {
            Optional<String> name = TfValues.str(r.attributes().get("name")).filter(n -> !n.isEmpty());
            if (name.isEmpty()) {
                continue;
            }
            String earlier = first.putIfAbsent(name.get(), r.address());
            if (earlier != null) {
                diagnostics.add(Diagnostic.warning("tf-duplicate-name", r.address() + ": " + what + " name \""
                        + name.get() + "\" is also " + earlier + "'s; AWS refuses a second " + what + " of one name in "
                        + "an account and region, so one of them fails to apply (unless their providers point at "
                        + "different regions or accounts)", r.attributeSources().getOrDefault("name", r.source())));
            }
        }
    }
}

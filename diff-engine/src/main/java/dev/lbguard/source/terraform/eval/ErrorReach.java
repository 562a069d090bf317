package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.resources.References;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.modules.ModuleConfig;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an error must reach to make the analysis incomplete: what the routing model reads. An error that
 * reaches none of it (a DNS record's count, an IAM policy, the subnets of a load balancer) is a warning that
 * cannot affect routing. Whatever lbguard cannot trace (a file that does not parse, a module it does not
 * read) reaches routing: soundness first.
 */
final class ErrorReach {
    private ErrorReach() {
    }

    /**
     * Errors never shown harmless, wherever they are met: what may hide load-balancer resources (a file that does
     * not parse, a module not read, an internal error), inputs that may be wrong everywhere (a var file), and what
     * Terraform rejects whatever the inputs ({@code terraform validate} fails: an undeclared reference, a bad
     * module call, a duplicate, a cycle), since then nothing of the configuration can be applied. Errors that
     * depend on values (an unknown function, a data source, a missing variable, an invalid index) follow reach.
     */
    static final Set<String> ALWAYS_ROUTING = Set.of("hcl-syntax", "tf-unreadable-file", "tf-no-files",
            "tf-internal", "tf-remote-module", "tf-unsupported-resource", "tf-tfvars",
            "tf-var-file-missing", "tf-override", "tf-moved", "tf-reference", "tf-module", "tf-duplicate",
            "tf-variable-undeclared", "tf-variable", "tf-output", "tf-block", "tf-cycle");

    /**
     * The attributes of each load-balancer resource type that {@link TerraformSnapshotBuilder} and the actions and
     * conditions it reads turn into the routing model; keep it in step with them. The rest (subnets, security
     * groups, access logs, tags, timeouts) moves no request, and neither do certificates (which one a client gets,
     * not where its request goes, and no finding reads them): the model shows them, but an unknown one is a warning,
     * not an incomplete analysis (a certificate from an aws_acm_certificate data source, common in public code). A
     * health check moves no request either: the model carries what of it is unknown ({@code HealthCheck.unknown}),
     * and the findings that judge it (LBG005: disabled; LBG012: changed; LBG204 in drift) say they cannot.
     */
    private static final Map<String, Set<String>> ROUTING_ATTRIBUTES = Map.of(
            "aws_lb", Set.of("name", "load_balancer_type", "internal"),
            "aws_lb_listener", Set.of("load_balancer_arn", "protocol", "port", "ssl_policy", "default_action"),
            "aws_lb_listener_rule", Set.of("listener_arn", "priority", "condition", "action"),
            "aws_lb_target_group", Set.of("name", "target_type", "protocol", "port"),
            "aws_lb_target_group_attachment", Set.of("target_group_arn", "target_id", "port"),
            "aws_lb_listener_certificate", Set.of("listener_arn"));

    /** What routing reads of a resource of {@code type} (its aws_alb alias too); nothing for other types. */
    static Set<String> routingAttributes(String type) {
        return ROUTING_ATTRIBUTES.getOrDefault(References.canonical(type), Set.of());
    }

    static <T> Set<T> union(Set<T> a, Set<T> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        Set<T> out = new HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    /**
     * True when {@code config} or a module it calls may declare a load-balancer resource, so that what decides
     * its instances reaches routing. A module lbguard cannot load or does not read may.
     */
    static boolean mayRoute(ModuleLoader loader, ModuleConfig config, int depth) {
        if (depth > 32) {
            return true;
        }
        for (String key : config.resources().keySet()) {
            String type = key.substring(0, key.indexOf('.'));
            if (TerraformEvaluation.LOAD_BALANCER_TYPES.contains(type)
                    || TerraformEvaluation.UNREAD_LOAD_BALANCER_TYPES.contains(type)) {
                return true;
            }
        }
        for (Block call : config.moduleCalls().values()) {
            Optional<String> source = call.body().attribute("source")
                    .flatMap(a -> ModuleCalls.literal(a.expression()))
                    .filter(s -> s.startsWith("./") || s.startsWith("../"))
                    .flatMap(s -> ModuleCalls.join(config.dir(), s));
            if (source.isEmpty()) {
                return true;
            }
            ModuleConfig child = loader.load(source.get());
            if (!child.hasFiles() || mayRoute(loader, child, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}

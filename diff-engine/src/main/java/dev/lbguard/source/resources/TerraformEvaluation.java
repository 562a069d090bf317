package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.Secrets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What lbguard read from one root module: every managed resource instance (sorted by address), the
 * {@code moved} blocks, and the problems met. With an error diagnostic the evaluation is incomplete.
 *
 * @param dataSources the data sources of load-balancer types that were read (a listener looked up by load
 *                    balancer and port): what is known of the listeners of other stacks
 * @param secrets     the values the evaluation learnt are sensitive (sensitive variables, {@code sensitive()})
 */
public record TerraformEvaluation(String moduleDir, List<ResourceInstance> resources, List<MovedBlock> moved,
                                  List<Diagnostic> diagnostics, List<ResourceInstance> dataSources, Secrets secrets) {

    /** The load-balancer resource types lbguard reads, with their {@code aws_alb*} aliases. */
    public static final Set<String> LOAD_BALANCER_TYPES = Set.of(
            "aws_lb", "aws_alb",
            "aws_lb_listener", "aws_alb_listener",
            "aws_lb_listener_rule", "aws_alb_listener_rule",
            "aws_lb_target_group", "aws_alb_target_group",
            "aws_lb_target_group_attachment", "aws_alb_target_group_attachment",
            "aws_lb_listener_certificate", "aws_alb_listener_certificate");

    /**
     * Resource types that route requests but that lbguard does not read (the Classic Load Balancer and its
     * attachments and policies): a module declaring one is evaluated incomplete, not reported as unchanged.
     */
    public static final Set<String> UNREAD_LOAD_BALANCER_TYPES = Set.of(
            "aws_elb", "aws_elb_attachment", "aws_lb_cookie_stickiness_policy", "aws_app_cookie_stickiness_policy",
            "aws_load_balancer_policy", "aws_load_balancer_listener_policy", "aws_load_balancer_backend_server_policy",
            "aws_proxy_protocol_policy", "aws_lb_ssl_negotiation_policy");

    public TerraformEvaluation(String moduleDir, List<ResourceInstance> resources, List<MovedBlock> moved,
                               List<Diagnostic> diagnostics) {
        this(moduleDir, resources, moved, diagnostics, List.of(), Secrets.NONE);
    }

    public TerraformEvaluation(String moduleDir, List<ResourceInstance> resources, List<MovedBlock> moved,
                               List<Diagnostic> diagnostics, List<ResourceInstance> dataSources) {
        this(moduleDir, resources, moved, diagnostics, dataSources, Secrets.NONE);
    }

    public TerraformEvaluation {
        resources = byAddress(resources);
        dataSources = byAddress(dataSources);
        moved = List.copyOf(moved);
        diagnostics = List.copyOf(diagnostics);
        secrets = secrets == null ? Secrets.NONE : secrets;
    }

    /** Sorted by address, stably; instances in that order already (an evaluator may keep it) are only checked. */
    private static List<ResourceInstance> byAddress(List<ResourceInstance> instances) {
        for (int i = 1; i < instances.size(); i++) {
            if (instances.get(i - 1).address().compareTo(instances.get(i).address()) > 0) {
                return instances.stream().sorted(Comparator.comparing(ResourceInstance::address)).toList();
            }
        }
        return List.copyOf(instances);
    }

    public boolean complete() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /** Only the instances of load-balancer resource types. */
    public List<ResourceInstance> loadBalancerResources() {
        return resources.stream().filter(r -> LOAD_BALANCER_TYPES.contains(r.type())).toList();
    }
}

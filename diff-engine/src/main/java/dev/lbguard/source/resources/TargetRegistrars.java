package dev.lbguard.source.resources;

import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What registers targets in a target group as they come and go: an Auto Scaling group (its
 * {@code target_group_arns} or {@code traffic_source}), an {@code aws_autoscaling_attachment} or
 * {@code aws_autoscaling_traffic_source_attachment}, an ECS service (its {@code load_balancer} blocks). Their targets
 * are in no configuration: a group one of them fills is not empty (LBG005 said so of every such group in public
 * code), and the instances a live source shows in it are not drift. None of them moves a request, so what cannot
 * be read of them is no error; a link that cannot be resolved is left out.
 */
final class TargetRegistrars {
    private static final Set<String> TYPES = Set.of("aws_autoscaling_group", "aws_autoscaling_attachment",
            "aws_autoscaling_traffic_source_attachment", "aws_ecs_service");

    private TargetRegistrars() {
    }

    /** The addresses of the resources registering targets, by the address of the target group they fill. */
    static Map<String, List<String>> byTargetGroup(List<ResourceInstance> resources, References refs) {
        Map<String, List<String>> out = new HashMap<>();
        for (ResourceInstance r : resources) {
            if (!TYPES.contains(r.type())) {
                continue;
            }
            for (Value v : targetGroups(r)) {
                References.Link link = refs.resolve(v, "aws_lb_target_group");
                if (link.kind() == References.Kind.RESOLVED) {
                    out.computeIfAbsent(link.name(), k -> new ArrayList<>()).add(r.address());
                }
            }
        }
        return out;
    }

    /** The values that name the target groups {@code r} registers targets in. */
    private static List<Value> targetGroups(ResourceInstance r) {
        Value.Obj a = r.attributes();
        List<Value> out = new ArrayList<>();
        switch (r.type()) {
            case "aws_autoscaling_group" -> {
                if (a.get("target_group_arns") instanceof Value.Seq arns) {
                    out.addAll(arns.items());
                }
                trafficSources(a, out);
            }
            case "aws_autoscaling_attachment" -> {
                // alb_target_group_arn is the provider's older name for lb_target_group_arn.
                out.add(a.get("lb_target_group_arn"));
                out.add(a.get("alb_target_group_arn"));
            }
            case "aws_autoscaling_traffic_source_attachment" -> trafficSources(a, out);
            default -> TfValues.blocks(a.get("load_balancer")).forEach(b -> out.add(b.get("target_group_arn")));
        }
        out.removeIf(v -> v == null || TfValues.isNull(v));
        return out;
    }

    /** The target groups of {@code traffic_source} blocks of type elbv2 (the others are VPC Lattice's). */
    private static void trafficSources(Value.Obj a, List<Value> out) {
        for (Value.Obj source : TfValues.blocks(a.get("traffic_source"))) {
            if (TfValues.str(source.get("type")).orElse("elbv2").equals("elbv2")) {
                out.add(source.get("identifier"));
            }
        }
    }
}

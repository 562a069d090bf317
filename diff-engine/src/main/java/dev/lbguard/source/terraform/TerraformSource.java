package dev.lbguard.source.terraform;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Move;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.source.SourceTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing snapshot of the Terraform root modules in a tree: each module evaluated, built into the model,
 * and the results joined into one snapshot.
 */
public final class TerraformSource {
    private final TerraformEvaluator evaluator = new TerraformEvaluator();
    private final TerraformSnapshotBuilder builder = new TerraformSnapshotBuilder();

    /** Reads {@code moduleDirs} of {@code tree} with the given inputs. */
    public RoutingSnapshot read(SourceTree tree, List<String> moduleDirs, TerraformInputs inputs, SnapshotOrigin origin) {
        Map<ElementId, LoadBalancer> loadBalancers = new LinkedHashMap<>();
        Map<ElementId, TargetGroup> targetGroups = new LinkedHashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        for (String dir : moduleDirs) {
            RoutingSnapshot one = builder.build(evaluator.evaluate(tree, dir, inputs), origin);
            diagnostics.addAll(one.diagnostics());
            moves.addAll(one.moves());
            for (LoadBalancer lb : one.loadBalancers()) {
                if (loadBalancers.putIfAbsent(lb.id(), lb) != null) {
                    diagnostics.add(clash("load balancer", lb.id(), lb.source()));
                }
            }
            for (TargetGroup tg : one.targetGroups()) {
                if (targetGroups.putIfAbsent(tg.id(), tg) != null) {
                    diagnostics.add(clash("target group", tg.id(), tg.source()));
                }
            }
        }
        return RoutingSnapshot.of(origin, loadBalancers.values(), targetGroups.values(), diagnostics, moves);
    }

    // Two root modules may use the same addresses; without --dir lbguard cannot tell their elements apart.
    private static Diagnostic clash(String what, ElementId id, SourceRef source) {
        return Diagnostic.error("tf-address-clash", what + " " + id + " is defined by more than one root module; "
                + "give --dir to read one root module at a time", source);
    }
}

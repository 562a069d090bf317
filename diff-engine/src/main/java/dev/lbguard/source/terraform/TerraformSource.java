package dev.lbguard.source.terraform;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.SnapshotMerger;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.resources.AwsProviderVersion;
import dev.lbguard.source.resources.KnownReadings;
import dev.lbguard.source.resources.TerraformSnapshotBuilder;
import dev.lbguard.source.terraform.eval.Reuse;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.modules.AwsProviderRequirement;
import dev.lbguard.source.terraform.terragrunt.TerragruntUnits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing snapshot of the Terraform root modules in a tree: each module evaluated (a Terragrunt unit's with
 * its inputs, see {@link TerragruntUnits}), built into the model, and the results joined into one snapshot.
 */
public final class TerraformSource {
    private final TerraformEvaluator evaluator = new TerraformEvaluator();
    private final TerraformSnapshotBuilder builder = new TerraformSnapshotBuilder();

    /** Reads {@code moduleDirs} of {@code tree} with the given inputs. */
    public RoutingSnapshot read(SourceTree tree, List<String> moduleDirs, TerraformInputs inputs, SnapshotOrigin origin) {
        return read(tree, moduleDirs, inputs, origin, Optional.empty());
    }

    /**
     * Reads {@code moduleDirs}, each taking over what the previous evaluation of the same root module in
     * {@code reuse} computed where nothing it read changed (see {@link Reuse}).
     */
    public RoutingSnapshot read(SourceTree tree, List<String> moduleDirs, TerraformInputs inputs, SnapshotOrigin origin,
                                Optional<Reuse.Roots> reuse) {
        return SnapshotMerger.merge(origin, readRoots(tree, moduleDirs, inputs, origin, reuse));
    }

    /** {@link #read}, each root module's snapshot apart, in the order given. */
    public Map<String, RoutingSnapshot> readRoots(SourceTree tree, List<String> moduleDirs, TerraformInputs inputs,
                                                  SnapshotOrigin origin, Optional<Reuse.Roots> reuse) {
        Map<String, RoutingSnapshot> parts = new LinkedHashMap<>();
        for (String dir : moduleDirs) {
            if (TerragruntUnits.hasConfig(tree, dir)) {
                TerragruntUnits.Evaluated unit = TerragruntUnits.evaluate(tree, dir, inputs, inputs.processEnvironment());
                parts.put(dir, builder.build(unit.evaluation(), origin,
                        () -> AwsProviderRequirement.read(tree, unit.moduleDir()).verdict()));
                continue;
            }
            // The provider's version matters only to provider-2 syntax: read when a rule uses it, once per module.
            java.util.function.Supplier<AwsProviderVersion> provider = () -> AwsProviderRequirement.read(tree, dir).verdict();
            Optional<Reuse> known = reuse.map(r -> r.of(dir));
            parts.put(dir, builder.build(evaluator.evaluate(tree, dir, inputs, known.orElse(null)), origin, provider,
                    known.map(Reuse::readings).orElseGet(KnownReadings::new)));
        }
        return parts;
    }
}

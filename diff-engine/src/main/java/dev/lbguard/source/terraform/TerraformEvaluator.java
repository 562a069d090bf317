package dev.lbguard.source.terraform;

import dev.lbguard.source.SourceTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a Terraform root module as {@code terraform plan} would: variables, locals, references,
 * {@code count}/{@code for_each}, {@code dynamic} blocks, functions and local modules. Never does I/O
 * beyond the given tree; what it cannot evaluate becomes a diagnostic and an unknown value.
 */
public final class TerraformEvaluator {

    /** Evaluates the root module in {@code moduleDir} ({@code ""} for the tree's root). */
    public TerraformEvaluation evaluate(SourceTree tree, String moduleDir, TerraformInputs inputs) {
        String dir = ModuleCalls.join("", moduleDir).orElse(moduleDir);
        EvalState state = new EvalState(tree, dir);
        List<ResourceInstance> resources = new ArrayList<>();
        List<MovedBlock> moved = new ArrayList<>();
        try {
            ModuleConfig root = state.loader.load(dir);
            ModuleInstance instance = new ModuleInstance(state, root, "", ".", 0,
                    new RootInputs(state, root, inputs));
            instance.evaluateAll();
            instance.collect(resources, moved);
        } catch (RuntimeException | StackOverflowError e) {
            // Evaluation is total: a bug in lbguard makes the result incomplete, never the caller crash.
            resources.clear();
            moved.clear();
            state.error("tf-internal", "internal error evaluating " + (dir.isEmpty() ? "." : dir) + ": " + e,
                    state.fileRef(dir));
        }
        return new TerraformEvaluation(moduleDir, resources, moved, state.diagnostics());
    }
}

package dev.lbguard.source.terraform;

import dev.lbguard.source.SourceTree;

/**
 * Evaluates a Terraform root module as {@code terraform plan} would: variables, locals, references,
 * {@code count}/{@code for_each}, {@code dynamic} blocks, functions and local modules. Never does I/O
 * beyond the given tree; what it cannot evaluate becomes a diagnostic and an unknown value.
 */
public final class TerraformEvaluator {

    /** Evaluates the root module in {@code moduleDir} ({@code ""} for the tree's root). */
    public TerraformEvaluation evaluate(SourceTree tree, String moduleDir, TerraformInputs inputs) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}

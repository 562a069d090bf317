/**
 * Evaluates a Terraform root module as {@code terraform plan} would, from syntax to values: expressions, scopes
 * and references, operators, {@code for} expressions, {@code count}/{@code for_each} expansion and dynamic blocks,
 * variables and their types, loading a module's files and resolving module sources (reported through the state,
 * so {@code ModuleLoader}, {@code InstalledModules} and {@code ModuleCalls} live here), module instances, {@code moved} blocks, the file functions bound to the
 * tree, and the evaluation state every part reports through. Its entry points are {@link
 * dev.lbguard.source.terraform.eval.TerraformEvaluator}, with {@link dev.lbguard.source.terraform.eval.TerraformInputs}
 * and {@link dev.lbguard.source.terraform.eval.TerraformWorkspace}; the result is a {@code resources}
 * {@code TerraformEvaluation}. It may import {@code terraform.functions}, {@code terraform.modules},
 * {@code source.resources}, {@code source.value} and {@code source.hcl}; never {@code terraform.terragrunt} or
 * {@code source.terraform} itself.
 */
package dev.lbguard.source.terraform.eval;

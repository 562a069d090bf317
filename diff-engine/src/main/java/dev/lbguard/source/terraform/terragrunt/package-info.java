/**
 * Terragrunt units: a {@code terragrunt.hcl}, its includes, locals, functions, {@code dependency} blocks and
 * {@code inputs}, read into the inputs and module of a Terraform root module that the evaluator then reads. It
 * may import {@code terraform.eval} (it evaluates with the Terraform evaluator's state and scopes), {@code
 * terraform.functions}, {@code terraform.modules}, {@code source.resources} and {@code source.value}; only the
 * entry points in {@code source.terraform} and {@code source.Configurations} import it.
 */
package dev.lbguard.source.terraform.terragrunt;

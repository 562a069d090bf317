/**
 * The Terraform source's entry points: {@link dev.lbguard.source.terraform.TerraformSource} reads the root modules
 * of a tree (a Terragrunt unit's with its inputs) into one snapshot, {@link
 * dev.lbguard.source.terraform.RootModuleFinder} finds those root modules. It owns only the wiring of its
 * subpackages: it may import {@code terraform.eval}, {@code terraform.modules}, {@code terraform.terragrunt},
 * {@code source.resources} and {@code source.value}; none of them imports it.
 */
package dev.lbguard.source.terraform;

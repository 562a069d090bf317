/**
 * Turns evaluated AWS-provider resource instances (load balancers, listeners, rules, target groups, attachments,
 * certificates, their {@code moved} blocks) into the routing model: {@link
 * dev.lbguard.source.resources.TerraformEvaluation} is what a reading of one root module holds, {@link
 * dev.lbguard.source.resources.TerraformSnapshotBuilder} builds the {@link dev.lbguard.model.RoutingSnapshot}
 * from it, reading actions, conditions, external listeners and the attributes known at plan time. Terraform's
 * evaluation and the live state and plan readers both feed it. It may import {@code source.value}, the model and
 * diagnostics; never {@code source.terraform} or {@code source.live}.
 */
package dev.lbguard.source.resources;

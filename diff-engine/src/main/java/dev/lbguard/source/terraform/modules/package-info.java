/**
 * A module's configuration as files say it: a module's blocks ({@link
 * dev.lbguard.source.terraform.modules.ModuleConfig}), override files, the JSON configuration syntax and its
 * schema, version constraints, module repositories (where remote module sources are fetched from) and the AWS
 * provider version a root module requires. It owns reading and merging configuration, not evaluating it. It may
 * import {@code source.hcl}, {@code source.resources} (the provider version verdict and the condition blocks the
 * JSON schema knows) and the source tree; never {@code terraform.eval} or {@code terraform.terragrunt}.
 */
package dev.lbguard.source.terraform.modules;

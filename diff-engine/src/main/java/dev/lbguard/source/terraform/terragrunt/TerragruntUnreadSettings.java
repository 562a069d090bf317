package dev.lbguard.source.terraform.terragrunt;

import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.resources.TfValues;
import dev.lbguard.source.terraform.eval.EvalState;
import dev.lbguard.source.value.Value;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a Terragrunt configuration does that may change the module's values and lbguard does not read:
 * {@code generate} blocks writing resources or modules, {@code extra_arguments} giving variables, blocks and
 * attributes lbguard does not know. Reported, so that a report never looks more complete than it is.
 */
final class TerragruntUnreadSettings {
    /** Blocks of a configuration that lbguard reads, or knows cannot reach routing. */
    private static final Set<String> KNOWN_BLOCKS = Set.of("locals", "include", "dependency", "dependencies",
            "terraform", "remote_state", "generate", "errors", "exclude", "catalog", "engine", "feature", "retry");
    private static final Set<String> KNOWN_ATTRIBUTES = Set.of("inputs", "download_dir", "prevent_destroy", "skip",
            "iam_role", "iam_assume_role_duration", "iam_assume_role_session_name", "iam_web_identity_token",
            "terraform_binary", "terraform_version_constraint", "terragrunt_version_constraint", "retryable_errors",
            "retry_max_attempts", "retry_sleep_interval_sec", "remote_state");
    private static final Pattern LOAD_BALANCER_OR_MODULE = Pattern.compile(
            "(?m)^\\s*(resource\\s+\"?aws_(lb|alb|elb|load_balancer|proxy_protocol_policy|app_cookie_stickiness_policy)"
                    + "|module\\s+\"?[A-Za-z_])");
    private static final Pattern ANY_RESOURCE = Pattern.compile("(?m)^\\s*(resource|data)\\s+\"?[A-Za-z_]");

    private TerragruntUnreadSettings() {
    }

    /** Reports the unread settings of {@code config} and of the includes merged into it. */
    static void report(TerragruntConfig config) {
        EvalState state = config.state();
        for (TerragruntFile f : config.mergedFiles()) {
            for (Block b : f.body().blocks()) {
                if (!KNOWN_BLOCKS.contains(b.type())) {
                    state.warning("tg-unknown", "Terragrunt block " + b.type() + " is not read by lbguard",
                            state.ref(b.range()));
                } else if (b.type().equals("generate")) {
                    generate(state, f, b);
                } else if (b.type().equals("terraform")) {
                    b.body().blocks("extra_arguments").forEach(e -> extraArguments(state, f, e));
                }
            }
            for (Attribute a : f.body().attributes()) {
                if (a.name().equals("generate")) {
                    state.error("tg-generate", "generate as an attribute (a map of files to write) is not read by "
                            + "lbguard; the files it writes may declare resources", state.ref(a.range()));
                } else if (!KNOWN_ATTRIBUTES.contains(a.name())) {
                    state.warning("tg-unknown", "Terragrunt attribute " + a.name() + " is not read by lbguard",
                            state.ref(a.nameRange()));
                }
            }
        }
    }

    private static void generate(EvalState state, TerragruntFile file, Block b) {
        String name = b.labels().isEmpty() ? "" : b.labels().get(0);
        String path = b.body().attribute("path").map(a -> TfValues.str(file.evaluate(a.expression())).orElse("?"))
                .orElse("?");
        Optional<Attribute> contents = b.body().attribute("contents");
        if (contents.isEmpty()) {
            return;
        }
        Optional<String> text = TfValues.str(file.evaluate(contents.get().expression()));
        String what = "generate \"" + name + "\" writes " + path;
        if (text.isEmpty()) {
            state.error("tg-generate", what + " with contents lbguard could not evaluate; the file may declare "
                    + "resources, and lbguard does not read it", state.ref(b.range()));
        } else if (LOAD_BALANCER_OR_MODULE.matcher(text.get()).find()) {
            state.error("tg-generate", what + ", which declares load-balancer resources or modules; lbguard does not "
                    + "read generated files, so their routing is not in this report", state.ref(b.range()));
        } else if (ANY_RESOURCE.matcher(text.get()).find()) {
            state.notRouting("tg-generate", what + ", which declares resources; lbguard does not read generated files",
                    state.ref(b.range()));
        }
    }

    private static void extraArguments(EvalState state, TerragruntFile file, Block b) {
        boolean varFiles = b.body().attribute("required_var_files").isPresent()
                || b.body().attribute("optional_var_files").isPresent();
        boolean envVars = b.body().attribute("env_vars").map(a -> file.evaluate(a.expression()))
                .filter(v -> !(v instanceof Value.Obj o) || o.fields().keySet().stream().anyMatch(k -> k.startsWith("TF_VAR_")))
                .isPresent();
        boolean varArgs = b.body().attribute("arguments").map(a -> file.evaluate(a.expression()))
                .filter(v -> !(v instanceof Value.Seq seq) || seq.items().stream()
                        .anyMatch(i -> TfValues.str(i).map(s -> s.startsWith("-var")).orElse(true)))
                .isPresent();
        if (varFiles || envVars || varArgs) {
            String name = b.labels().isEmpty() ? "" : b.labels().get(0);
            state.error("tg-extra-arguments", "extra_arguments \"" + name + "\" gives Terraform variables ("
                    + (varFiles ? "var files" : varArgs ? "-var arguments" : "TF_VAR_ environment variables")
                    + ") that lbguard does not read, so the module's values may differ from this report",
                    state.ref(b.range()));
        }
    }
}

package dev.lbguard.source.terraform.terragrunt;

import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.resources.TfValues;
import dev.lbguard.source.terraform.eval.ExprEvaluator;
import dev.lbguard.source.terraform.eval.FileFunctions;
import dev.lbguard.source.terraform.eval.ModuleCalls;
import dev.lbguard.source.terraform.eval.Scope;
import dev.lbguard.source.terraform.functions.Functions;
import dev.lbguard.source.terraform.functions.TfFunction;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Terragrunt's functions, bound to one call in one file. Paths are Terragrunt's: absolute, under
 * {@link TerragruntFile#REPO_ROOT}, which stands for wherever the repository is checked out. What only a run of
 * Terragrunt knows (the AWS account, a command's output, a decrypted file) is unknown, with an error that reaches
 * routing only where the value does.
 */
final class TerragruntFunctions {
    /** Functions whose value only a run of Terragrunt knows. */
    private static final Set<String> RUN_TIME = Set.of("get_aws_account_id", "get_aws_account_alias",
            "get_aws_caller_identity_arn", "get_aws_caller_identity_user_id", "get_platform", "get_working_dir",
            "run_cmd", "sops_decrypt_file", "get_terraform_cli_args");
    private static final List<String> NEED_VARS = List.of("apply", "console", "destroy", "import", "plan", "push",
            "refresh");

    private final TerragruntFile file;
    private final TerragruntConfig config;
    private final Expression.FunctionCall call;
    private final ExprEvaluator evaluator;
    private final Scope scope;

    TerragruntFunctions(TerragruntFile file, Expression.FunctionCall call, ExprEvaluator evaluator, Scope scope) {
        this.file = file;
        this.config = file.config();
        this.call = call;
        this.evaluator = evaluator;
        this.scope = scope;
    }

    Optional<TfFunction> function(String name) {
        if (FileFunctions.NAMES.contains(name)) {
            return Optional.of(fileFunction(name));
        }
        if (RUN_TIME.contains(name)) {
            return Optional.of(args -> file.state().fail("tg-run-time", name + "() is known only when Terragrunt runs; "
                    + "lbguard does not call it, so the value is unknown", call.range()));
        }
        if (name.equals("read_tfvars_file")) {
            return Optional.of(args -> file.state().fail("tg-unsupported", "read_tfvars_file() is not read by lbguard, "
                    + "so the value is unknown", call.range()));
        }
        Functions.Registry r = new Functions.Registry();
        switch (name) {
            case "get_terragrunt_source_cli_flag" -> r.strict(name, 0, 0, args -> new Value.Str(""));
            case "find_in_parent_folders" -> r.strict(name, 0, 2, this::findInParentFolders);
            case "path_relative_to_include" -> r.strict(name, 0, 1, args -> new Value.Str(
                    ModuleCalls.relative(includeDir(args), config.dir())));
            case "path_relative_from_include" -> r.strict(name, 0, 1, args -> new Value.Str(
                    ModuleCalls.relative(config.dir(), includeDir(args))));
            case "get_terragrunt_dir", "get_original_terragrunt_dir" -> r.strict(name, 0, 0,
                    args -> new Value.Str(TerragruntFile.absolute(config.dir())));
            case "get_parent_terragrunt_dir" -> r.strict(name, 0, 1,
                    args -> new Value.Str(TerragruntFile.absolute(includeDir(args))));
            case "get_repo_root" -> r.strict(name, 0, 0, args -> new Value.Str(TerragruntFile.REPO_ROOT));
            case "get_path_from_repo_root" -> r.strict(name, 0, 0,
                    args -> new Value.Str(config.dir().isEmpty() ? "." : config.dir()));
            case "get_path_to_repo_root" -> r.strict(name, 0, 0,
                    args -> new Value.Str(ModuleCalls.relative(config.dir(), "")));
            case "get_env" -> r.strict(name, 1, 2, this::getEnv);
            case "read_terragrunt_config" -> r.strict(name, 1, 2, this::readTerragruntConfig);
            case "mark_as_read" -> r.strict(name, 1, 1, args -> args.get(0));
            case "get_terraform_command" -> r.strict(name, 0, 0, args -> new Value.Str("plan"));
            case "get_terraform_commands_that_need_vars", "get_terraform_commands_that_need_input",
                    "get_terraform_commands_that_need_locking", "get_terraform_commands_that_need_parallelism" ->
                    r.strict(name, 0, 0, args -> Value.Values.list(NEED_VARS.stream()
                            .map(c -> (Value) new Value.Str(c)).toList()));
            default -> {
                return Optional.empty();
            }
        }
        return r.get(name);
    }

    /**
     * {@code find_in_parent_folders(name, fallback)}: the first of the parent directories of the unit (not its own
     * directory) that holds {@code name} ({@code terragrunt.hcl} when not given), searched up to the repository's
     * top: lbguard sees nothing above it.
     */
    private Value findInParentFolders(List<Value> args) throws EvalException {
        String name = args.isEmpty() ? "terragrunt.hcl" : str(args.get(0), "name");
        String dir = config.dir();
        while (!dir.isEmpty()) {
            int slash = dir.lastIndexOf('/');
            dir = slash < 0 ? "" : dir.substring(0, slash);
            Optional<String> candidate = ModuleCalls.join(dir, name);
            if (candidate.isPresent() && file.state().tree.isFile(candidate.get())) {
                return new Value.Str(TerragruntFile.absolute(candidate.get()));
            }
        }
        if (args.size() == 2) {
            return args.get(1);
        }
        throw new EvalException("find_in_parent_folders: no " + name + " in any parent directory of "
                + (config.dir().isEmpty() ? "." : config.dir()) + " within the repository");
    }

    /** The directory of the include {@code args} names; this file's own when it is the one included. */
    private String includeDir(List<Value> args) throws EvalException {
        Optional<TerragruntConfig.Include> include;
        if (!args.isEmpty()) {
            String name = str(args.get(0), "include name");
            include = config.include(name);
            if (include.isEmpty()) {
                throw new EvalException("no include named " + name);
            }
        } else if (file.asInclude().isPresent()) {
            include = file.asInclude();
        } else {
            include = config.includes().stream().findFirst();
        }
        return include.flatMap(TerragruntConfig.Include::file).map(TerragruntFile::dir).orElse(config.dir());
    }

    /**
     * {@code get_env(name, default)}: the value lbguard was given for {@code name}, else the default. Without
     * either, the value comes from an environment lbguard does not see: unknown, with an error.
     */
    private Value getEnv(List<Value> args) throws EvalException {
        String name = str(args.get(0), "name");
        String value = config.environment().get(name);
        if (value != null) {
            file.state().warning("tg-env", "get_env(\"" + name + "\") is \"" + value + "\", given to lbguard, not "
                    + "from the repository; this report holds for that value", file.state().ref(call.range()));
            return new Value.Str(value);
        }
        if (args.size() == 2) {
            return args.get(1);
        }
        return file.state().fail("tg-env", "get_env(\"" + name + "\") has no default, and lbguard reads no environment "
                + "variable, so the value is unknown", call.range());
    }

    private Value readTerragruntConfig(List<Value> args) throws EvalException {
        String given = str(args.get(0), "path");
        Optional<String> path = file.treePath(given, config.dir());
        if (path.isEmpty() || !file.state().tree.isFile(path.get())) {
            if (args.size() == 2) {
                return args.get(1);
            }
            throw new EvalException("read_terragrunt_config: " + given + " is not a file of the repository");
        }
        return config.readConfig(path.get(), call.range());
    }

    /** A file function of Terraform's, its path taken as Terragrunt takes it: from the unit's directory. */
    private TfFunction fileFunction(String name) {
        TfFunction terraform = new FileFunctions(evaluator, call.range(), scope).function(name);
        return args -> {
            if (args.isEmpty() || !(args.get(0) instanceof Value.Str s)) {
                return terraform.call(args);
            }
            List<Value> mapped = new ArrayList<>(args);
            Optional<String> path = file.treePath(s.value(), config.dir());
            if (path.isPresent()) {
                // FileFunctions resolves from the evaluation's root directory: the unit's module.
                mapped.set(0, new Value.Str(ModuleCalls.relative(file.state().rootDir, path.get())));
            }
            return terraform.call(mapped);
        };
    }

    private static String str(Value v, String what) throws EvalException {
        return TfValues.str(v).orElseThrow(() -> new EvalException("the " + what + " must be a string"));
    }
}

package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.Limits;
import dev.lbguard.source.terraform.modules.ModuleRepository;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Input variables given from outside the module, in Terraform's order of precedence (later wins):
 * {@code TF_VAR_*} environment variables, then {@code terraform.tfvars}, {@code *.auto.tfvars} (read from the
 * module itself), then {@code --var-file} and {@code --var} in command-line order.
 *
 * @param environment the {@code TF_VAR_name} values, keyed by {@code name}; only the CLI reads the environment
 * @param commandLine {@code --var-file} and {@code --var} in the order given
 * @param workspace   how each root module's {@code terraform.workspace} is chosen; its work tree and data directory
 *                    also say where {@code terraform init} installed each root module's modules
 * @param moduleDirs  {@code --module-dir}: copies of remote modules on disk, for jobs that do not run
 *                    {@code terraform init}
 * @param repository  the repository read, where a {@code git::} source that names it is read from its ref
 * @param processEnvironment the whole environment lbguard runs in, which Terragrunt's {@code get_env} reads
 * @param limits      {@code --limit}: how far an evaluation expands before it stops with an error
 */
public record TerraformInputs(Map<String, String> environment, List<CommandLineVar> commandLine,
                              TerraformWorkspace workspace, List<ModuleDir> moduleDirs,
                              java.util.Optional<ModuleRepository> repository, Map<String, String> processEnvironment,
                              Limits limits) {
    public TerraformInputs {
        java.util.Objects.requireNonNull(limits, "limits");
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        commandLine = List.copyOf(commandLine);
        moduleDirs = List.copyOf(moduleDirs);
        java.util.Objects.requireNonNull(repository, "repository");
        processEnvironment = java.util.Collections.unmodifiableMap(new TreeMap<>(processEnvironment));
    }

    public TerraformInputs(Map<String, String> environment, List<CommandLineVar> commandLine,
                           TerraformWorkspace workspace) {
        this(environment, commandLine, workspace, List.of(), java.util.Optional.empty(), Map.of(), Limits.DEFAULT);
    }

    /** Variables only; every root module is read in the {@code default} workspace. */
    public TerraformInputs(Map<String, String> environment, List<CommandLineVar> commandLine) {
        this(environment, commandLine, TerraformWorkspace.unselected());
    }

    public static TerraformInputs none() {
        return new TerraformInputs(Map.of(), List.of());
    }

    /** The same variables, with the workspace chosen by {@code workspace}. */
    public TerraformInputs withWorkspace(TerraformWorkspace workspace) {
        return new TerraformInputs(environment, commandLine, workspace, moduleDirs, repository, processEnvironment,
                limits);
    }

    /** The same inputs, with the limits of {@code --limit}. */
    public TerraformInputs withLimits(Limits given) {
        return new TerraformInputs(environment, commandLine, workspace, moduleDirs, repository, processEnvironment,
                given);
    }

    /** The same inputs, with remote modules read from these copies on disk. */
    public TerraformInputs withModuleDirs(List<ModuleDir> dirs) {
        return new TerraformInputs(environment, commandLine, workspace, dirs, repository, processEnvironment, limits);
    }

    /** The same inputs, reading {@code git::} modules that name {@code repo} from it. */
    public TerraformInputs withRepository(ModuleRepository repo) {
        return new TerraformInputs(environment, commandLine, workspace, moduleDirs, java.util.Optional.of(repo),
                processEnvironment, limits);
    }

    /** The same inputs, with the environment Terragrunt's {@code get_env} reads. */
    public TerraformInputs withProcessEnvironment(Map<String, String> env) {
        return new TerraformInputs(environment, commandLine, workspace, moduleDirs, repository, env, limits);
    }

    /**
     * {@code --module-dir KEY_OR_SOURCE=DIR}: the module a call names (by its module key, such as {@code alb} or
     * {@code alb.sub}, or by its source address, without version) is read from {@code dir}, the directory of the
     * module's own files.
     */
    public record ModuleDir(String keyOrSource, java.nio.file.Path dir) {
    }

    /** The repository paths of the committed {@code --var-file}s: the walk of a history watches them. */
    public List<String> trackedFiles() {
        return commandLine.stream().filter(v -> v instanceof CommandLineVar.TrackedVarFile)
                .map(v -> ((CommandLineVar.TrackedVarFile) v).repositoryPath()).toList();
    }

    /** One {@code --var-file} (its display path and content) or one {@code --var name=value}. */
    public sealed interface CommandLineVar {
        /** A {@code .tfvars} (HCL) or {@code .tfvars.json} file read by the caller. */
        record VarFile(String path, String content) implements CommandLineVar {
        }

        /**
         * A {@code --var-file} committed in the repository: each revision reads it as a checkout of that revision
         * would have it (a change to it is a change of routing); files on disk read {@code content}.
         *
         * @param repositoryPath the file's path from the repository root
         */
        record TrackedVarFile(String path, String content, String repositoryPath) implements CommandLineVar {
        }

        /**
         * {@code --var name=value}: value is HCL for complex types, a plain string otherwise, as Terraform reads it.
         *
         * @param everyRoot given to every root module read (no {@code --dir} named one), so that a root that does not
         *                  declare it is most likely not the one it was meant for
         */
        record Var(String name, String value, boolean everyRoot) implements CommandLineVar {
            /** A variable for the one root module read. */
            public Var(String name, String value) {
                this(name, value, false);
            }
        }
    }
}

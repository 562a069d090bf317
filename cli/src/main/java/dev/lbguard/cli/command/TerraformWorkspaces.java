package dev.lbguard.cli.command;

import dev.lbguard.source.DiskTree;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.git.GitRepository;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.eval.TerraformWorkspace;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the Terraform workspace from the command line and the environment, in terraform's order: {@code --workspace}
 * (lbguard's stand-in for {@code terraform workspace select}), {@code TF_WORKSPACE}, the selection in each root
 * module's {@code .terraform/environment} in the work tree, {@code default}.
 */
final class TerraformWorkspaces {
    private TerraformWorkspaces() {
    }

    static TerraformWorkspace choose(Map<String, String> environment, CommonOptions options) {
        String dataDir = nonEmpty(environment.get("TF_DATA_DIR")).orElse(".terraform");
        if (options.workspace != null) {
            return given(options.workspace, "--workspace", " ", dataDir);
        }
        // As terraform: an empty TF_WORKSPACE is no selection.
        Optional<String> fromEnvironment = nonEmpty(environment.get("TF_WORKSPACE"));
        if (fromEnvironment.isPresent()) {
            return given(fromEnvironment.get(), "TF_WORKSPACE", "=", dataDir);
        }
        return new TerraformWorkspace(Optional.empty(), workTree(options), dataDir);
    }

    /**
     * Inputs for reading {@code tree}: files on disk have their selections beside them, whatever directory the tree
     * starts at (the current directory, or {@code --dir} outside the repository).
     */
    static TerraformInputs forTree(TerraformInputs inputs, SourceTree tree) {
        return tree instanceof DiskTree disk ? inputs.withWorkspace(inputs.workspace().withWorkTree(disk.root()))
                : inputs;
    }

    /** A workspace named by {@code by} ({@code --workspace} or {@code TF_WORKSPACE}), written {@code by + sep + name}. */
    private static TerraformWorkspace given(String name, String by, String sep, String dataDir) {
        if (!TerraformWorkspace.isValidName(name)) {
            throw new UsageException(by + sep + name + ": not a valid workspace name (terraform allows letters, "
                    + "digits and -_.~$&+:=@)");
        }
        return new TerraformWorkspace(Optional.of(name), by, Optional.empty(), dataDir);
    }

    /** The work tree of the repository read: where {@code terraform init} and {@code workspace select} ran. */
    private static Optional<Path> workTree(CommonOptions options) {
        Path dir = options.repo == null ? Path.of("").toAbsolutePath() : options.repo.toAbsolutePath().normalize();
        try (GitRepository git = GitRepository.open(dir)) {
            return git.workTree();
        } catch (SourceException e) {
            // Not a repository: the files on disk are read from this directory.
            return Optional.of(dir);
        }
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}

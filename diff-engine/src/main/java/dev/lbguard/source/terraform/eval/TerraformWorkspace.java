package dev.lbguard.source.terraform.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which Terraform workspace ({@code terraform.workspace}) a root module is read in, chosen as terraform chooses it:
 * the workspace named on the command line or in {@code TF_WORKSPACE}, else the one {@code terraform workspace select}
 * wrote into the root module's {@code .terraform/environment} (a file on disk, never committed), else
 * {@code default}.
 *
 * @param given    the workspace named by {@code --workspace} or {@code TF_WORKSPACE}, when either names one
 * @param givenBy  which of them named it, for reports
 * @param workTree the directory on disk that the paths of the trees read are relative to (a repository's work
 *                 tree), where each root module's selection is looked up; empty when there is none
 * @param dataDir  terraform's data directory, {@code .terraform} unless {@code TF_DATA_DIR} says otherwise;
 *                 relative to the root module, as terraform runs there
 */
public record TerraformWorkspace(Optional<String> given, String givenBy, Optional<Path> workTree, String dataDir) {
    /** The workspace every configuration has, and the one terraform uses when nothing selects another. */
    public static final String DEFAULT = "default";

    public TerraformWorkspace {
        given.ifPresent(name -> {
            if (!isValidName(name)) {
                throw new IllegalArgumentException("not a workspace name: " + name);
            }
        });
    }

    /** A workspace given on the command line ({@code --workspace}), or none. */
    public TerraformWorkspace(Optional<String> given, Optional<Path> workTree, String dataDir) {
        this(given, "--workspace", workTree, dataDir);
    }

    /** Nothing selects a workspace: every root module is read in {@code default}. */
    public static TerraformWorkspace unselected() {
        return new TerraformWorkspace(Optional.empty(), Optional.empty(), ".terraform");
    }

    /** The same choice, looking up selections under another directory on disk. */
    public TerraformWorkspace withWorkTree(Path dir) {
        return new TerraformWorkspace(given, givenBy, Optional.of(dir), dataDir);
    }

    /**
     * Terraform's own test of a workspace name: it must be a valid URL path segment as it is (letters, digits and
     * {@code -_.~$&+:=@}), since backends store workspaces under paths named after them.
     */
    public static boolean isValidName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-_.~$&+:=@".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The workspace the root module in {@code moduleDir} (relative to the tree, {@code ""} for its root) is read in. */
    public String forRootModule(String moduleDir) {
        return given.or(() -> selected(moduleDir)).orElse(DEFAULT);
    }

    /**
     * Where the workspace of {@link #forRootModule} comes from, for reports: never the repository, so an answer that
     * depends on it holds for that workspace only.
     */
    public String origin(String moduleDir) {
        if (given.isPresent()) {
            return "given by " + givenBy;
        }
        return selected(moduleDir).isPresent() ? "selected in " + (moduleDir.isEmpty() ? "" : moduleDir + "/")
                + dataDir + "/environment" : "the default";
    }

    /**
     * What {@code terraform workspace select} left in the module's data directory. Terraform trims the file and reads
     * an empty one as {@code default}; it does not check the name it finds there, so neither does lbguard.
     */
    private Optional<String> selected(String moduleDir) {
        if (workTree.isEmpty()) {
            return Optional.empty();
        }
        Path module = moduleDir.isEmpty() ? workTree.get() : workTree.get().resolve(moduleDir);
        Path file = module.resolve(dataDir).resolve("environment");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String name = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            // Terraform logs an unreadable selection and uses default; so does lbguard.
            return Optional.empty();
        }
    }
}

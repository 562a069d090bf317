package dev.lbguard.cli.command;

import dev.lbguard.source.SourceException;
import dev.lbguard.source.git.GitRepository;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.eval.TerraformInputs.CommandLineVar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns {@code TF_VAR_*}, {@code --var-file}, {@code --var} and the workspace options into {@link TerraformInputs}, as
 * terraform reads them.
 */
final class TerraformInputsReader {
    private static final String ENV_PREFIX = "TF_VAR_";

    private TerraformInputsReader() {
    }

    /**
     * The inputs of a command: a {@code --var-file} inside the repository's work tree that git tracks (at HEAD) is
     * read from each revision the command reads, as a checkout of it would have the file; any other from disk.
     */
    static TerraformInputs read(Map<String, String> environment, CommonOptions options) {
        TerraformInputs inputs = variables(environment, options)
                .withWorkspace(TerraformWorkspaces.choose(environment, options))
                .withModuleDirs(moduleDirs(options.moduleDirs))
                .withProcessEnvironment(environment)
                .withLimits(options.limits());
        try {
            // A git:: module source that names this repository is read from its ref, not downloaded.
            return inputs.withRepository(dev.lbguard.source.git.GitModuleRepository.open(
                    options.repo == null ? Path.of("").toAbsolutePath() : options.repo));
        } catch (SourceException e) {
            return inputs;
        }
    }

    /** {@code --module-dir KEY_OR_SOURCE=DIR}: each DIR must be a directory, or the option is refused. */
    static List<TerraformInputs.ModuleDir> moduleDirs(List<String> options) {
        List<TerraformInputs.ModuleDir> out = new ArrayList<>();
        for (String o : options) {
            int eq = o.lastIndexOf('=');
            if (eq <= 0 || eq == o.length() - 1) {
                throw new UsageException("--module-dir '" + o + "' must have the form KEY_OR_SOURCE=DIR, e.g. "
                        + "--module-dir alb=vendor/alb");
            }
            Path dir = real(Path.of(o.substring(eq + 1)));
            if (!Files.isDirectory(dir)) {
                throw new UsageException("--module-dir " + o + ": " + o.substring(eq + 1)
                        + " is not a directory; give the directory that holds the module's .tf files");
            }
            out.add(new TerraformInputs.ModuleDir(o.substring(0, eq), dir));
        }
        return out;
    }

    private static TerraformInputs variables(Map<String, String> environment, CommonOptions options) {
        if (options.varArguments().stream().noneMatch(a -> a instanceof Path)) {
            return read(environment, options.varArguments(), options.dir == null, f -> java.util.Optional.empty());
        }
        Path cwd = Path.of("").toAbsolutePath();
        try (GitRepository git = GitRepository.open(options.repo == null ? cwd : options.repo)) {
            java.util.Optional<Path> root = git.workTree().map(TerraformInputsReader::real);
            dev.lbguard.source.SourceTree head;
            try {
                head = git.tree("HEAD");
            } catch (SourceException e) {
                return read(environment, options.varArguments(), options.dir == null, f -> java.util.Optional.empty());
            }
            return read(environment, options.varArguments(), options.dir == null, file -> {
                Path abs = real(cwd.resolve(file));
                if (root.isEmpty() || !abs.startsWith(root.get())) {
                    return java.util.Optional.empty();
                }
                String rel = root.get().relativize(abs).toString().replace('\\', '/');
                return head.isFile(rel) ? java.util.Optional.of(rel) : java.util.Optional.empty();
            });
        } catch (SourceException e) {
            return read(environment, options.varArguments(), options.dir == null, f -> java.util.Optional.empty());
        }
    }

    private static TerraformInputs read(Map<String, String> environment, List<Object> varArguments, boolean everyRoot,
                                        java.util.function.Function<Path, java.util.Optional<String>> tracked) {
        Map<String, String> env = new TreeMap<>();
        environment.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
                env.put(k.substring(ENV_PREFIX.length()), v);
            }
        });
        List<CommandLineVar> vars = new ArrayList<>();
        for (Object a : varArguments) {
            if (a instanceof Path file) {
                String content = readVarFile(file);
                java.util.Optional<String> inRepository = tracked.apply(file);
                vars.add(inRepository.isPresent()
                        ? new CommandLineVar.TrackedVarFile(file.toString(), content, inRepository.get())
                        : new CommandLineVar.VarFile(file.toString(), content));
            } else {
                String s = (String) a;
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--var '" + s + "' must have the form NAME=VALUE");
                }
                vars.add(new CommandLineVar.Var(s.substring(0, eq), s.substring(eq + 1), everyRoot));
            }
        }
        return new TerraformInputs(env, vars);
    }

    /** The path with symbolic links resolved (a repository reached through a link is the same repository). */
    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static String readVarFile(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf('\0') >= 0) {
                throw new UsageException("--var-file " + file + " is not a text file");
            }
            return text;
        } catch (IOException e) {
            throw new UsageException("cannot read --var-file " + file + ": " + e.getMessage()
                    + " (give the path of an existing .tfvars file)");
        }
    }
}

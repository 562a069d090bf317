package dev.lbguard.source.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real {@code terraform} binary offline against a fixture and returns {@code terraform show -json}
 * of its plan: the oracle that lbguard's evaluator is checked against. Results are cached under
 * {@code target/terraform-oracle} by a hash of the fixture's files, so reruns cost nothing.
 */
public final class TerraformCli {

    /** Added to each copied fixture: planning needs a provider, and fixtures stay provider-free plain data. */
    static final String PROVIDER_FILE_NAME = "zz_lbguard_oracle_provider.tf";
    static final String PROVIDER_FILE = """
            terraform {
              required_providers {
                aws = { source = "hashicorp/aws", version = "5.100.0" }
              }
            }

            provider "aws" {
              region                      = "eu-west-1"
              access_key                  = "test"
              secret_key                  = "test"
              skip_credentials_validation = true
              skip_requesting_account_id  = true
              skip_metadata_api_check     = true
            }
            """;

    private static final long TIMEOUT_MINUTES = 5;
    private static final java.util.regex.Pattern MODULE_BLOCK =
            java.util.regex.Pattern.compile("(?m)^\\s*module\\s+\"");

    private final Path binary;
    private final Path workRoot;
    private final Path cliConfig;
    private String lockFile;

    private TerraformCli(Path binary, Path workRoot, Path cliConfig) {
        this.binary = binary;
        this.workRoot = workRoot;
        this.cliConfig = cliConfig;
    }

    /**
     * Finds terraform ({@code -Dlbguard.terraform}, else {@code PATH}, else {@code /usr/local/bin}) and writes the
     * CLI config pointing at the provider mirror. Throws an AssertionError when terraform is missing: the oracle
     * must never be skipped silently.
     */
    public static TerraformCli locate(Path workRoot) {
        Path binary = findBinary();
        if (binary == null) {
            throw new AssertionError("terraform not found (looked at -Dlbguard.terraform, PATH and "
                    + "/usr/local/bin/terraform). The Terraform oracle tests need terraform 1.11 and the AWS provider "
                    + "5.100.0 in a filesystem mirror (-Dlbguard.terraformPluginMirror, default /opt/tf-plugins).");
        }
        String mirror = System.getProperty("lbguard.terraformPluginMirror", "/opt/tf-plugins");
        if (!Files.isDirectory(Path.of(mirror))) {
            throw new AssertionError("terraform provider mirror " + mirror + " does not exist; the oracle needs the "
                    + "AWS provider 5.100.0 there (no registry is reachable)");
        }
        try {
            Files.createDirectories(workRoot);
            Path cache = workRoot.resolve("plugin-cache").toAbsolutePath();
            Files.createDirectories(cache);
            Path config = workRoot.resolve("terraformrc").toAbsolutePath();
            Files.writeString(config, """
                    provider_installation {
                      filesystem_mirror {
                        path    = "%s"
                        include = ["registry.terraform.io/hashicorp/aws"]
                      }
                      direct {
                        exclude = ["registry.terraform.io/hashicorp/aws"]
                      }
                    }
                    plugin_cache_dir = "%s"
                    """.formatted(mirror, cache));
            return new TerraformCli(binary, workRoot.toAbsolutePath(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findBinary() {
        String explicit = System.getProperty("lbguard.terraform");
        if (explicit != null && !explicit.isBlank()) {
            return Files.isExecutable(Path.of(explicit)) ? Path.of(explicit) : null;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "terraform");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path fallback = Path.of("/usr/local/bin/terraform");
        return Files.isExecutable(fallback) ? fallback : null;
    }

    /**
     * The {@code terraform show -json} output for the plan of {@code fixture} with {@code args}
     * ({@code -var-file=...}, {@code -var=...}), from the cache when the fixture has not changed.
     */
    String planJson(String name, Path fixture, List<String> args, Map<String, String> environment) {
        try {
            Path cached = workRoot.resolve(name + "-" + hash(fixture, args) + ".json");
            if (Files.isRegularFile(cached)) {
                return Files.readString(cached);
            }
            String lockFile = warmPluginCache();
            Path dir = Files.createTempDirectory(Files.createDirectories(workRoot.resolve("work")), name + "-");
            try {
                copyTree(fixture, dir);
                Files.writeString(dir.resolve(PROVIDER_FILE_NAME), PROVIDER_FILE);
                Files.writeString(dir.resolve(".terraform.lock.hcl"), lockFile);
                if (Files.isRegularFile(dir.resolve(".terraform/modules/modules.json"))) {
                    // Modules installed by hand, as terraform init would (nothing may be downloaded): keep them.
                    run(dir, List.of("init", "-input=false", "-no-color", "-backend=false", "-get=false"));
                } else if (callsModules(dir)) {
                    run(dir, List.of("init", "-input=false", "-no-color", "-backend=false"));
                } else {
                    // Without module calls init only links the provider; linking it ourselves saves a fifth
                    // of the time per fixture (measured: init 1.2 s, plan 2.7 s, show 1.9 s).
                    Files.createDirectories(dir.resolve(".terraform"));
                    Files.createSymbolicLink(dir.resolve(".terraform/providers"),
                            workRoot.resolve("template/.terraform/providers"));
                }
                List<String> plan = new ArrayList<>(List.of("plan", "-refresh=false", "-input=false", "-no-color",
                        "-lock=false", "-out=oracle.tfplan"));
                plan.addAll(args);
                run(dir, plan, false, environment);
                String json = run(dir, List.of("show", "-json", "-no-color", "oracle.tfplan"));
                Path tmp = Files.createTempFile(workRoot, name, ".partial");
                Files.writeString(tmp, json);
                Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return json;
            } finally {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean callsModules(Path dir) throws IOException {
        for (Path file : regularFiles(dir)) {
            if (file.toString().endsWith(".tf") && MODULE_BLOCK.matcher(Files.readString(file)).find()) {
                return true;
            }
            if (file.toString().endsWith(".tf.json") && Files.readString(file).contains("\"module\"")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code terraform fmt -check -recursive}; returns the files that are not formatted (empty when all are).
     */
    String unformattedFiles(Path dir) {
        try {
            return run(dir, List.of("fmt", "-check", "-recursive", "-list=true", "-no-color"), true).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Terraform's plugin cache is not safe for concurrent writes: without a lock file every init reinstalls the
     * provider into it, and two parallel inits race ("mkdir ...: file exists"). One init in a template dir fills
     * the cache and yields a lock file; with that lock file copied in, later inits only link from the cache.
     */
    private synchronized String warmPluginCache() throws IOException {
        if (lockFile == null) {
            Path template = Files.createDirectories(workRoot.resolve("template"));
            Files.writeString(template.resolve(PROVIDER_FILE_NAME), PROVIDER_FILE);
            run(template, List.of("init", "-input=false", "-no-color", "-backend=false"));
            lockFile = Files.readString(template.resolve(".terraform.lock.hcl"));
        }
        return lockFile;
    }

    /** What {@code terraform console} printed for one input: the last result on stdout, or its error. */
    record ConsoleOutput(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs {@code terraform console} in {@code dir} (no configuration needed) with {@code input} on standard input.
     * Terraform prints only the value of the last line, and stops at the first error.
     */
    ConsoleOutput console(Path dir, String input) throws IOException {
        List<String> command = List.of(binary.toString(), "console", "-no-color");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().keySet().removeIf(k -> k.startsWith("TF_VAR_") || k.startsWith("TF_CLI_ARGS"));
        Path in = Files.createTempFile(workRoot, "tf", ".in");
        Path out = Files.createTempFile(workRoot, "tf", ".out");
        Path err = Files.createTempFile(workRoot, "tf", ".err");
        Files.writeString(in, input + "\n");
        pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("terraform console timed out in " + dir);
            }
            return new ConsoleOutput(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running terraform console", e);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private String run(Path dir, List<String> args) throws IOException {
        return run(dir, args, false);
    }

    /**
     * Runs {@code terraform ARGS} in {@code dir} with the provider mirror's CLI config and returns its standard
     * output; a failure is an AssertionError with terraform's own output. For tests that drive terraform
     * themselves, such as applying a fixture to moto.
     */
    public String terraform(Path dir, String... args) throws IOException {
        return run(dir, List.of(args), false);
    }

    private String run(Path dir, List<String> args, boolean allowFailure) throws IOException {
        return run(dir, args, allowFailure, Map.of());
    }

    /** Runs terraform in {@code dir} with the fixture's {@code environment}, never the caller's TF_VAR_*. */
    private String run(Path dir, List<String> args, boolean allowFailure, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        env.keySet().removeIf(k -> k.startsWith("TF_VAR_") || k.equals("TF_CLI_ARGS") || k.startsWith("TF_CLI_ARGS_"));
        env.putAll(environment);
        Path out = Files.createTempFile(workRoot, "tf", ".out");
        Path err = Files.createTempFile(workRoot, "tf", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("terraform " + String.join(" ", args) + " timed out in " + dir);
            }
            String stdout = Files.readString(out);
            if (p.exitValue() != 0 && !allowFailure) {
                throw new AssertionError("terraform " + String.join(" ", args) + " failed (exit " + p.exitValue()
                        + ") in " + dir + ":\n" + Files.readString(err) + "\n" + stdout);
            }
            return stdout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running terraform", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A hash of every file of the fixture, the extra arguments and the provider block we add. */
    static String hash(Path fixture, List<String> args) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path file : regularFiles(fixture)) {
                md.update(fixture.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(file));
                md.update((byte) 0);
            }
            md.update(String.join("\0", args).getBytes(StandardCharsets.UTF_8));
            md.update(PROVIDER_FILE.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (Path file : regularFiles(from)) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

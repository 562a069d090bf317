package dev.lbguard.source.terraform.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.MountedTree;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.terraform.modules.ModuleRepository;
import dev.lbguard.source.terraform.modules.VersionConstraint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The remote modules (registry and git) of one root module that can be read without downloading anything: those
 * {@code terraform init} installed in the work tree ({@code .terraform/modules/modules.json} beside the root module
 * maps each module key to its directory) and those given with {@code --module-dir}. A call is read from such a copy
 * only when it is the module the call asks for: same source address, and an installed version its {@code version}
 * constraint admits; otherwise it is unavailable, and says what would make it available.
 */
final class InstalledModules {
    /** One installed module, as {@code modules.json} lists it. */
    private record Entry(String key, String source, Optional<String> version, String dir) {
    }

    /** How a call resolves: a directory of the (mounted) tree, or why it cannot be read. */
    sealed interface Resolution {
        /**
         * Read the module from {@code dir}; {@code origin} says where that copy comes from, for reports, and
         * {@code outsideRepository} whether it lies outside git (installed, or given on the command line).
         */
        record Found(String dir, String origin, boolean outsideRepository) implements Resolution {
        }

        record Unavailable(String message) implements Resolution {
        }
    }

    private final String rootDir;
    private final String manifest;
    private final Map<String, Entry> entries;
    private final Optional<String> manifestProblem;
    // Each --module-dir copy and where it is mounted, in command-line order.
    private final Map<TerraformInputs.ModuleDir, String> vendored;
    private final Map<String, SourceTree> mounts;
    private final Optional<ModuleRepository> repository;
    // The tree being read, once mounted: a ref of this repository is mounted there when a call first names it.
    private MountedTree mounted;

    private InstalledModules(String rootDir, String manifest, Map<String, Entry> entries,
                             Optional<String> manifestProblem, Map<TerraformInputs.ModuleDir, String> vendored,
                             Map<String, SourceTree> mounts, Optional<ModuleRepository> repository) {
        this.rootDir = rootDir;
        this.manifest = manifest;
        this.entries = entries;
        this.manifestProblem = manifestProblem;
        this.vendored = vendored;
        this.mounts = mounts;
        this.repository = repository;
    }

    /** No installed modules: every remote module is unavailable. */
    static InstalledModules none() {
        return new InstalledModules("", ".terraform/modules/modules.json", Map.of(), Optional.empty(), Map.of(),
                Map.of(), Optional.empty());
    }

    /** What is installed for the root module in {@code rootDir} (a tree path) of the work tree in {@code inputs}. */
    static InstalledModules of(TerraformInputs inputs, String rootDir) {
        String dataDir = inputs.workspace().dataDir();
        String modulesDir = ModuleCalls.join(rootDir, dataDir + "/modules").orElse(dataDir + "/modules");
        String manifest = modulesDir + "/modules.json";
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, SourceTree> mounts = new LinkedHashMap<>();
        Optional<String> problem = Optional.empty();
        Optional<Path> workTree = inputs.workspace().workTree();
        // An absolute TF_DATA_DIR lies outside every tree: its modules are not read.
        if (workTree.isPresent() && !Path.of(dataDir).isAbsolute()) {
            Path disk = workTree.get().resolve(modulesDir);
            Path file = disk.resolve("modules.json");
            if (Files.isRegularFile(file)) {
                try {
                    read(new ObjectMapper().readTree(Files.readAllBytes(file)), rootDir, entries);
                    mounts.put(modulesDir, new DiskTree(disk));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    problem = Optional.of("cannot read " + manifest + ": not valid JSON at line "
                            + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "; run terraform init again");
                } catch (IOException | RuntimeException e) {
                    problem = Optional.of("cannot read " + manifest + ": " + e.getMessage().lines().findFirst()
                            .orElse("") + "; run terraform init again");
                }
            }
        }
        Map<TerraformInputs.ModuleDir, String> vendored = new LinkedHashMap<>();
        for (TerraformInputs.ModuleDir v : inputs.moduleDirs()) {
            String point = vendoredPoint(v, workTree.orElse(null));
            vendored.put(v, point);
            mounts.put(point, new DiskTree(v.dir()));
        }
        return new InstalledModules(rootDir, manifest, entries, problem, vendored, mounts, inputs.repository());
    }

    private static void read(JsonNode json, String rootDir, Map<String, Entry> into) {
        JsonNode modules = json.get("Modules");
        if (modules == null || !modules.isArray()) {
            throw new IllegalArgumentException("no Modules list");
        }
        for (JsonNode m : modules) {
            String key = m.path("Key").asText("");
            String source = m.path("Source").asText("");
            String dir = m.path("Dir").asText("");
            if (key.isEmpty() || dir.isEmpty()) {
                continue;
            }
            Optional<String> version = m.hasNonNull("Version") && !m.get("Version").asText().isEmpty()
                    ? Optional.of(m.get("Version").asText()) : Optional.empty();
            ModuleCalls.join(rootDir, dir).ifPresent(d -> into.put(key, new Entry(key, source, version, d)));
        }
    }

    /**
     * Where a {@code --module-dir} copy appears in the tree: at its own path when it lies in the work tree (its files
     * are named as the user knows them), else under {@code .module-dir/}.
     */
    private static String vendoredPoint(TerraformInputs.ModuleDir v, Path workTree) {
        Path dir = v.dir().toAbsolutePath().normalize();
        if (workTree != null && dir.startsWith(workTree.toAbsolutePath().normalize())
                && !dir.equals(workTree.toAbsolutePath().normalize())) {
            return workTree.toAbsolutePath().normalize().relativize(dir).toString().replace('\\', '/');
        }
        return ".module-dir/" + v.keyOrSource().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Where the {@code --module-dir} copy named exactly {@code source} is mounted, ref or version included: a
     * Terragrunt unit's source pins its revision there, and a copy of one revision must not answer for another.
     */
    Optional<Map.Entry<TerraformInputs.ModuleDir, String>> vendoredExactly(String source) {
        String wanted = ModuleSources.canonical(source);
        return vendored.entrySet().stream()
                .filter(v -> ModuleSources.canonical(v.getKey().keyOrSource()).equals(wanted)).findFirst();
    }

    /** {@code tree} with the installed and vendored modules in it. */
    SourceTree mount(SourceTree tree) {
        if (mounts.isEmpty() && repository.isEmpty()) {
            return tree;
        }
        mounted = new MountedTree(tree, mounts);
        return mounted;
    }

    /**
     * The module that the call with module key {@code key} (call names joined with dots, as terraform keys them)
     * reads from {@code source}, with {@code version} as its constraint.
     */
    Resolution resolve(String key, String source, Optional<String> version) {
        String wanted = ModuleSources.normalize(source);
        for (Map.Entry<TerraformInputs.ModuleDir, String> v : vendored.entrySet()) {
            String named = v.getKey().keyOrSource();
            String spelled = ModuleSources.normalize(named);
            if (named.equals(key) || spelled.equals(ModuleSources.withoutRef(wanted)) || spelled.equals(wanted)) {
                return new Resolution.Found(v.getValue(), "given by --module-dir " + named + "=" + v.getKey().dir()
                        + version.map(c -> "; lbguard does not check it against version \"" + c + "\"").orElse(""),
                        true);
            }
        }
        Optional<Resolution> own = fromThisRepository(key, source, wanted);
        if (own.isPresent()) {
            return own.get();
        }
        String fix = "run terraform init in " + (rootDir.isEmpty() ? "the root module" : rootDir)
                + ", or give --module-dir " + key + "=DIR with a copy of its files";
        if (manifestProblem.isPresent()) {
            return new Resolution.Unavailable("module " + key + " (" + source + ") is not read: "
                    + manifestProblem.get());
        }
        Entry e = entries.get(key);
        if (e == null) {
            return new Resolution.Unavailable("remote module " + key + " (" + source + ") is not installed in "
                    + manifest + ", and lbguard never downloads modules: " + fix);
        }
        if (!ModuleSources.normalize(e.source()).equals(wanted)) {
            return new Resolution.Unavailable("module " + key + " asks for " + source + ", but the copy installed in "
                    + e.dir() + " is of " + e.source() + ": " + fix);
        }
        if (version.isPresent()) {
            VersionConstraint constraint;
            try {
                constraint = VersionConstraint.parse(version.get());
            } catch (IllegalArgumentException ex) {
                return new Resolution.Unavailable("module " + key + ": " + ex.getMessage());
            }
            Optional<VersionConstraint.Version> installed = e.version().flatMap(InstalledModules::release);
            // Terraform selects a pre-release only where a constraint names it exactly.
            boolean unnamedPrerelease = e.version().filter(v -> v.contains("-"))
                    .filter(v -> !version.get().contains(v.replaceFirst("^v", ""))).isPresent();
            if (installed.isEmpty() || !constraint.admits(installed.get()) || unnamedPrerelease) {
                return new Resolution.Unavailable("module " + key + " (" + source + ") asks for version \""
                        + version.get() + "\", but the copy installed in " + e.dir() + " is version "
                        + e.version().orElse("(unknown)") + ": " + fix);
            }
        }
        return new Resolution.Found(e.dir(), "installed by terraform init in " + e.dir()
                + e.version().map(v -> " (version " + v + ")").orElse(""), true);
    }

    /**
     * A {@code git::} source naming this repository (one of its remotes) at a {@code ?ref=}: read from that ref
     * through git, mounted at {@code @REF}, whatever is installed, since git holds exactly what terraform would
     * download. Empty when the source names another repository, or no ref.
     */
    private Optional<Resolution> fromThisRepository(String key, String source, String normalized) {
        if (repository.isEmpty() || mounted == null || !normalized.startsWith("git::")) {
            return Optional.empty();
        }
        String url = normalized.substring("git::".length());
        String ref = "";
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String param : url.substring(query + 1).split("&")) {
                if (param.startsWith("ref=")) {
                    ref = param.substring(4);
                }
            }
            url = url.substring(0, query);
        }
        int scheme = url.indexOf("://");
        int sub = url.indexOf("//", scheme < 0 ? 0 : scheme + 3);
        String subdir = sub < 0 ? "" : url.substring(sub + 2).replaceAll("^/+|/+$", "");
        String repo = ModuleSources.canonicalUrl(sub < 0 ? url : url.substring(0, sub));
        if (ref.isEmpty() || repository.get().remoteUrls().stream().map(ModuleSources::canonicalUrl)
                .noneMatch(repo::equals)) {
            return Optional.empty();
        }
        String point = "@" + ref.replace('/', '~');
        if (!mounted.isMounted(point)) {
            try {
                mounted.mount(point, repository.get().tree(ref));
            } catch (dev.lbguard.source.SourceException e) {
                return Optional.of(new Resolution.Unavailable("module " + key + " (" + source + ") names this "
                        + "repository at ref " + ref + ", which cannot be read here (" + e.getMessage()
                        + "); fetch it (git fetch --tags) or give --module-dir " + key + "=DIR"));
            }
        }
        return Optional.of(new Resolution.Found(subdir.isEmpty() ? point : point + "/" + subdir,
                "of this repository at " + ref, false));
    }

    private static Optional<VersionConstraint.Version> release(String text) {
        Matcher m = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+).*").matcher(text);
        return m.matches() ? Optional.of(VersionConstraint.Version.of(Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)), Long.parseLong(m.group(3)))) : Optional.empty();
    }
}

package dev.lbguard.source.terraform;

import dev.lbguard.source.SourceTree;
import dev.lbguard.source.terraform.terragrunt.TerragruntUnits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the Terraform root modules of a tree that define load balancers: directories of {@code .tf} or
 * {@code .tf.json} files that hold a load-balancer resource themselves or through local modules they call, and
 * that no other module calls.
 * A cheap textual scan: the evaluator reads each root module properly afterwards. What the scan cannot see into
 * counts as possibly defining load balancers, so that the evaluator reads it and says what it could not read:
 * a call of a remote module. Files of Terraform's JSON syntax ({@code .tf.json}) are parsed, not scanned.
 * A Terragrunt unit is a root module too, reading the module its source names (see {@link TerragruntUnits}).
 */
public final class RootModuleFinder {
    /** Facts remembered per file content; bounded so that a walk over a long history stays small. */
    private static final int MEMO_LIMIT = 20_000;

    /**
     * The root modules of a tree and, for each, the directories it reads: itself and every local module it calls,
     * directly or not, sorted. {@code files} are the {@code .tf} files scanned, each with its content id
     * ({@code ""} where the tree has none), from which the layout of a changed tree is derived; {@code links} are
     * those reached through symbolic links, each with the links and the target it leads through (a change to any of
     * them changes the file, though not its own path).
     */
    public record Layout(List<String> roots, Map<String, List<String>> moduleDirs, Map<String, String> files,
                         Map<String, List<String>> links) {
        public static final Layout EMPTY = new Layout(List.of(), Map.of(), Map.of(), Map.of());

        public Layout {
            roots = List.copyOf(roots);
            Map<String, List<String>> copy = new TreeMap<>();
            moduleDirs.forEach((k, v) -> copy.put(k, List.copyOf(new TreeSet<>(v))));
            moduleDirs = java.util.Collections.unmodifiableMap(copy);
            files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
            Map<String, List<String>> linksCopy = new TreeMap<>();
            links.forEach((k, v) -> linksCopy.put(k, List.copyOf(v)));
            links = java.util.Collections.unmodifiableMap(linksCopy);
        }

        /** Every directory any root module reads, sorted. */
        public List<String> allDirs() {
            TreeSet<String> all = new TreeSet<>();
            moduleDirs.values().forEach(all::addAll);
            return List.copyOf(all);
        }
    }

    // Keyed by content id, so that scanning revision after revision reads only the files that changed; shared by
    // every finder of the process (a review's base and head, the timeline's walk), since a file's facts are a
    // function of its content. Reading them lexes the file, which for a big root costs a parse's half.
    private static final Map<String, ConfigurationFacts> memo = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ConfigurationFacts> eldest) {
                    return size() > MEMO_LIMIT;
                }
            });

    /** A finder that remembers what it learnt of each file content (for scanning many revisions). */
    public RootModuleFinder() {
    }

    public static List<String> find(SourceTree tree) {
        return new RootModuleFinder().layout(tree).roots();
    }

    /** The root modules of {@code tree} and the directories each reads. */
    public Layout layout(SourceTree tree) {
        Map<String, String> files = new TreeMap<>();
        Map<String, List<String>> links = new TreeMap<>();
        collect(tree, "", files, links);
        return build(tree, files, links);
    }

    /**
     * The layout of {@code tree}, given the layout of a tree that differs from it only in {@code changedPaths}
     * (a commit and its parent): only the changed files are looked at, not the whole tree.
     */
    public Layout layout(SourceTree tree, Layout before, java.util.Collection<String> changedPaths) {
        Map<String, String> files = new TreeMap<>(before.files());
        Map<String, List<String>> links = new TreeMap<>(before.links());
        Set<String> changed = new HashSet<>(changedPaths);
        Set<String> rescan = new TreeSet<>();
        changed.stream().filter(RootModuleFinder::isConfiguration).forEach(rescan::add);
        before.links().forEach((path, through) -> {
            if (through.stream().anyMatch(changed::contains)) {
                rescan.add(path);
            }
        });
        for (String path : rescan) {
            files.remove(path);
            links.remove(path);
            // A link is listed whatever it leads to, so that its read reports a broken one.
            if (tree.isFile(path) || tree.follow(path).links().contains(path)) {
                scan(tree, path, files, links);
            }
        }
        return build(tree, files, links);
    }

    private static void scan(SourceTree tree, String path, Map<String, String> files, Map<String, List<String>> links) {
        files.put(path, tree.contentId(path).orElse(""));
        SourceTree.Followed followed = tree.follow(path);
        if (!followed.links().isEmpty()) {
            List<String> through = new ArrayList<>(followed.links());
            followed.reached().ifPresent(through::add);
            links.put(path, through);
        }
    }

    private Layout build(SourceTree tree, Map<String, String> files, Map<String, List<String>> links) {
        Map<String, Set<String>> calls = new HashMap<>();
        Set<String> withLb = new HashSet<>();
        Set<String> backends = new HashSet<>();
        Set<String> modules = new TreeSet<>();
        List<String> terragrunt = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            int slash = path.lastIndexOf('/');
            String dir = slash < 0 ? "" : path.substring(0, slash);
            if (path.endsWith(".hcl")) {
                if (path.substring(slash + 1).equals(TerragruntUnits.CONFIG)) {
                    terragrunt.add(dir);
                }
                continue;
            }
            modules.add(dir);
            ConfigurationFacts facts = facts(tree, path, file.getValue());
            if (facts.loadBalancer()) {
                withLb.add(dir);
            }
            if (facts.backend()) {
                backends.add(dir);
            }
            for (String source : facts.localSources()) {
                calls.computeIfAbsent(dir, d -> new TreeSet<>()).add(resolve(dir, source));
            }
        }
        Set<String> called = new HashSet<>();
        calls.values().forEach(called::addAll);
        List<TerragruntUnits.Unit> units = TerragruntUnits.units(tree, terragrunt);
        // A module that units apply has its values from them: it is not a root module of its own, even with the
        // empty backend block that Terragrunt fills in.
        Set<String> applied = new HashSet<>();
        units.forEach(u -> u.moduleDir().filter(m -> !m.equals(u.dir())).ifPresent(applied::add));
        called.addAll(applied);
        Map<String, List<String>> dirs = new TreeMap<>();
        for (String dir : modules) {
            Set<String> reached = new TreeSet<>();
            // Terraform's convention: a directory another one calls as a local module is a module, read through its
            // caller (under the caller's module address), not a root of its own. A backend (or cloud) block says
            // otherwise: Terraform ignores it in a called module, so it is written only where `terraform apply`
            // runs, and that directory's own state holds load balancers that reading it through its caller would
            // leave out. A provider block says nothing: older modules configure their own providers.
            boolean root = !called.contains(dir) || backends.contains(dir) && !applied.contains(dir);
            if (root && reachesLoadBalancer(dir, calls, withLb, modules, reached)) {
                dirs.put(dir, List.copyOf(reached));
            }
        }
        for (TerragruntUnits.Unit unit : units) {
            Set<String> reached = new TreeSet<>();
            Optional<String> module = unit.moduleDir();
            // A module that lbguard cannot read (remote, missing, not evaluated) may define load balancers.
            boolean routes = module.isEmpty() || !modules.contains(module.get())
                    || reachesLoadBalancer(module.get(), calls, withLb, modules, reached);
            dirs.remove(unit.dir());
            if (routes) {
                reached.add(unit.dir());
                dirs.put(unit.dir(), List.copyOf(reached));
            }
        }
        readUnreached(modules, calls, withLb, called, dirs);
        return new Layout(List.copyOf(dirs.keySet()), dirs, files, links);
    }

    /**
     * Whether a path names a file the scan reads: a {@code .tf} or {@code .tf.json} file outside hidden
     * directories, which hold tool state ({@code .git}, {@code .terraform}), never configuration of the repository.
     */
    public static boolean isConfiguration(String path) {
        // Terragrunt's files: a unit's terragrunt.hcl and what it includes or reads (root.hcl, env.hcl).
        boolean terragrunt = path.endsWith(".hcl") && !path.endsWith(".terraform.lock.hcl");
        if (!path.endsWith(".tf") && !path.endsWith(".tf.json") && !terragrunt) {
            return false;
        }
        int from = 0;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', from)) {
            if (path.charAt(from) == '.') {
                return false;
            }
            from = slash + 1;
        }
        return true;
    }

    /**
     * Makes a root of each directory with load-balancer resources that no root reads, so that skipping called
     * modules never hides one: modules that call each other in a loop have no caller that is not called itself.
     */
    private static void readUnreached(Set<String> modules, Map<String, Set<String>> calls, Set<String> withLb,
                                      Set<String> called, Map<String, List<String>> dirs) {
        Set<String> read = new HashSet<>();
        dirs.values().forEach(read::addAll);
        for (String dir : modules) {
            if (withLb.contains(dir) && called.contains(dir) && !read.contains(dir)) {
                Set<String> reached = new TreeSet<>();
                reachesLoadBalancer(dir, calls, withLb, modules, reached);
                dirs.put(dir, List.copyOf(reached));
                read.addAll(reached);
            }
        }
    }

    /**
     * Whether {@code dir} reaches a load balancer; {@code seen} ends up holding every module dir it reads. A called
     * directory the scan did not read ({@code scanned} lacks it: missing, hidden, outside the repository, behind a
     * link) may define load balancers, as a remote module may: its caller is read, and the evaluator says what it
     * could not read, rather than the caller being left out in silence.
     */
    private static boolean reachesLoadBalancer(String dir, Map<String, Set<String>> calls, Set<String> withLb,
                                               Set<String> scanned, Set<String> seen) {
        if (!seen.add(dir)) {
            return false;
        }
        boolean found = withLb.contains(dir) || !scanned.contains(dir);
        for (String child : calls.getOrDefault(dir, Set.of())) {
            // No short cut: every called module is read by the evaluator, so every one belongs to the root.
            found |= reachesLoadBalancer(child, calls, withLb, scanned, seen);
        }
        return found;
    }

    private void collect(SourceTree tree, String dir, Map<String, String> files, Map<String, List<String>> links) {
        for (String name : tree.files(dir)) {
            String path = SourceTree.join(dir, name);
            if (isConfiguration(path)) {
                scan(tree, path, files, links);
            }
        }
        for (String sub : tree.directories(dir)) {
            if (!sub.startsWith(".")) {
                collect(tree, SourceTree.join(dir, sub), files, links);
            }
        }
    }

    private ConfigurationFacts facts(SourceTree tree, String path, String id) {
        boolean json = path.endsWith(".json");
        // One content may sit in a .tf and a .tf.json file, and the two are read differently.
        String key = id.isEmpty() ? "" : json ? id + ".json" : id;
        if (!key.isEmpty()) {
            ConfigurationFacts known = memo.get(key);
            if (known != null) {
                return known;
            }
        }
        String text;
        try {
            text = new String(tree.read(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // What cannot be read may define a load balancer: its module is read, and the evaluator says why not.
            return new ConfigurationFacts(true, List.of(), false);
        }
        ConfigurationFacts facts = json ? ConfigurationFacts.ofJson(path, text) : ConfigurationFacts.ofHcl(text);
        if (!key.isEmpty()) {
            memo.put(key, facts);
        }
        return facts;
    }

    private static String resolve(String dir, String relative) {
        String joined = Path.of(dir.isEmpty() ? "." : dir).resolve(relative).normalize().toString().replace('\\', '/');
        return joined.equals(".") || joined.isEmpty() ? "" : joined;
    }
}

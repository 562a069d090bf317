package dev.lbguard.analysis;

import dev.lbguard.model.Commit;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.dispatch.Configurations;
import dev.lbguard.source.RecordingTree;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.git.GitHistory;
import dev.lbguard.source.git.GitRepository;
import dev.lbguard.source.terraform.RootModuleFinder;
import dev.lbguard.source.terraform.eval.Reuse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Routing snapshots of commit after commit, built only where load-balancer definitions changed: a cheap
 * tree diff on paths first, then one snapshot per root whose directories changed (a Terraform root module and
 * the local modules it calls; an Ansible tree or an HAProxy dir as a whole), reused by those directories' tree ids.
 */
public final class HistorySnapshots {
    /**
     * Enough for reverts and flip-flops; a long walk must not keep every snapshot it ever built. Counted in
     * elements: 256 snapshots of a root module of 40 rules, or a few of one of 2,000.
     */
    private static final int CACHE_LIMIT = 12_000;

    /**
     * The roots at one commit: the directories each reads, their tree ids, and its snapshot; and the Terraform
     * layout and the other roots (Ansible trees, HAProxy dirs) of the whole tree, from which the next commit's
     * are derived.
     */
    public record State(String commit, RootModuleFinder.Layout layout, List<String> others,
                        Map<String, List<String>> dirs, Map<String, String> keys,
                        Map<String, RoutingSnapshot> snapshots, Map<String, RootReads> reads) {
        static final State EMPTY = new State("", RootModuleFinder.Layout.EMPTY, List.of(), Map.of(), Map.of(),
                Map.of(), Map.of());

        /** Every directory a root module reads. */
        TreeSet<String> allDirs() {
            TreeSet<String> all = new TreeSet<>();
            dirs.values().forEach(all::addAll);
            return all;
        }
    }

    /** A snapshot and what reading it asked for outside its root. */
    private record Built(RoutingSnapshot snapshot, RootReads reads) {
    }

    /** What a commit did: nothing to load-balancer definitions, or changed these root modules. */
    public record Step(State state, List<String> changedRoots) {
        public boolean touchedLoadBalancers() {
            return !changedRoots.isEmpty();
        }
    }

    private final GitRepository git;
    private final GitHistory history;
    private final Optional<String> dir;
    private final Configurations.Inputs inputs;
    private final List<String> inputFiles;
    private final RootModuleFinder finder = new RootModuleFinder();
    // The last evaluation of the eight most recently read root modules of 64 K characters or more, whose unchanged
    // values the next evaluation takes over; smaller roots are evaluated again (measured: bench/run timeline).
    private final Reuse.Roots reuse = new Reuse.Roots(8, 64_000);
    private final Map<String, Built> cache = new LinkedHashMap<>(64, 0.75f, true);
    private int cached;
    private int built;

    /** @param dir the one root to read (relative to the repository root, normalised), or every root */
    public HistorySnapshots(GitRepository git, Optional<String> dir, Configurations.Inputs inputs) {
        this.git = git;
        this.history = new GitHistory(git);
        this.dir = dir;
        this.inputs = inputs;
        this.inputFiles = inputs.terraform().trackedFiles();
    }

    /** How many module snapshots were evaluated (the rest came from the cache or were never needed). */
    public int built() {
        return built;
    }

    /** Every root module at {@code commit}, read in full. */
    public State at(Commit commit) throws SourceException {
        return at(commit.id());
    }

    /** Every root module at the commit with this id, read in full. */
    public State at(String commit) throws SourceException {
        SourceTree tree = git.tree(commit);
        RootModuleFinder.Layout layout = finder.layout(tree);
        List<String> others = Configurations.others(tree);
        Map<String, List<String>> dirs = restrict(layout, others, tree);
        Map<String, String> keys = new TreeMap<>();
        Map<String, RoutingSnapshot> snapshots = new TreeMap<>();
        Map<String, RootReads> reads = new TreeMap<>();
        for (String root : dirs.keySet()) {
            String key = build(tree, commit, root, dirs.get(root), RootReads.NONE, snapshots, reads);
            keys.put(root, key);
        }
        return new State(commit, layout, others, dirs, keys, snapshots, reads);
    }

    /** The roots of a tree that this history reads ({@code --dir}'s, or all), each with the directories it reads. */
    public Map<String, List<String>> roots(SourceTree tree) {
        return restrict(finder.layout(tree), Configurations.others(tree), tree);
    }

    /** The state after {@code commit}, given the state of its first parent. */
    public Step advance(State parent, Commit commit) throws SourceException {
        List<String> changed = history.changedPaths(commit.parents().isEmpty() ? Optional.empty()
                : Optional.of(commit.parents().get(0)), commit.id());
        TreeSet<String> known = parent.allDirs();
        boolean terraformFile = changed.stream().anyMatch(HistorySnapshots::isTerraformFile);
        boolean kindFile = changed.stream().anyMatch(Configurations::mayChangeKind);
        // A committed --var-file is read by every root module: a change to it may change any of them.
        boolean inputFile = changed.stream().anyMatch(inputFiles::contains);
        boolean readElsewhere = changed.stream().anyMatch(p -> parent.reads().values().stream()
                .anyMatch(r -> r.touches(p)));
        if (!terraformFile && !kindFile && !inputFile && !readElsewhere
                && changed.stream().noneMatch(p -> underAny(p, known))) {
            return new Step(new State(commit.id(), parent.layout(), parent.others(), parent.dirs(), parent.keys(),
                    parent.snapshots(), parent.reads()), List.of());
        }
        // A changed .tf file may add, remove or rewire root modules, and a playbook or .cfg file make or unmake an
        // Ansible tree or an HAProxy dir; anything else only changes files within the roots.
        SourceTree tree = null;
        RootModuleFinder.Layout layout = parent.layout();
        List<String> others = parent.others();
        Map<String, List<String>> dirs = parent.dirs();
        if (terraformFile || kindFile) {
            tree = git.tree(commit.id());
            layout = terraformFile ? finder.layout(tree, parent.layout(), changed) : layout;
            // Whether a directory is an HAProxy dir or an Ansible tree depends on whether it has .tf files too: an
            // edit of a .tf file changes neither, adding or deleting one may.
            SourceTree now = tree;
            boolean tfAddedOrDeleted = changed.stream().filter(RootModuleFinder::isConfiguration)
                    .anyMatch(p -> parent.layout().files().containsKey(p) != now.isFile(p));
            others = kindFile || tfAddedOrDeleted ? Configurations.others(tree) : others;
            dirs = restrict(layout, others, tree);
        }
        Map<String, String> keys = new TreeMap<>();
        Map<String, RoutingSnapshot> snapshots = new TreeMap<>();
        Map<String, RootReads> reads = new TreeMap<>();
        List<String> changedRoots = new ArrayList<>();
        RootTouches touches = new RootTouches(history, commit);
        for (Map.Entry<String, List<String>> e : dirs.entrySet()) {
            String root = e.getKey();
            RootReads before = parent.reads().getOrDefault(root, RootReads.NONE);
            boolean ansibleOrHaproxy = others.contains(root);
            boolean touched = inputFile || !e.getValue().equals(parent.dirs().get(root))
                    || changed.stream().anyMatch(p -> touches.touches(p, e.getValue(), before, !ansibleOrHaproxy));
            if (!touched || key(commit.id(), e.getValue(), before).equals(parent.keys().get(root))) {
                keys.put(root, parent.keys().get(root));
                snapshots.put(root, parent.snapshots().get(root));
                reads.put(root, before);
                continue;
            }
            if (tree == null) {
                tree = git.tree(commit.id());
            }
            keys.put(root, build(tree, commit.id(), root, e.getValue(), before, snapshots, reads));
            changedRoots.add(root);
        }
        for (String gone : parent.dirs().keySet()) {
            if (!dirs.containsKey(gone)) {
                changedRoots.add(gone);
            }
        }
        return new Step(new State(commit.id(), layout, others, dirs, keys, snapshots, reads),
                List.copyOf(new TreeSet<>(changedRoots)));
    }

    /**
     * The roots that lbguard reads: all, or the one {@code --dir} names (any directory holding configuration, so
     * that a module directory given as --dir is read as a root).
     */
    private Map<String, List<String>> restrict(RootModuleFinder.Layout layout, List<String> others, SourceTree tree) {
        Map<String, List<String>> all = new TreeMap<>(layout.moduleDirs());
        for (String other : others) {
            all.putIfAbsent(other, List.of(other));
        }
        if (dir.isEmpty()) {
            return all;
        }
        String d = dir.get();
        if (all.containsKey(d)) {
            return Map.of(d, all.get(d));
        }
        // At a commit where it holds no configuration (before the root was created, after it was deleted) the
        // --dir has no load balancers; the timeline refuses a --dir that holds none at either end of its window.
        return (!d.isEmpty() && !tree.isDirectory(d)) || Configurations.holdsNoConfiguration(tree, d) ? Map.of()
                : Map.of(d, List.of(d));
    }

    /**
     * The key of a root's content at a commit: the ids of the directories it reads and of the paths outside them
     * that reading it asked for. Equal keys, equal snapshots: reading is deterministic in what it reads.
     */
    private String key(String commit, List<String> dirs, RootReads reads) throws SourceException {
        StringBuilder s = new StringBuilder();
        for (String d : dirs) {
            s.append(d).append('=').append(history.treeId(commit, d).orElse("-")).append(';');
        }
        for (String f : inputFiles) {
            s.append(f).append('=').append(history.fileId(commit, f).orElse("-")).append(';');
        }
        for (String f : reads.files()) {
            s.append("f:").append(f).append('=').append(history.fileId(commit, f).orElse("-")).append(';');
        }
        for (String d : reads.dirs()) {
            s.append("d:").append(d).append('=').append(history.treeId(commit, d).orElse("-")).append(';');
        }
        return s.toString();
    }

    /**
     * The snapshot of one root at a commit, from the cache when a build with the same key is there (looked up with
     * what the root read outside itself before), else read; puts it and what it read into the maps, and returns
     * its key.
     */
    private String build(SourceTree tree, String commit, String root, List<String> dirs, RootReads before,
                         Map<String, RoutingSnapshot> snapshots, Map<String, RootReads> reads) throws SourceException {
        String guess = root + "@" + key(commit, dirs, before);
        Built known = cache.get(guess);
        if (known == null || !known.reads().equals(before)) {
            built++;
            RecordingTree recorded = new RecordingTree(tree);
            SnapshotOrigin origin = new SnapshotOrigin(SnapshotOrigin.Kind.GIT_REVISION, tree.revision(),
                    tree.revision());
            RoutingSnapshot s = Configurations.read(recorded, List.of(root), inputs, origin, Optional.of(reuse));
            RootReads read = RootReads.of(recorded, dirs);
            known = new Built(s, read);
            remember(root + "@" + key(commit, dirs, read), known);
        }
        snapshots.put(root, known.snapshot());
        reads.put(root, known.reads());
        return key(commit, dirs, known.reads());
    }

    /** Keeps a build, dropping the least recently used ones beyond the limit. */
    private void remember(String key, Built b) {
        Built old = cache.put(key, b);
        cached += b.snapshot().size() + 1 - (old == null ? 0 : old.snapshot().size() + 1);
        for (var it = cache.values().iterator(); cached > CACHE_LIMIT && cache.size() > 1 && it.hasNext(); ) {
            cached -= it.next().snapshot().size() + 1;
            it.remove();
        }
    }

    static boolean isTerraformFile(String path) {
        // Terragrunt's .hcl files make and unmake units as .tf files make root modules.
        return path.endsWith(".tf") || path.endsWith(".tf.json") || RootModuleFinder.isConfiguration(path);
    }

    static boolean underAny(String path, java.util.Collection<String> dirs) {
        for (String d : dirs) {
            if (d.isEmpty() || path.length() > d.length() && path.charAt(d.length()) == '/' && path.startsWith(d)) {
                return true;
            }
        }
        return false;
    }

    /** The repository the snapshots are read from. */
    public GitRepository repository() {
        return git;
    }
}

package dev.lbguard.source.terraform.eval;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Secrets;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.hcl.Range;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The state shared by everything one {@link TerraformEvaluator#evaluate} call does: the tree, the
 * diagnostics (deduplicated, because a module with {@code for_each} evaluates the same faulty line once per
 * instance), the resource objects handed out to references and the stack of lazy evaluations in progress.
 */
public final class EvalState {
    public final SourceTree tree;
    final WatchedTree watched;
    public final String rootDir;
    public final ModuleLoader loader;
    /** The remote modules that can be read: installed by {@code terraform init} or given with --module-dir. */
    final InstalledModules installed;
    private final DiagnosticLog log = new DiagnosticLog();
    Dep.Pool deps = new Dep.Pool(); // shared by the evaluations of one root module (see Reuse)
    // Identity, not equality: two resources with equal attributes are still different resources, and a
    // reference object keeps its identity through for-expressions, splats and collection functions.
    private final Map<Value.Obj, String> resourceObjects = new IdentityHashMap<>();
    private final Deque<String> inProgress = new ArrayDeque<>();
    private final WorkspaceName workspace = new WorkspaceName();
    // --limit: how far this evaluation expands before it stops with an error.
    private dev.lbguard.source.Limits limits = dev.lbguard.source.Limits.DEFAULT;
    // path.cwd: where terraform would run for this root module, on disk; unknown without a work tree.
    private Optional<java.nio.file.Path> cwd = Optional.empty();
    // The values this evaluation learnt are sensitive; they travel on its result, never beyond it.
    private final Secrets.Collector sensitive = new Secrets.Collector();
    // The trails of the values being computed, innermost first (see Reuse).
    private final Deque<Trail> trails = new ArrayDeque<>();
    // How a replayed value's dependencies are read again: through the root module's instance.
    private java.util.function.Consumer<Dep> touch = d -> {
    };
    InstanceTakeover.Previous previousInstances = new InstanceTakeover.Previous(Map.of(), 0); // none unless Reuse sets

    /** Notes every string inside {@code value} as sensitive (a sensitive variable, the argument of sensitive()). */
    public void sensitive(Value value) {
        note(new Trail.Sensitive(value));
        ValueOps.strings(value, sensitive::add);
    }

    private void note(Object event) {
        if (!trails.isEmpty()) {
            trails.peek().events.add(event);
        }
    }

    /** Records that the value being computed reads the declaration {@code dep} (whether or not it exists). */
    void depend(Dep dep) {
        note(dep);
    }

    /** A diagnostic a replayed value raised, at this evaluation's revision; its errors are traced already. */
    void replayed(Diagnostic d) {
        log.addReplayed(d, tree.revision());
    }

    /** Reads a replayed value's dependency again. */
    void touch(Dep dep) {
        touch.accept(dep);
    }

    /** How replayed values read their dependencies again. */
    void replayThrough(java.util.function.Consumer<Dep> touch) {
        this.touch = touch;
    }

    /** Whether a tree read happens outside every value (to be logged); inside one, marks it as reading the tree. */
    boolean readingTree() {
        if (trails.isEmpty()) {
            return true;
        }
        trails.peek().readTree = true;
        return false;
    }

    /**
     * Does again what computing a reused value did (its trail), in this evaluation: its diagnostics, at this
     * revision; its registrations; its reads of other values, which replay in turn. Its errors are not traced again:
     * the slot carries them, and whoever reads it takes them from there as before.
     */
    private void replay(Slot<?> slot) {
        slot.replay = false;
        log.open();
        trails.push(new Trail());
        try {
            slot.trail.replay(this);
        } finally {
            trails.pop();
            log.close();
        }
    }

    /** The values this evaluation learnt are sensitive so far. */
    public Secrets secrets() {
        return sensitive.secrets();
    }

    public EvalState(SourceTree tree, String rootDir) {
        this(tree, rootDir, InstalledModules.none());
    }

    /** {@code tree} must already hold the modules of {@code installed} ({@link InstalledModules#mount}). */
    EvalState(SourceTree tree, String rootDir, InstalledModules installed) {
        this.watched = new WatchedTree(tree, this);
        this.tree = watched;
        this.rootDir = rootDir;
        this.installed = installed;
        this.loader = new ModuleLoader(this);
    }

    /** {@code terraform.workspace}, read at {@code at} (see {@link WorkspaceName}). */
    Value workspace(dev.lbguard.source.hcl.Range at) {
        note(new Trail.WorkspaceRead(at));
        return workspace.read(this, at);
    }

    public void limits(dev.lbguard.source.Limits given) {
        limits = given;
    }

    dev.lbguard.source.Limits limits() {
        return limits;
    }

    void cwd(Optional<java.nio.file.Path> dir) {
        cwd = dir;
    }

    /**
     * {@code path.cwd}: the absolute path of the directory terraform runs in, the root module's directory in the
     * work tree. It depends on where the repository is checked out, not on the repository.
     */
    Value cwd(Range at) {
        if (cwd.isEmpty()) {
            return fail("tf-path-cwd", "path.cwd is the directory terraform runs in, which lbguard does not know "
                    + "here (no work tree on disk)", at);
        }
        return new Value.Str(cwd.get().toString());
    }

    void workspace(String name, String origin) {
        workspace.choose(name, origin);
    }

    public SourceRef ref(Range r) {
        return new SourceRef(r.file(), Math.max(0, r.startLine()), Math.max(0, r.startColumn()), tree.revision());
    }

    public SourceRef fileRef(String path) {
        return new SourceRef(path, 0, 0, tree.revision());
    }

    public void error(String code, String message, SourceRef at) {
        add(Diagnostic.error(code, message, at));
    }

    /** An error that leaves a whole part of the configuration unread: a module call, a file. */
    public void error(String code, String message, SourceRef at, dev.lbguard.diagnostic.UnreadScope unread) {
        add(Diagnostic.error(code, message, at).leavingUnread(unread));
    }

    public void warning(String code, String message, SourceRef at) {
        add(Diagnostic.warning(code, message, at));
    }

    /** Something not read that is known to reach nothing routing reads. */
    public void notRouting(String code, String message, SourceRef at) {
        add(Diagnostic.notRouting(code, message, at));
    }

    private void add(Diagnostic d) {
        // The workspace's note comes from the first read of it, replayed as a read (see #workspace).
        if (!d.code().equals("tf-workspace-from-outside")) {
            note(d);
        }
        log.add(d);
    }

    /** The errors met while {@code body} ran, its own and those of every value it read, cached or not. */
    <T> Traced<T> trace(Supplier<T> body) {
        return log.trace(body);
    }

    /** Records that what is being computed now read a value that met {@code errors}. */
    void read(Set<List<Object>> errors) {
        log.read(errors);
    }

    /** Demotes the errors that reach nothing in {@code routing} (see {@link DiagnosticLog#settle}). */
    void settle(Set<List<Object>> routing, Set<String> alwaysRouting) {
        log.settle(routing, alwaysRouting);
    }

    boolean hasErrors() {
        return log.hasErrors();
    }

    /** {@link #fail}, for a failure that leaves {@code unread} unread as a whole. */
    public Value.Unknown fail(String code, String message, Range at, dev.lbguard.diagnostic.UnreadScope unread) {
        error(code, message, ref(at), unread);
        return Value.Unknown.unevaluable(message);
    }

    /** Reports an error at {@code at} and returns the unknown value that stands in for what failed. */
    public Value.Unknown fail(String code, String message, Range at) {
        error(code, message, ref(at));
        return Value.Unknown.unevaluable(message);
    }

    /** The diagnostics in file and line order, so that the order does not depend on evaluation order. */
    public List<Diagnostic> diagnostics() {
        return log.inFileOrder();
    }

    void registerResourceObject(Value.Obj object, String address) {
        note(new Trail.Registered(object, address));
        resourceObjects.put(object, address);
    }

    /** The address of the resource instance this object stands for, when it is one. */
    Optional<String> resourceAddress(Value.Obj object) {
        return Optional.ofNullable(resourceObjects.get(object));
    }

    /** The value of a slot already computed, read as {@link #compute} reads it (without making its arguments). */
    <T> T computed(Slot<T> slot) {
        note(slot.dep != null ? slot.dep : slot.origin()); // in a module instance, the token it replays by
        if (slot.replay) {
            replay(slot);
        }
        if (!slot.isolated) {
            read(slot.errors);
        }
        return slot.value.get();
    }

    /**
     * Computes {@code slot} once. When the computation needs itself (directly or through other lazily
     * evaluated objects), reports the cycle at {@code at} and returns {@code onCycle}'s value instead.
     */
    public <T> T compute(Slot<T> slot, String label, SourceRef at, Supplier<T> body, Supplier<T> onCycle) {
        if (slot.value.isPresent()) {
            return computed(slot);
        }
        note(slot.dep != null ? slot.dep : slot.origin());
        if (slot.running) {
            List<String> chain = new ArrayList<>();
            boolean seen = false;
            for (java.util.Iterator<String> it = inProgress.descendingIterator(); it.hasNext(); ) {
                String s = it.next();
                seen |= s.equals(label);
                if (seen) {
                    chain.add(s);
                }
            }
            chain.add(label);
            trails.forEach(t -> t.metCycle = true);
            error("tf-cycle", "reference cycle: " + String.join(" -> ", chain), at);
            return onCycle.get();
        }
        slot.running = true;
        inProgress.push(label);
        Trail trail = new Trail();
        trails.push(trail);
        try {
            Traced<T> v = log.trace(body);
            slot.value = Optional.of(v.value());
            slot.errors = v.errors();
            if (!slot.isolated) {
                read(v.errors());
            }
            return v.value();
        } finally {
            trails.pop();
            slot.trail = trail;
            inProgress.pop();
            slot.running = false;
        }
    }
}

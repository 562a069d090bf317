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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
    public final String rootDir;
    public final ModuleLoader loader;
    /** The remote modules that can be read: installed by {@code terraform init} or given with --module-dir. */
    final InstalledModules installed;
    // Keyed by severity, code and position: one diagnostic per spot, even when the instances of a counted
    // resource fail there with different messages.
    private final Map<List<Object>, Diagnostic> diagnostics = new LinkedHashMap<>();
    // Identity, not equality: two resources with equal attributes are still different resources, and a
    // reference object keeps its identity through for-expressions, splats and collection functions.
    private final Map<Value.Obj, String> resourceObjects = new IdentityHashMap<>();
    private final Deque<String> inProgress = new ArrayDeque<>();
    // Which errors each value in progress met, itself or through the values it read: how an error's reach is
    // traced to routing (see ErrorReach). An error met outside every frame (a file that does not parse, a
    // moved block) is never shown harmless.
    private final Deque<Set<List<Object>>> frames = new ArrayDeque<>();
    private final Set<List<Object>> unframed = new HashSet<>();
    // terraform.workspace in every module of the evaluation; the root's inputs choose it before any module is
    // evaluated (RootInputs).
    private String workspace = TerraformWorkspace.DEFAULT;
    // path.cwd: where terraform would run for this root module, on disk; unknown without a work tree.
    private Optional<java.nio.file.Path> cwd = Optional.empty();
    private String workspaceOrigin = "the default";
    private boolean workspaceNoted;
    // The values this evaluation learnt are sensitive; they travel on its result, never beyond it.
    private final Secrets.Collector sensitive = new Secrets.Collector();

    /** Notes every string inside {@code value} as sensitive (a sensitive variable, the argument of sensitive()). */
    public void sensitive(Value value) {
        ValueOps.strings(value, sensitive::add);
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
        this.tree = tree;
        this.rootDir = rootDir;
        this.installed = installed;
        this.loader = new ModuleLoader(this);
    }

    /**
     * {@code terraform.workspace}, read at {@code at}. A workspace other than {@code default} comes from outside the
     * repository (the command line, the environment, a selection on disk), so the first place that reads it says so,
     * as a variable given from outside does: the report holds for that workspace.
     */
    Value workspace(dev.lbguard.source.hcl.Range at) {
        if (!workspace.equals(TerraformWorkspace.DEFAULT) && !workspaceNoted) {
            workspaceNoted = true;
            warning("tf-workspace-from-outside", "terraform.workspace is \"" + workspace + "\", "
                    + workspaceOrigin + ", not from the repository; this report holds for that workspace",
                    ref(at));
        }
        return new Value.Str(workspace);
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
        workspace = name;
        workspaceOrigin = origin;
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
        SourceRef at = d.source();
        List<Object> key = at.line() == 0 ? List.of(d.severity(), d.code(), at.path(), d.message())
                : List.of(d.severity(), d.code(), at.path(), at.line(), at.column());
        diagnostics.putIfAbsent(key, d);
        if (d.isError()) {
            (frames.isEmpty() ? unframed : frames.peek()).add(key);
        }
    }

    /** The errors met while {@code body} ran, its own and those of every value it read, cached or not. */
    <T> Traced<T> trace(Supplier<T> body) {
        frames.push(new HashSet<>());
        Set<List<Object>> met;
        T value;
        try {
            value = body.get();
        } finally {
            met = frames.pop();
        }
        return new Traced<>(value, Set.copyOf(met));
    }

    /** A value and the errors it met. */
    record Traced<T>(T value, Set<List<Object>> errors) {
    }

    /** Records that what is being computed now read a value that met {@code errors}. */
    void read(Set<List<Object>> errors) {
        if (!frames.isEmpty()) {
            frames.peek().addAll(errors);
        }
    }

    /**
     * Demotes every error that reaches nothing in {@code routing} (errors met outside every frame, and those
     * {@code alwaysRouting} names, stay errors) to a warning that cannot affect routing.
     */
    void settle(Set<List<Object>> routing, Set<String> alwaysRouting) {
        diagnostics.replaceAll((key, d) -> d.isError() && !routing.contains(key) && !unframed.contains(key)
                && !alwaysRouting.contains(d.code()) ? d.withoutRoutingReach() : d);
    }

    boolean hasErrors() {
        return diagnostics.values().stream().anyMatch(Diagnostic::isError);
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
        List<Diagnostic> out = new ArrayList<>(diagnostics.values());
        out.sort(java.util.Comparator.comparing((Diagnostic d) -> d.source().path())
                .thenComparingInt(d -> d.source().line())
                .thenComparingInt(d -> d.source().column())
                .thenComparing(Diagnostic::code)
                .thenComparing(Diagnostic::message));
        return out;
    }

    void registerResourceObject(Value.Obj object, String address) {
        resourceObjects.put(object, address);
    }

    /** The address of the resource instance this object stands for, when it is one. */
    Optional<String> resourceAddress(Value.Obj object) {
        return Optional.ofNullable(resourceObjects.get(object));
    }

    /** A value computed on first use; a request while it is being computed is a reference cycle. */
    public static final class Slot<T> {
        private final boolean isolated;
        private boolean running;
        private Optional<T> value = Optional.empty();
        private Set<List<Object>> errors = Set.of();

        public Slot() {
            this(false);
        }

        /**
         * An isolated slot does not pass its errors on to what reads it: its reader takes the part it reads (a
         * resource's count and one attribute) with {@link #read}.
         */
        Slot(boolean isolated) {
            this.isolated = isolated;
        }

        /** The errors met computing this value, its own and those of what it read. */
        Set<List<Object>> errors() {
            return errors;
        }
    }

    /**
     * Computes {@code slot} once. When the computation needs itself (directly or through other lazily
     * evaluated objects), reports the cycle at {@code at} and returns {@code onCycle}'s value instead.
     */
    public <T> T compute(Slot<T> slot, String label, SourceRef at, Supplier<T> body, Supplier<T> onCycle) {
        if (slot.value.isPresent()) {
            if (!slot.isolated) {
                read(slot.errors);
            }
            return slot.value.get();
        }
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
            error("tf-cycle", "reference cycle: " + String.join(" -> ", chain), at);
            return onCycle.get();
        }
        slot.running = true;
        inProgress.push(label);
        try {
            Traced<T> v = trace(body);
            slot.value = Optional.of(v.value());
            slot.errors = v.errors();
            if (!slot.isolated) {
                read(v.errors());
            }
            return v.value();
        } finally {
            inProgress.pop();
            slot.running = false;
        }
    }
}

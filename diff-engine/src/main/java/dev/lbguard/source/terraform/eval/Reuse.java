package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.resources.KnownReadings;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.terraform.modules.ModuleConfig;
import dev.lbguard.source.value.AttributesMemo;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation of a root module leaves to the next evaluation of the same root module (another revision,
 * the same inputs), so that a history walk or a review re-evaluates only what an edit changed.
 *
 * <p>A value of the root module (a variable, local, resource, lookup or output) is taken over when its own
 * declaration is the same syntax tree as before (an unchanged file is taken from the previous evaluation's parse,
 * so it gives the very same objects; a changed file's untouched declarations give equal trees at equal ranges), it did not read the tree while it was computed (a file function), and so is every declaration it
 * read, recursively; and when everything the earlier evaluation read of the tree outside values (the {@code .tfvars},
 * the directory's other files) reads the same now. Module calls are evaluated again, always, and so is whatever
 * reads them; but each of their instances whose variables come out equal is taken over whole
 * ({@link InstanceTakeover}). A value taken over replays what computing it did: its diagnostics (at the new revision), its
 * registrations and the values it read. Reading is deterministic in what it reads, so the result is the one a full
 * evaluation gives (a property test compares both over random edits).
 */
public final class Reuse {
    private record Previous(String dir, TerraformInputs inputs, ModuleConfig config, ModuleInstance root,
                            List<WatchedTree.Access> unframed, Map<String, ParsedFiles.Parse> files) {
    }

    private final long minimumChars;
    private final KnownReadings readings = new KnownReadings();
    private final Dep.Pool deps = new Dep.Pool();
    private Previous previous;
    private int taken;
    private int instancesTaken;
    private int slotsTaken; // how many slots of module instances the last evaluation took over
    private AttributesMemo<List<ValueJson.UnevaluatedPath>> unevaluated = new AttributesMemo<>();
    private final ResourceOrder order = new ResourceOrder();

    /**
     * One {@link Reuse} per root module directory, for a reader of many revisions (one thread at a time).
     */
    public static final class Roots {
        private final Map<String, Reuse> roots;
        private final long minimumChars;

        /**
         * @param kept         how many root modules, most recently read first, keep their last evaluation
         * @param minimumChars the source size under which a root module's evaluation is not kept: a small root is
         *                     cheap to evaluate again, and keeping evaluations that die old costs the collector more
         *                     (a history of 16 KB roots ran 20% slower keeping them)
         */
        public Roots(int kept, long minimumChars) {
            this.minimumChars = minimumChars;
            this.roots = new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Reuse> eldest) {
                    return size() > kept;
                }
            };
        }

        /** Every root module read keeps its last evaluation: for a reader of two revisions. */
        public Roots() {
            this(Integer.MAX_VALUE, 0);
        }

        public Reuse of(String dir) {
            return roots.computeIfAbsent(dir, d -> new Reuse(minimumChars));
        }
    }

    /** A reuse that keeps every evaluation. */
    public Reuse() {
        this(0);
    }

    private Reuse(long minimumChars) {
        this.minimumChars = minimumChars;
    }

    /** What the last snapshot built from this root module read (see {@link KnownReadings}). */
    public KnownReadings readings() {
        return readings;
    }

    /** How many values of the root module the last evaluation took over. */
    public int taken() {
        return taken;
    }

    /** How many module instances the last evaluation took over whole (see {@link InstanceTakeover}). */
    public int instancesTaken() {
        return instancesTaken;
    }

    /**
     * Lets the new evaluation take the files the previous one parsed (the same blobs give the same syntax trees,
     * which is what taking values over compares), before it loads its configuration.
     */
    void prepare(EvalState state) {
        state.deps = deps;
        if (previous != null && previous.dir().equals(state.rootDir)) {
            state.loader.previous(previous.files());
        }
    }

    /** Seeds the new root instance with what it can take over from the previous evaluation. */
    void seed(EvalState state, TerraformInputs inputs, ModuleConfig config, ModuleInstance root) {
        taken = 0;
        Previous p = previous;
        if (p == null || !p.dir().equals(state.rootDir) || !p.inputs().equals(inputs)
                || !WatchedTree.sameAnswers(p.unframed(), state.watched.inner(), state.rootDir)) {
            return;
        }
        state.previousInstances = new InstanceTakeover.Previous(InstanceTakeover.index(p.root()), slotsTaken);
        Map<Dep, Slot<?>> before = p.root().computed();
        Map<Dep, Boolean> reusable = new IdentityHashMap<>(before.size());
        String revision = state.tree.revision();
        List<java.util.Set<String>> changed = Declarations.changedNames(p.config(), config);
        for (Map.Entry<Dep, Slot<?>> e : before.entrySet()) {
            if (reusable(e.getKey(), before, changed, reusable)) {
                root.seed(rebased(e.getValue(), revision));
                taken++;
            }
        }
    }

    /**
     * The unevaluated paths of resources' attributes, reusing those an earlier evaluation found for the same
     * attributes object.
     */
    java.util.function.Function<Value.Obj, List<ValueJson.UnevaluatedPath>> unevaluatedPaths() {
        unevaluated.next();
        return attributes -> unevaluated.computeIfAbsent(attributes, ValueJson::unevaluated);
    }

    /** The order of the root module's resources by address, as the last evaluation's was. */
    ResourceOrder order() {
        return order;
    }

    /** Keeps what the evaluation computed for the next one. */
    void remember(EvalState state, TerraformInputs inputs, ModuleConfig config, ModuleInstance root) {
        instancesTaken = state.previousInstances.instances;
        slotsTaken = state.previousInstances.slots();
        // Its instances are kept, and with them their evaluation's state: that must not keep the one before.
        state.previousInstances = new InstanceTakeover.Previous(Map.of(), 0);
        if (state.loader.parsedChars() < minimumChars) {
            forget();
            return;
        }
        previous = new Previous(state.rootDir, inputs, config, root, List.copyOf(state.watched.unframed()),
                state.loader.parsed());
    }

    /** Forgets the previous evaluation (after one that failed). */
    void forget() {
        instancesTaken = 0;
        previous = null;
        unevaluated = new AttributesMemo<>();
    }

    private static boolean reusable(Dep dep, Map<Dep, Slot<?>> before, List<java.util.Set<String>> changed,
                                    Map<Dep, Boolean> known) {
        Boolean k = known.get(dep);
        if (k != null) {
            return k;
        }
        // Not reusable while deciding: a reference cycle is evaluated again (and reported again).
        known.put(dep, false);
        boolean ok = dep.kind() != Dep.Kind.MODULE && !changed.get(dep.kind().ordinal()).contains(dep.name());
        Slot<?> slot = before.get(dep);
        if (ok && slot != null) {
            ok = slot.trail() != null && !slot.trail().readTree;
            for (int i = 0; ok && i < slot.trail().events.size(); i++) {
                if (slot.trail().events.get(i) instanceof Dep d) {
                    ok = reusable(d, before, changed, known);
                }
            }
        }
        known.put(dep, ok);
        return ok;
    }

    /** A slot for the new evaluation; resource instances say where they were read at its revision. */
    private static <T> Slot<T> rebased(Slot<T> slot, String revision) {
        return slot.reused(rebased(slot.value().orElseThrow(), revision));
    }

    /** A value for the new evaluation: resource instances say where they were read at its revision. */
    @SuppressWarnings("unchecked")
    static <T> T rebased(T value, String revision) {
        if (value instanceof ResourceEvaluator.Result r && !r.instances().isEmpty()
                && !r.instances().get(0).source().revision().equals(revision)) {
            // A loop, not a stream: every resource taken over passes here at every commit of a history.
            ResourceInstance[] at = new ResourceInstance[r.instances().size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = r.instances().get(i).atRevision(revision);
            }
            return (T) new ResourceEvaluator.Result(r.reference(), List.of(at), r.expansionErrors(),
                    r.attributeErrors(), r.allErrors());
        }
        return value;
    }
}

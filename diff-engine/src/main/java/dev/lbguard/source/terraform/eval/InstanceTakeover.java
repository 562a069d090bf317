package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.terraform.eval.Dep.Kind;
import dev.lbguard.source.terraform.modules.ModuleConfig;
import dev.lbguard.source.value.Value;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a module instance over whole from the previous evaluation of its root module, with everything it holds
 * (its module calls' instances too), when it cannot come out otherwise: the same address, the same declarations
 * in its module and in every module under it, and its variables, evaluated again, equal to what they were.
 *
 * <p>A module reads nothing of its caller but its variables ({@code path.*}, the workspace and the installed
 * modules are those of the root module, which {@link Reuse} checks first); so equal variables give equal values,
 * unless a value under it read the tree (a file function), met a reference cycle (its error goes to the value
 * entered first), or a module call under it raised diagnostics (the load errors of a module are raised by the call
 * that loads it first), or a variable holds a resource object of the caller that is not the very same object (a
 * reference tells those apart by identity): then it is evaluated again. A value taken over replays what computing
 * it did, its reads of other values of its instance included (see {@link Trail}), so its diagnostics come in the
 * order a full evaluation raises them. An edit of one load balancer's data handed to a module tree evaluates that
 * load balancer's instances, not the tree.
 */
final class InstanceTakeover {
    // A taken-over instance's variables are taken over with it: nothing asks for its inputs again.
    private static final Variables.Source NO_INPUTS = new Variables.Source() {
        @Override
        public Optional<Variables.Given> given(String name) {
            throw new IllegalStateException("a module instance taken over evaluated its variable " + name);
        }

        @Override
        public Value.Unknown missing(String name, Block declaration) {
            throw new IllegalStateException("a module instance taken over evaluated its variable " + name);
        }
    };

    private InstanceTakeover() {
    }

    /**
     * The previous evaluation's module instances by address, how many this evaluation took over, and the slots it
     * took, by the token that trails name them by ({@link Slot#origin}).
     */
    static final class Previous {
        private final Map<String, ModuleInstance> byPath;
        private final Map<Slot.Origin, Slot<?>> taken;
        int instances;

        /** {@code expected}: how many slots the last evaluation took (growing an identity map rehashes it all). */
        Previous(Map<String, ModuleInstance> byPath, int expected) {
            this.byPath = byPath;
            this.taken = new java.util.IdentityHashMap<>(expected);
        }

        int slots() {
            return taken.size();
        }

        /**
         * Reads again, in this evaluation, a value a replayed value read: its own trail replays first, so diagnostics
         * and the workspace's first read come in the order computing them did.
         */
        void read(EvalState state, Slot.Origin origin) {
            Slot<?> now = taken.get(origin);
            if (now != null) {
                state.computed(now);
            }
        }

        private void take(Slot<?> before, Slot<?> now) {
            taken.put(before.origin(), now);
        }
    }

    /** The module instances under {@code root}, by address. */
    static Map<String, ModuleInstance> index(ModuleInstance root) {
        Map<String, ModuleInstance> out = new HashMap<>();
        index(root, out);
        return out;
    }

    private static void index(ModuleInstance m, Map<String, ModuleInstance> out) {
        for (Slot<?> call : m.slots.of(Kind.MODULE).values()) {
            if (call.value().orElse(null) instanceof ModuleCalls.Result r) {
                for (ModuleInstance child : r.instances().values()) {
                    out.put(child.path, child);
                    index(child, out);
                }
            }
        }
    }

    /**
     * Takes over the previous evaluation's instance at {@code now}'s address into {@code now}, whose variables are
     * evaluated and nothing else yet, when nothing it computed can come out otherwise.
     */
    static void attempt(ModuleInstance now) {
        EvalState state = now.state;
        ModuleInstance before = state.previousInstances.byPath.get(now.path);
        if (before == null || !onlyVariablesComputed(now) || !before.callers.equals(now.callers) || !before.key.equals(now.key)
                || !before.pathModule.equals(now.pathModule) || !Declarations.sameConfig(before.config, now.config)
                || !sameVariables(before, now) || !unchanged(before, state)) {
            return;
        }
        String revision = state.tree.revision();
        for (String name : now.config.variables().keySet()) {
            Slot<?> variable = now.slots.get(Kind.VARIABLE, name);
            variable.standsFor(before.slots.get(Kind.VARIABLE, name));
            state.previousInstances.take(variable, variable);
        }
        for (Kind kind : Kind.values()) {
            if (kind == Kind.VARIABLE) {
                continue;
            }
            before.slots.of(kind).forEach((name, slot) ->
                    now.slots.put(kind, name, transplanted(slot, state, revision)));
        }
        now.takenOver = true;
        state.previousInstances.instances++;
    }

    /**
     * Whether nothing but its variables was computed yet: a value its caller read before (an output) would be
     * another object than the one taken over, and one value holding the other's resource objects would not know
     * them as resources (their registration replays with the value that made them).
     */
    private static boolean onlyVariablesComputed(ModuleInstance now) {
        for (Kind kind : Kind.values()) {
            if (kind != Kind.VARIABLE && !now.slots.of(kind).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Every variable evaluated in both, to equal values that met equal errors. */
    private static boolean sameVariables(ModuleInstance before, ModuleInstance now) {
        for (String name : now.config.variables().keySet()) {
            Slot<?> was = before.slots.get(Kind.VARIABLE, name);
            Slot<?> is = now.slots.get(Kind.VARIABLE, name);
            if (was == null || is == null || was.value().isEmpty() || is.value().isEmpty()
                    || !was.errors().equals(is.errors())) {
                return false;
            }
            Value a = (Value) was.value().get();
            Value b = (Value) is.value().get();
            if (a != b && (!a.equals(b) || holdsResourceObject(a, before.state) || holdsResourceObject(b, now.state))) {
                return false;
            }
        }
        return true;
    }

    private static boolean holdsResourceObject(Value v, EvalState state) {
        if (v instanceof Value.Obj o) {
            if (state.resourceAddress(o).isPresent()) {
                return true;
            }
            for (Value f : o.fields().values()) {
                if (holdsResourceObject(f, state)) {
                    return true;
                }
            }
        } else if (v instanceof Value.Seq s) {
            for (Value i : s.items()) {
                if (holdsResourceObject(i, state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether everything {@code before} computed, under it too, was computed without reading the tree or meeting a
     * cycle, and every module call under it expanded (not failed, no diagnostic) from declarations the same now.
     */
    private static boolean unchanged(ModuleInstance before, EvalState state) {
        for (String variable : before.config.variables().keySet()) {
            if (before.slots.get(Kind.VARIABLE, variable) == null) {
                return false;
            }
        }
        for (Kind kind : Kind.values()) {
            for (Slot<?> slot : before.slots.of(kind).values()) {
                if (slot.value().isEmpty() || slot.trail() == null || slot.trail().readTree
                        || slot.trail().metCycle) {
                    return false;
                }
                if (kind == Kind.MODULE) {
                    ModuleCalls.Result r = (ModuleCalls.Result) slot.value().get();
                    if (r.failure().isPresent() || r.child().isEmpty() || raisedDiagnostics(slot.trail())
                            || !Declarations.sameConfig(r.child().get(), state.loader.loadCalled(r.child().get().dir()))) {
                        return false;
                    }
                    for (ModuleInstance child : r.instances().values()) {
                        if (!unchanged(child, state)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /**
     * Whether a module call raised diagnostics: among them may be the errors of loading its module, raised by the
     * call that loads it first, which do not go when the module's files change without changing its declarations
     * (a syntax error mended, a duplicate removed).
     */
    private static boolean raisedDiagnostics(Trail trail) {
        for (Object e : trail.events) {
            if (e instanceof dev.lbguard.diagnostic.Diagnostic) {
                return true;
            }
        }
        return false;
    }

    /** A slot of the previous evaluation for this one: replayed when read, its module instances made anew here. */
    private static Slot<?> transplanted(Slot<?> slot, EvalState state, String revision) {
        Object value = slot.value().orElseThrow();
        Slot<?> now;
        if (value instanceof ModuleCalls.Result r) {
            ModuleConfig child = state.loader.loadCalled(r.child().orElseThrow().dir());
            Map<Value, ModuleInstance> instances = new LinkedHashMap<>();
            r.instances().forEach((key, c) -> instances.put(key, recreated(c, child, state, revision)));
            now = reused(slot, new ModuleCalls.Result(r.mode(), instances, r.failure(), Optional.of(child)));
        } else {
            now = reused(slot, Reuse.rebased(value, revision));
        }
        state.previousInstances.take(slot, now);
        return now;
    }

    @SuppressWarnings("unchecked")
    private static <T> Slot<T> reused(Slot<T> slot, Object value) {
        return slot.reused((T) value);
    }

    /** An instance under one taken over: all its values, variables too, taken over. */
    private static ModuleInstance recreated(ModuleInstance before, ModuleConfig config, EvalState state,
                                            String revision) {
        ModuleInstance m = new ModuleInstance(state, config, before.path, before.pathModule, before.callers,
                before.key, NO_INPUTS);
        for (Kind kind : Kind.values()) {
            before.slots.of(kind).forEach((name, slot) -> m.slots.put(kind, name, transplanted(slot, state, revision)));
        }
        m.takenOver = true;
        state.previousInstances.instances++;
        return m;
    }
}

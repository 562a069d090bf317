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
 * unless a value read the tree (a file function: never taken over) or a variable holds a resource object of the
 * caller, which a reference tells apart by identity, not by equality (taken over only when it is the very same
 * object). An instance whose values raised diagnostics is evaluated again (see {@link #orderFree}). A module call that runs in one commit of a history over a module tree used to evaluate the whole tree;
 * an edit of one load balancer's data now evaluates that load balancer's instance, as a full evaluation would.
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

    /** The previous evaluation's module instances by address, and how many this evaluation took over. */
    static final class Previous {
        private final Map<String, ModuleInstance> byPath;
        int taken;

        Previous(Map<String, ModuleInstance> byPath) {
            this.byPath = byPath;
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
        if (before == null || !onlyVariablesComputed(now) || before.depth != now.depth || !before.key.equals(now.key)
                || !before.pathModule.equals(now.pathModule) || !Reuse.sameConfig(before.config, now.config)
                || !sameVariables(before, now) || !unchanged(before, state)) {
            return;
        }
        String revision = state.tree.revision();
        for (Kind kind : Kind.values()) {
            if (kind == Kind.VARIABLE) {
                continue;
            }
            before.slots.of(kind).forEach((name, slot) ->
                    now.slots.put(kind, name, transplanted(slot, state, revision)));
        }
        now.takenOver = true;
        state.previousInstances.taken++;
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
     * Whether everything {@code before} computed, under it too, was computed without reading the tree, and every
     * module under it was expanded (not failed) from declarations that are the same now.
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
                        || !orderFree(slot.trail())) {
                    return false;
                }
                if (kind == Kind.MODULE) {
                    ModuleCalls.Result r = (ModuleCalls.Result) slot.value().get();
                    if (r.failure().isPresent() || r.child().isEmpty()
                            || !Reuse.sameConfig(r.child().get(), state.loader.loadCalled(r.child().get().dir()))) {
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
     * Whether replaying the trail can come in another order than computing it did without a difference: no
     * diagnostic (the log keeps the first of two at one place, and a called module's load errors are raised by the
     * call that loads it first) and no read of the workspace (its note goes where it is read first). Values under a
     * module's root do not record which of their instance's values they read, so their replay follows the order
     * values are asked for now, not the order they were computed in.
     */
    private static boolean orderFree(Trail trail) {
        for (Object e : trail.events) {
            if (e instanceof dev.lbguard.diagnostic.Diagnostic || e instanceof Trail.WorkspaceRead) {
                return false;
            }
        }
        return true;
    }

    /** A slot of the previous evaluation for this one: replayed when read, its module instances made anew here. */
    private static Slot<?> transplanted(Slot<?> slot, EvalState state, String revision) {
        Object value = slot.value().orElseThrow();
        if (value instanceof ModuleCalls.Result r) {
            ModuleConfig child = state.loader.loadCalled(r.child().orElseThrow().dir());
            Map<Value, ModuleInstance> instances = new LinkedHashMap<>();
            r.instances().forEach((key, c) -> instances.put(key, recreated(c, child, state, revision)));
            return reused(slot, new ModuleCalls.Result(r.mode(), instances, r.failure(), Optional.of(child)));
        }
        return reused(slot, Reuse.rebased(value, revision));
    }

    @SuppressWarnings("unchecked")
    private static <T> Slot<T> reused(Slot<T> slot, Object value) {
        return slot.reused((T) value);
    }

    /** An instance under one taken over: all its values, variables too, taken over. */
    private static ModuleInstance recreated(ModuleInstance before, ModuleConfig config, EvalState state,
                                            String revision) {
        ModuleInstance m = new ModuleInstance(state, config, before.path, before.pathModule, before.depth,
                before.key, NO_INPUTS);
        for (Kind kind : Kind.values()) {
            before.slots.of(kind).forEach((name, slot) -> m.slots.put(kind, name, transplanted(slot, state, revision)));
        }
        m.takenOver = true;
        state.previousInstances.taken++;
        return m;
    }
}

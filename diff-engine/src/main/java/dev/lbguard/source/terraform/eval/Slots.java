package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.terraform.eval.Dep.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;

/**
 * A module instance's slots, by kind of declaration and name: one lookup per read, by a name that is the
 * declaration's own key string (made once per parsed blob, see {@link ParsedFiles.Parse}), so found by identity.
 * A root module's values are read several times per evaluation at every commit of a history.
 */
final class Slots {
    @SuppressWarnings("unchecked")
    private final Map<String, Slot<?>>[] byKind = new Map[Kind.values().length];

    Slots() {
        for (int i = 0; i < byKind.length; i++) {
            byKind[i] = new HashMap<>();
        }
    }

    @SuppressWarnings("unchecked")
    <T> Slot<T> get(Kind kind, String name) {
        return (Slot<T>) byKind[kind.ordinal()].get(name);
    }

    void put(Kind kind, String name, Slot<?> slot) {
        byKind[kind.ordinal()].put(name, slot);
    }

    /** The slots of {@code kind} by name, to read (see {@link InstanceTakeover}). */
    Map<String, Slot<?>> of(Kind kind) {
        return java.util.Collections.unmodifiableMap(byKind[kind.ordinal()]);
    }

    /**
     * The names of the declarations of {@code kind} read in this evaluation: not those taken over from an earlier
     * one (see {@link Reuse}) that nothing read here, which a full evaluation would not have (a lookup is read only
     * where something refers to it).
     */
    List<String> read(Kind kind) {
        List<String> out = new ArrayList<>();
        byKind[kind.ordinal()].forEach((name, slot) -> {
            if (!slot.replay) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * The slots with a value that know their declaration (a root module's), by declaration; by identity, as deps are
     * pooled (one object per declaration of a root module).
     */
    Map<Dep, Slot<?>> computed() {
        int size = 0;
        for (Map<String, Slot<?>> named : byKind) {
            size += named.size();
        }
        Map<Dep, Slot<?>> out = new IdentityHashMap<>(size);
        for (Map<String, Slot<?>> named : byKind) {
            named.forEach((name, slot) -> {
                if (slot.dep != null && slot.value().isPresent()) {
                    out.put(slot.dep, slot);
                }
            });
        }
        return out;
    }
}

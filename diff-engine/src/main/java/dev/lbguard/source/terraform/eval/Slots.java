package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.terraform.eval.Dep.Kind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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

    /** The names of the declarations of {@code kind} that have a slot. */
    Set<String> names(Kind kind) {
        return byKind[kind.ordinal()].keySet();
    }

    /** The slots with a value that know their declaration (a root module's), by declaration. */
    Map<Dep, Slot<?>> computed() {
        Map<Dep, Slot<?>> out = new LinkedHashMap<>();
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

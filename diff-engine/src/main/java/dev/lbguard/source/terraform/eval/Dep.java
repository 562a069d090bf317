package dev.lbguard.source.terraform.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A declaration of a module that one value may read: what reuse compares (see {@link Reuse}). */
record Dep(Kind kind, String name) {
    enum Kind { VARIABLE, LOCAL, OUTPUT, RESOURCE, DATA, MODULE }

    // Written out rather than generated: the maps of slots hash and compare deps thousands of times per evaluation,
    // and the client compiler does not inline the generated methods' bootstrap.
    @Override
    public int hashCode() {
        return 31 * kind.ordinal() + name.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Dep d && d.kind == kind && d.name.equals(name);
    }

    /**
     * One object per declaration for the evaluations of one root module, so that the maps of slots and trails that
     * reuse compares, thousands of times per evaluation, find their keys by identity rather than by comparing names
     * character by character.
     */
    static final class Pool {
        // By kind, then name: a lookup of a known declaration makes nothing.
        private final List<Map<String, Dep>> deps = java.util.stream.Stream.of(Kind.values())
                .map(k -> (Map<String, Dep>) new HashMap<String, Dep>()).toList();

        Dep of(Kind kind, String name) {
            Map<String, Dep> named = deps.get(kind.ordinal());
            Dep d = named.get(name);
            if (d == null) {
                d = new Dep(kind, name.intern()); // as the keys of parsed declarations are (see ParsedFiles)
                named.put(name, d);
            }
            return d;
        }
    }
}

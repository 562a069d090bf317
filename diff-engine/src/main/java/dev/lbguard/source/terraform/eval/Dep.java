package dev.lbguard.source.terraform.eval;

import java.util.HashMap;
import java.util.Map;

/** A declaration of a module that one value may read: what reuse compares (see {@link Reuse}). */
record Dep(Kind kind, String name) {
    enum Kind { VARIABLE, LOCAL, OUTPUT, RESOURCE, DATA, MODULE }

    /**
     * One object per declaration for the evaluations of one root module, so that the maps of slots and trails that
     * reuse compares, thousands of times per evaluation, find their keys by identity rather than by comparing names
     * character by character.
     */
    static final class Pool {
        private final Map<Dep, Dep> deps = new HashMap<>();

        Dep of(Kind kind, String name) {
            Dep d = new Dep(kind, name);
            Dep was = deps.putIfAbsent(d, d);
            return was == null ? d : was;
        }
    }
}

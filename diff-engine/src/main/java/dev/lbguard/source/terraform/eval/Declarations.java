package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.terraform.modules.ModuleConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether declarations of a module directory are the same in two of its configurations (two revisions): what taking
 * values over from an earlier evaluation compares ({@link Reuse}, {@link InstanceTakeover}).
 */
final class Declarations {
    private Declarations() {
    }

    /**
     * By kind (in {@link Dep.Kind} order), the names whose declaration is not the same in both configurations (see
     * {@link #sameDeclaration}), declared in either. A name declared in neither has no declaration in both: the same.
     */
    static List<Set<String>> changedNames(ModuleConfig was, ModuleConfig is) {
        List<Set<String>> changed = new ArrayList<>();
        for (Dep.Kind kind : Dep.Kind.values()) {
            changed.add(switch (kind) {
                case VARIABLE -> changedNames(was.variables(), is.variables());
                case LOCAL -> changedNames(was.locals(), is.locals());
                case OUTPUT -> changedNames(was.outputs(), is.outputs());
                case RESOURCE -> changedNames(was.resources(), is.resources());
                case DATA -> changedNames(was.dataSources(), is.dataSources());
                case MODULE -> changedNames(was.moduleCalls(), is.moduleCalls());
            });
        }
        return changed;
    }

    static Set<String> changedNames(Map<String, ?> was, Map<String, ?> is) {
        Set<String> changed = new HashSet<>();
        // Both in file order: an edit mostly keeps the names in place, so walking both side by side compares each
        // declaration without looking it up; from the first name out of place on, each side is looked up.
        Iterator<? extends Map.Entry<String, ?>> a = was.entrySet().iterator();
        Iterator<? extends Map.Entry<String, ?>> b = is.entrySet().iterator();
        while (a.hasNext() && b.hasNext()) {
            Map.Entry<String, ?> x = a.next();
            Map.Entry<String, ?> y = b.next();
            if (!x.getKey().equals(y.getKey())) {
                lookUp(x, is, changed);
                lookUp(y, was, changed);
                a.forEachRemaining(e -> lookUp(e, is, changed));
                b.forEachRemaining(e -> lookUp(e, was, changed));
                break;
            }
            if (!sameDeclaration(x.getValue(), y.getValue())) {
                changed.add(x.getKey());
            }
        }
        a.forEachRemaining(e -> changed.add(e.getKey()));
        b.forEachRemaining(e -> changed.add(e.getKey()));
        return changed;
    }

    private static void lookUp(Map.Entry<String, ?> e, Map<String, ?> other, Set<String> changed) {
        if (!sameDeclaration(e.getValue(), other.get(e.getKey()))) {
            changed.add(e.getKey());
        }
    }

    /**
     * The same declaration: the very same syntax tree (its file's blob did not change), or an equal one, ranges
     * included (its file changed elsewhere, lines above it kept their count). Evaluating equal trees on equal inputs
     * gives equal values at equal places, so an edit of one rule re-evaluates that rule, not its file's others.
     */
    private static boolean sameDeclaration(Object was, Object is) {
        return was == is || was != null && was.equals(is);
    }

    /** The same declarations of a module directory, in the same order (see {@link #sameDeclaration}). */
    static boolean sameConfig(ModuleConfig was, ModuleConfig is) {
        return was == is || was.dir().equals(is.dir()) && was.hasFiles() == is.hasFiles()
                && sameDeclarations(was.variables(), is.variables()) && sameDeclarations(was.locals(), is.locals())
                && sameDeclarations(was.outputs(), is.outputs()) && sameDeclarations(was.resources(), is.resources())
                && sameDeclarations(was.dataSources(), is.dataSources())
                && sameDeclarations(was.moduleCalls(), is.moduleCalls()) && sameInOrder(was.moved(), is.moved());
    }

    private static boolean sameDeclarations(Map<String, ?> was, Map<String, ?> is) {
        if (was.size() != is.size()) {
            return false;
        }
        Iterator<? extends Map.Entry<String, ?>> a = was.entrySet().iterator();
        Iterator<? extends Map.Entry<String, ?>> b = is.entrySet().iterator();
        while (a.hasNext()) {
            Map.Entry<String, ?> x = a.next();
            Map.Entry<String, ?> y = b.next();
            if (!x.getKey().equals(y.getKey()) || !sameDeclaration(x.getValue(), y.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameInOrder(List<?> was, List<?> is) {
        if (was.size() != is.size()) {
            return false;
        }
        for (int i = 0; i < was.size(); i++) {
            if (!sameDeclaration(was.get(i), is.get(i))) {
                return false;
            }
        }
        return true;
    }
}

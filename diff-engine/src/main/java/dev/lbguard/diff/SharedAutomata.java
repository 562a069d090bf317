package dev.lbguard.diff;

import dk.brics.automaton.Automaton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Automata that many diffs build alike (the language of a pattern, of a condition, of a field), built once for
 * the process and handed out as copies. A brics automaton changes as it is used (minimised in place, a string
 * expanded into states), so no two diffs or threads may share one object; copying one costs far less than
 * building and minimising it, and a timeline over many load balancers meets the same patterns again and again.
 */
final class SharedAutomata {
    private final Map<Object, Automaton> byKey;

    /** A cache of at most {@code limit} automata, the least recently used dropped first. */
    SharedAutomata(int limit) {
        this.byKey = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Automaton> eldest) {
                return size() > limit;
            }
        };
    }

    /** A copy of the automaton kept for {@code key}, built by {@code build} (outside the lock) the first time. */
    Automaton get(Object key, Supplier<Automaton> build) {
        synchronized (byKey) {
            Automaton known = byKey.get(key);
            if (known != null) {
                return known.clone();
            }
        }
        Automaton built = build.get();
        Automaton kept = built.clone();
        synchronized (byKey) {
            byKey.putIfAbsent(key, kept);
        }
        return built;
    }
}

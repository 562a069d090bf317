package dev.lbguard.diff;

import dev.lbguard.model.Condition;
import dev.lbguard.model.Listener;
import dev.lbguard.route.Request;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The request classes of a listener's predicates, and a witness of each, kept across diffs. The classes depend
 * only on the predicates, and the predicates of one listener rarely change from one commit to the next (a new
 * target group, a new priority or a weight change keeps them all), so a timeline partitions each configuration
 * once, not once per commit and thread.
 */
final class ClassCache {
    /** Enough for the listeners a long walk keeps touching; each entry holds one listener's classes. */
    private static final int LIMIT = 128;

    static final ClassCache SHARED = new ClassCache();

    /**
     * The classes of one set of predicates: their partition (for merging) and each class with its witness. Its
     * automata are mutable (brics minimises in place, caches grow), so whoever uses the partition holds the
     * entry's monitor; the cells and witnesses are read-only once built.
     */
    record Classes(Partition partition, Witnesses witnesses, List<Witnessed> cells,
                   Map<Listener, List<Destination>> destinations) {
        /** Listeners whose destinations are kept: the two sides of the last diff (its head is the next one's base). */
        private static final int REMEMBERED = 2;

        Classes(Partition partition, Witnesses witnesses, List<Witnessed> cells) {
            this(partition, witnesses, cells, new IdentityHashMap<>());
        }

        /**
         * Where each cell's witness goes on {@code listener}, in cell order. A timeline diffs each commit against
         * its parent, so the same listener object comes back as the next commit's base: its destinations are
         * kept (by identity: comparing listeners costs more than evaluating them) for a few listeners.
         */
        List<Destination> destinations(Listener listener, Function<Request, Destination> evaluate) {
            synchronized (destinations) {
                List<Destination> known = destinations.get(listener);
                if (known != null) {
                    return known;
                }
            }
            List<Destination> out = new ArrayList<>(cells.size());
            for (Witnessed w : cells) {
                out.add(evaluate.apply(w.witness()));
            }
            List<Destination> kept = List.copyOf(out);
            synchronized (destinations) {
                if (destinations.size() >= REMEMBERED) {
                    destinations.clear();
                }
                destinations.put(listener, kept);
            }
            return kept;
        }

        /**
         * Drops what one merge computed (splits and witnesses of merged classes), under the entry's monitor:
         * merged classes are new at every diff, and an entry kept for a whole timeline must not grow with it.
         */
        void forgetMerges() {
            partition.forgetSplits();
            witnesses.forgetMerged();
        }
    }

    /** A class with a request in it; classes no request reaches are left out. */
    record Witnessed(Cell cell, Request witness) {
    }

    private final Map<List<List<Condition>>, Classes> byPredicates = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<List<Condition>>, Classes> eldest) {
            return size() > LIMIT;
        }
    };

    /** A cache of its own; diffs share {@link #SHARED}. */
    ClassCache() {
    }

    /** The classes of these predicates (each a sorted list of known conditions), in refinement order. */
    Classes of(List<List<Condition>> predicates) {
        List<List<Condition>> key = List.copyOf(predicates);
        synchronized (byPredicates) {
            Classes known = byPredicates.get(key);
            if (known != null) {
                return known;
            }
        }
        // Built outside the lock: two threads may both build one set of predicates, and one result is kept.
        Languages languages = new Languages();
        Partition partition = new Partition(languages);
        Witnesses witnesses = new Witnesses(languages, partition, key.stream().flatMap(List::stream).toList());
        List<Witnessed> cells = new ArrayList<>();
        for (Cell cell : partition.refine(key)) {
            Optional<Request> witness = witnesses.of(cell);
            witness.ifPresent(w -> cells.add(new Witnessed(cell, w)));
        }
        partition.forgetSplits();
        witnesses.keepPicked();
        Classes built = new Classes(partition, witnesses, List.copyOf(cells));
        synchronized (byPredicates) {
            return byPredicates.merge(key, built, (old, fresh) -> old);
        }
    }
}

package dev.lbguard.diff;

import dev.lbguard.diff.FieldState.Split;
import dev.lbguard.model.Condition;
import dev.lbguard.model.QueryPair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Shortens a list of classes without making any inexact: two classes with the same destinations that differ
 * only in the sign of one literal are one class without it; then literals the others imply are dropped, so
 * that a description lists only the patterns that cut.
 */
final class ClassMerger {
    private final Partition partition;

    ClassMerger(Partition partition) {
        this.partition = partition;
    }

    /** One compared class: its cell and the destinations it gets (the key it may merge on). */
    record Entry(Cell cell, Destination before, Destination after) {
    }

    /** The entries with siblings of equal destinations merged, in the order of their first member. */
    List<Entry> merge(List<Entry> entries) {
        Map<List<Destination>, List<Cell>> groups = new LinkedHashMap<>();
        for (Entry e : entries) {
            groups.computeIfAbsent(List.of(e.before(), e.after()), k -> new ArrayList<>()).add(e.cell());
        }
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<List<Destination>, List<Cell>> g : groups.entrySet()) {
            for (Cell c : mergeSiblings(new ArrayList<>(g.getValue()))) {
                out.add(new Entry(simplify(c), g.getKey().get(0), g.getKey().get(1)));
            }
        }
        return out;
    }

    /** The key two siblings share: every literal but the one they disagree on, and that literal's condition. */
    private record Sibling(Map<String, List<Literal>> rest, String field, Condition condition) {
    }

    /**
     * Merges siblings until none are left, from a worklist so that each merge costs one cell's signatures; a
     * merged class takes the place of the earlier of the two, which keeps the order deterministic.
     */
    private List<Cell> mergeSiblings(List<Cell> cells) {
        TreeMap<Integer, Cell> live = new TreeMap<>();
        Map<Integer, List<Sibling>> signatures = new HashMap<>();
        Map<Sibling, Integer> index = new HashMap<>();
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int i = 0; i < cells.size(); i++) {
            live.put(i, cells.get(i));
            work.add(i);
        }
        while (!work.isEmpty()) {
            int id = work.poll();
            Cell cell = live.get(id);
            if (cell == null) {
                continue;
            }
            List<Sibling> sigs = signatures(cell);
            boolean merged = false;
            for (Sibling sig : sigs) {
                Integer other = index.get(sig);
                if (other == null || other == id) {
                    continue;
                }
                Optional<Cell> union = cellOf(sig.rest());
                if (union.isPresent()) {
                    signatures.remove(other).forEach(index::remove);
                    live.remove(other);
                    live.remove(id);
                    int at = Math.min(id, other);
                    live.put(at, union.get());
                    work.addFirst(at);
                    merged = true;
                    break;
                }
            }
            if (!merged) {
                sigs.forEach(sig -> index.put(sig, id));
                signatures.put(id, sigs);
            }
        }
        return new ArrayList<>(live.values());
    }

    private static List<Sibling> signatures(Cell cell) {
        SortedMap<String, List<Literal>> lits = literals(cell);
        List<Sibling> out = new ArrayList<>();
        for (Map.Entry<String, List<Literal>> f : lits.entrySet()) {
            for (Literal l : f.getValue()) {
                TreeMap<String, List<Literal>> rest = new TreeMap<>(lits);
                List<Literal> without = new ArrayList<>(f.getValue());
                without.remove(l);
                rest.put(f.getKey(), List.copyOf(without));
                out.add(new Sibling(rest, l.field(), l.condition()));
            }
        }
        return out;
    }

    /**
     * The same cell described more briefly: literals the others imply are dropped, and so are values of a
     * condition that change nothing (a positive value the negatives exclude, a negative value no positive
     * admits). Each step keeps the set of requests exactly.
     */
    Cell simplify(Cell cell) {
        Cell out = cell;
        for (FieldState s : cell.fields().values()) {
            List<Literal> lits = dropImplied(s.field(), new ArrayList<>(s.literals()));
            for (int i = 0; i < lits.size(); i++) {
                lits.set(i, narrow(s.field(), lits, i));
            }
            lits = dropImplied(s.field(), lits);
            lits = foldPositives(s.field(), lits);
            out = out.with(partition.conjunction(s.field(), lits).orElseThrow());
        }
        return out;
    }

    /** Up to how many strings a conjunction of patterns is written as the strings themselves. */
    private static final int FEW_STRINGS = 16;

    /**
     * Two or more positive patterns of one field (a request matches each) written as one condition of the
     * strings they share, where those are few: {@code ?pi.example.com} and {@code *api.example.com} together are
     * {@code api.example.com}. A reader takes a class's patterns of one field as alternatives, and a report that
     * keys patterns by field keeps one entry per field, so a conjunction left as two entries is easily read as
     * either pattern alone, a class wider than what moves. The class keeps its requests exactly.
     */
    private List<Literal> foldPositives(String field, List<Literal> lits) {
        List<Literal> positives = lits.stream().filter(Literal::positive).toList();
        if (positives.size() < 2 || !(field.equals(Languages.HOST) || field.equals(Languages.PATH)
                || field.equals(Languages.METHOD))) {
            return lits;
        }
        Optional<FieldState> both = partition.conjunction(field, positives);
        if (both.isEmpty() || !(both.get() instanceof FieldState.Text t)) {
            return lits;
        }
        java.util.Set<String> strings = t.language().getFiniteStrings(FEW_STRINGS);
        // A string with a wildcard character would read as a pattern; such a class keeps its patterns.
        if (strings == null || strings.isEmpty()
                || strings.stream().anyMatch(v -> v.indexOf('*') >= 0 || v.indexOf('?') >= 0)) {
            return lits;
        }
        Condition first = positives.get(0).condition();
        Condition folded = new Condition(first.type(), first.headerName(), List.copyOf(new java.util.TreeSet<>(strings)),
                List.of(), Optional.empty());
        List<Literal> out = new ArrayList<>();
        out.add(new Literal(field, folded, true));
        lits.stream().filter(l -> !l.positive()).forEach(out::add);
        out.sort(null);
        // The negatives the strings already exclude say nothing more.
        return dropImplied(field, out);
    }

    private List<Literal> dropImplied(String field, List<Literal> lits) {
        for (Literal l : List.copyOf(lits)) {
            List<Literal> others = new ArrayList<>(lits);
            others.remove(l);
            if (implied(field, others, l)) {
                lits = others;
            }
        }
        return lits;
    }

    /** True when every request of the (non-empty) class {@code others} describes meets {@code l}. */
    private boolean implied(String field, List<Literal> others, Literal l) {
        // The positives alone are one or two automata, and they imply most negatives (a class of one host excludes
        // every other host). Fewer literals make a wider class, so what the positives imply, all of them imply;
        // the conjunction of many negatives, each one split, is left for the literals the positives do not decide.
        List<Literal> positives = others.stream().filter(Literal::positive).toList();
        if (!positives.isEmpty() && positives.size() < others.size()) {
            Optional<FieldState> wider = partition.conjunction(field, positives);
            if (wider.isPresent() && nothingCut(wider.get(), l)) {
                return true;
            }
        }
        Optional<FieldState> wider = partition.conjunction(field, others);
        return wider.isPresent() && nothingCut(wider.get(), l);
    }

    /** Literal {@code i} with each value removed that removing leaves the class unchanged. */
    private Literal narrow(String field, List<Literal> lits, int i) {
        Literal current = lits.get(i);
        boolean narrowed = true;
        while (narrowed) {
            narrowed = false;
            for (Condition smaller : fewerValues(current.condition())) {
                List<Literal> trial = new ArrayList<>(lits);
                Literal narrower = new Literal(field, smaller, current.positive());
                trial.set(i, narrower);
                // Positive: the narrower class is inside; it is all when the old class has nothing outside it.
                // Negative: the narrower class is a superset; it is the same when it has nothing the old excluded.
                Optional<FieldState> check = partition.conjunction(field, current.positive() ? lits : trial);
                Literal probe = current.positive() ? narrower : current.negate();
                if (check.isPresent() && nothingCut(check.get(), probe)) {
                    lits = trial;
                    current = narrower;
                    narrowed = true;
                    break;
                }
            }
        }
        return current;
    }

    /** True when every request of {@code state} already meets {@code l}. */
    private boolean nothingCut(FieldState state, Literal l) {
        Split split = partition.split(state, l.condition());
        return l.positive() ? split.out().isEmpty() : split.in().isEmpty();
    }

    /** The condition without one of its values, for each value; none when it has only one. */
    private static List<Condition> fewerValues(Condition c) {
        List<Condition> out = new ArrayList<>();
        if (c.size() < 2) {
            return out;
        }
        for (int k = 0; k < c.size(); k++) {
            List<String> values = new ArrayList<>(c.values());
            List<QueryPair> pairs = new ArrayList<>(c.queryPairs());
            (values.isEmpty() ? pairs : values).remove(k);
            out.add(new Condition(c.type(), c.headerName(), values, pairs, Optional.empty()));
        }
        return out;
    }

    private static SortedMap<String, List<Literal>> literals(Cell cell) {
        TreeMap<String, List<Literal>> m = new TreeMap<>();
        cell.fields().forEach((f, s) -> m.put(f, s.literals()));
        return m;
    }

    private Optional<Cell> cellOf(Map<String, List<Literal>> literals) {
        Cell c = Cell.UNIVERSE;
        for (Map.Entry<String, List<Literal>> f : literals.entrySet()) {
            Optional<FieldState> s = partition.conjunction(f.getKey(), f.getValue());
            if (s.isEmpty()) {
                return Optional.empty();
            }
            c = c.with(s.get());
        }
        return Optional.of(c);
    }

    /** The public, pattern-level description of a cell: per field, one entry per positive literal. */
    static RequestClass describe(Cell cell) {
        List<RequestClass.FieldPatterns> fields = new ArrayList<>();
        for (FieldState s : cell.fields().values()) {
            List<Condition> positives = new ArrayList<>();
            List<Condition> negatives = new ArrayList<>();
            for (Literal l : s.literals()) {
                (l.positive() ? positives : negatives).add(l.condition());
            }
            List<String> none = new ArrayList<>();
            negatives.forEach(n -> shown(n).stream().filter(v -> !none.contains(v)).forEach(none::add));
            if (positives.isEmpty()) {
                fields.add(new RequestClass.FieldPatterns(s.field(), List.of(), none, List.of(), negatives));
            }
            for (int i = 0; i < positives.size(); i++) {
                Condition p = positives.get(i);
                fields.add(new RequestClass.FieldPatterns(s.field(), shown(p), i == 0 ? none : List.of(),
                        List.of(p), i == 0 ? negatives : List.of()));
            }
        }
        return new RequestClass(fields);
    }

    private static List<String> shown(Condition c) {
        return c.queryPairs().isEmpty() ? c.values() : c.queryPairs().stream().map(QueryPair::toString).toList();
    }
}

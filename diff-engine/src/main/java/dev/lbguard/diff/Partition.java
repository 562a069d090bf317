package dev.lbguard.diff;

import dev.lbguard.diff.FieldState.Split;
import dev.lbguard.model.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits the request space of one listener into classes that every rule predicate treats alike. Each
 * predicate (a rule's conditions, ANDed) splits a class {@code X} into {@code X∧c1∧…∧cn} and the pieces
 * {@code X∧c1∧…∧c(i-1)∧¬ci}: at most n+1 products, and only classes it cuts grow, so the number of classes
 * follows the overlaps between rules rather than a cross product of all patterns.
 */
final class Partition {
    private final Languages languages;
    private final Map<String, FieldState> universes = new HashMap<>();
    // Sibling classes share most field states, so one split serves many classes.
    private final Map<FieldState, Map<Integer, Split>> splits = new IdentityHashMap<>();
    private final Map<Condition, Ref> refs = new HashMap<>();

    Partition(Languages languages) {
        this.languages = languages;
    }

    /** The classes of the whole request space under these predicates (each a list of known conditions). */
    List<Cell> refine(List<List<Condition>> predicates) {
        List<Cell> cells = List.of(Cell.UNIVERSE);
        for (List<Condition> predicate : predicates) {
            List<Ref> refs = predicate.stream().map(this::ref).toList();
            List<Cell> next = new ArrayList<>(cells.size() + 4);
            for (Cell cell : cells) {
                splitInto(cell, refs, next);
            }
            cells = next;
        }
        return cells;
    }

    /**
     * Drops the splits remembered while refining. The classes keep only their own states, and a partition kept
     * for later merges would otherwise hold every intermediate state (most of its automata) for as long as it
     * is kept.
     */
    void forgetSplits() {
        splits.clear();
    }

    /** A condition with its field and a small number: the split cache hashes that, not the condition's lists. */
    private record Ref(int id, Condition condition, String field) {
    }

    private Ref ref(Condition c) {
        return refs.computeIfAbsent(c, k -> new Ref(refs.size(), k, Languages.field(k)));
    }

    private void splitInto(Cell cell, List<Ref> predicate, List<Cell> out) {
        Cell in = cell;
        for (Ref c : predicate) {
            Cell current = in;
            Split s = split(state(current, c.field()), c);
            s.out().ifPresent(o -> out.add(current.with(o)));
            if (s.in().isEmpty()) {
                return;
            }
            in = in.with(s.in().get());
        }
        out.add(in);
    }

    /** The state of {@code field} in {@code cell}. */
    FieldState state(Cell cell, String field) {
        return cell.get(field).orElseGet(() -> universe(field));
    }

    FieldState universe(String field) {
        return universes.computeIfAbsent(field, f -> Languages.existential(f) ? FieldState.Exists.universe(f)
                : new FieldState.Text(f, languages.universe(f), List.of()));
    }

    Split split(FieldState state, Condition known) {
        return split(state, ref(known));
    }

    private Split split(FieldState state, Ref ref) {
        Map<Integer, Split> byCondition = splits.computeIfAbsent(state, k -> new HashMap<>());
        Split s = byCondition.get(ref.id());
        if (s == null) {
            s = state.split(new Literal(state.field(), ref.condition(), true), languages.of(ref.condition()),
                    languages.strings(ref.condition()));
            byCondition.put(ref.id(), s);
        }
        return s;
    }

    /** The state that is the conjunction of {@code literals} (all of one field); empty when no request meets it. */
    Optional<FieldState> conjunction(String field, List<Literal> literals) {
        FieldState s = universe(field);
        for (Literal l : literals) {
            Split split = split(s, l.condition());
            Optional<FieldState> next = l.positive() ? split.in() : split.out();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            s = next.get();
        }
        return Optional.of(s);
    }
}

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
    private final Map<FieldState, Map<Condition, Split>> splits = new IdentityHashMap<>();

    Partition(Languages languages) {
        this.languages = languages;
    }

    /** The classes of the whole request space under these predicates (each a list of known conditions). */
    List<Cell> refine(List<List<Condition>> predicates) {
        List<Cell> cells = List.of(Cell.UNIVERSE);
        for (List<Condition> predicate : predicates) {
            List<Cell> next = new ArrayList<>(cells.size() + 4);
            for (Cell cell : cells) {
                splitInto(cell, predicate, next);
            }
            cells = next;
        }
        return cells;
    }

    private void splitInto(Cell cell, List<Condition> predicate, List<Cell> out) {
        Cell in = cell;
        for (Condition c : predicate) {
            Cell current = in;
            Split s = split(state(current, Languages.field(c)), c);
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
        return splits.computeIfAbsent(state, k -> new HashMap<>()).computeIfAbsent(known,
                c -> state.split(new Literal(state.field(), c, true), languages.of(c)));
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

package dev.lbguard.diff;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** One request class while refining: a product of per-field value sets; a field not present is unconstrained. */
record Cell(SortedMap<String, FieldState> fields) {
    static final Cell UNIVERSE = new Cell(new TreeMap<>());

    Cell {
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    Optional<FieldState> get(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    Cell with(FieldState state) {
        if (fields.get(state.field()) == state) {
            return this;
        }
        TreeMap<String, FieldState> f = new TreeMap<>(fields);
        if (state.literals().isEmpty()) {
            f.remove(state.field());
        } else {
            f.put(state.field(), state);
        }
        return new Cell(f);
    }
}

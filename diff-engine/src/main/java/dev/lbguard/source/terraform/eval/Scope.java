package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an expression is evaluated: the module's references plus the names bound locally ({@code each},
 * {@code count}, dynamic-block iterators, for-expression variables) and the current splat elements.
 */
public record Scope(Refs refs, Map<String, Value> names, List<Value> splatItems) {
    public Scope {
        names = Map.copyOf(names);
        splatItems = List.copyOf(splatItems);
    }

    public static Scope of(Refs refs) {
        return new Scope(refs, Map.of(), List.of());
    }

    Scope with(String name, Value value) {
        Map<String, Value> m = new HashMap<>(names);
        m.put(name, value);
        return new Scope(refs, m, splatItems);
    }

    Scope withSplatItem(Value item) {
        List<Value> items = new ArrayList<>(splatItems);
        items.add(item);
        return new Scope(refs, names, items);
    }
}

package dev.lbguard.source.value;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The order of set elements. cty orders sets of strings lexically and sets of numbers numerically;
 * other element types get a stable order by their printed form, so that equal sets compare equal.
 */
final class SetOrder {
    private SetOrder() {
    }

    static List<Value> sortedDistinct(List<Value> items) {
        List<Value> out = new ArrayList<>(new LinkedHashSet<>(items));
        out.sort(ORDER);
        return out;
    }

    private static final Comparator<Value> ORDER = (a, b) -> {
        if (a instanceof Value.Str x && b instanceof Value.Str y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof Value.Num x && b instanceof Value.Num y) {
            return x.value().compareTo(y.value());
        }
        return a.toString().compareTo(b.toString());
    };
}

package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The unevaluated paths of resources' attributes across the evaluations of one root module: an attributes object
 * taken over from an earlier evaluation is the very same object, so its paths are found once. Kept in one map
 * across evaluations (a map built afresh each time cost a twentieth of a commit's walk on a root of 2,000 rules);
 * entries no evaluation asked for since the last one are dropped once they outnumber those asked for.
 */
final class KnownUnevaluatedPaths {
    private static final class Known {
        final List<ValueJson.UnevaluatedPath> paths;
        int evaluation;

        Known(List<ValueJson.UnevaluatedPath> paths) {
            this.paths = paths;
        }
    }

    // By identity: the attributes of resources taken over are the very same objects.
    private final Map<Value.Obj, Known> known = new IdentityHashMap<>();
    private int evaluation;
    private int asked;

    /** The paths for the next evaluation: those it asks for are kept for the one after. */
    Function<Value.Obj, List<ValueJson.UnevaluatedPath>> next() {
        if (known.size() > 2 * asked + 64) {
            int last = evaluation;
            known.values().removeIf(k -> k.evaluation != last);
        }
        int current = ++evaluation;
        asked = 0;
        return attributes -> {
            Known k = known.get(attributes);
            if (k == null) {
                k = new Known(ValueJson.unevaluated(attributes));
                known.put(attributes, k);
            }
            if (k.evaluation != current) {
                k.evaluation = current;
                asked++;
            }
            return k.paths;
        };
    }

    /** How many attributes objects are kept (for tests). */
    int size() {
        return known.size();
    }
}

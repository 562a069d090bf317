package dev.lbguard.source.resources;

import dev.lbguard.model.Condition;
import dev.lbguard.source.value.Value;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions read from rules in one build of a root module's snapshot, by the rule's attributes object, for the
 * next build of the same root module: a rule taken over from the previous evaluation has the very same attributes,
 * so its conditions are the same. Only readings without a diagnostic and without asking the provider's version are
 * kept. Holds what the last build read, no more.
 */
final class KnownConditions {
    private Map<Value.Obj, List<Condition>> before = new IdentityHashMap<>();
    private Map<Value.Obj, List<Condition>> now = new IdentityHashMap<>();

    /** Starts a build: what the previous one read is what this one may take. */
    void nextBuild() {
        before = now;
        now = new IdentityHashMap<>();
    }

    List<Condition> get(Value.Obj attributes) {
        List<Condition> c = before.get(attributes);
        if (c != null) {
            now.put(attributes, c);
        }
        return c;
    }

    void put(Value.Obj attributes, List<Condition> conditions) {
        now.put(attributes, conditions);
    }
}

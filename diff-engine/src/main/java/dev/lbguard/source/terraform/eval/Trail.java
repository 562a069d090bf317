package dev.lbguard.source.terraform.eval;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.hcl.Range;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * What computing one value did besides returning it, in order: the declarations it read (in a module instance, the
 * tokens of the values it read: see {@link InstanceTakeover}), the diagnostics it raised,
 * the resource objects and sensitive values it registered, where it read the workspace; and whether it read the
 * tree. A later evaluation that takes the value over ({@link Reuse}) does all of it again.
 */
final class Trail {
    final List<Object> events = new ArrayList<>();
    boolean readTree;
    // Met a reference cycle, whose diagnostic and values depend on where it was entered.
    boolean metCycle;

    record Registered(Value.Obj object, String address) {
    }

    record Sensitive(Value value) {
    }

    record WorkspaceRead(Range at) {
    }

    /**
     * Does it all again in {@code state}: registrations and reads made during a replay go to a trail of their own,
     * which is dropped (see {@link EvalState#compute}).
     */
    void replay(EvalState state) {
        for (Object e : events) {
            if (e instanceof Diagnostic d) {
                state.replayed(d);
            } else if (e instanceof Registered r) {
                state.registerResourceObject(r.object(), r.address());
            } else if (e instanceof Sensitive s) {
                state.sensitive(s.value());
            } else if (e instanceof WorkspaceRead w) {
                state.workspace(w.at());
            } else if (e instanceof Dep dep) {
                state.touch(dep);
            } else if (e instanceof Slot.Origin read) {
                state.previousInstances.read(state, read);
            }
        }
    }
}

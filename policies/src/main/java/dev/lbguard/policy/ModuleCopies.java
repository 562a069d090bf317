package dev.lbguard.policy;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.RoutingSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module read from one copy outside the repository on both sides of a change, though the two sides ask for it
 * differently (another {@code version} constraint, another source): a {@code --module-dir} copy answers for both,
 * so what the change does to the module is not seen, and the review must not say "no change".
 */
final class ModuleCopies {
    static final String ID = "module-copy";

    private ModuleCopies() {
    }

    static List<Inconclusive> unseenChanges(RoutingSnapshot base, RoutingSnapshot head) {
        Map<String, String> before = copies(base);
        List<Inconclusive> out = new ArrayList<>();
        copies(head).forEach((module, after) -> {
            String was = before.get(module);
            if (was != null && !was.equals(after)) {
                out.add(new Inconclusive(ID, module + " is read from one copy before and after the change, though "
                        + "the change asks for it differently (before: " + was + "; after: " + after + "): what the "
                        + "change does to the module is not seen; give each revision a copy of the module it asks for"));
            }
        });
        return out;
    }

    /** Each module read from a copy, by {@code module KEY}, with what its message says of the copy. */
    private static Map<String, String> copies(RoutingSnapshot s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Diagnostic d : s.diagnostics()) {
            int open = d.message().indexOf(" (");
            if (d.code().equals(Diagnostic.MODULE_COPY) && d.message().startsWith("module ") && open > 0) {
                out.put(d.message().substring(0, open), d.message().substring(open + 1));
            }
        }
        return out;
    }
}

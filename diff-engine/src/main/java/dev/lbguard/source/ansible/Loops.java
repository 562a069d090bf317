package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Task loops: {@code loop}, {@code with_items} (flattened one level), {@code with_list} and
 * {@code with_dict}, with {@code loop_control.loop_var} and {@code index_var}. Other {@code with_*} lookups
 * run on the controller and cannot be expanded, so the task is left out with an error.
 */
final class Loops {
    private Loops() {
    }

    static List<VarScope> iterations(Y.Map task, VarScope scope, SourceRef at, AnsibleFiles files) {
        Optional<String> key = task.entries().keySet().stream()
                .filter(k -> k.equals("loop") || k.startsWith("with_")).findFirst();
        if (key.isEmpty()) {
            return List.of(scope);
        }
        Y raw = task.get(key.get()).orElseThrow();
        SourceRef loopAt = files.at(at.path(), raw.line());
        if (!List.of("loop", "with_items", "with_list", "with_dict").contains(key.get())) {
            files.diagnostics.add(Diagnostic.error("ansible-unsupported-loop", key.get() + " runs a lookup plugin "
                    + "when the play runs; lbguard cannot expand it, so the task is left out", loopAt));
            return List.of();
        }
        Y value = scope.render(raw, at.path(), at.revision(), files.diagnostics);
        if (Y.hasUnknown(value)) {
            files.diagnostics.add(Diagnostic.error("ansible-unknown-loop", "the loop cannot be expanded before the play "
                    + "runs, so the task is left out", loopAt));
            return List.of();
        }
        List<Y> items = new ArrayList<>();
        switch (key.get()) {
            case "with_items" -> Y.items(value).forEach(i -> items.addAll(i instanceof Y.List l ? l.items() : List.of(i)));
            case "with_dict" -> Y.entries(value).forEach((k, v) -> {
                Map<String, Y> item = new LinkedHashMap<>();
                item.put("key", new Y.Scalar(k, v.line()));
                item.put("value", v);
                items.add(new Y.Map(item, v.line()));
            });
            default -> {
                if (!(value instanceof Y.List) && !(value instanceof Y.Null)) {
                    files.diagnostics.add(Diagnostic.error("ansible-loop-not-a-list", key.get()
                            + " must be a list; the task is left out", loopAt));
                    return List.of();
                }
                items.addAll(Y.items(value));
            }
        }
        Y control = task.get("loop_control").orElse(Y.emptyMap(0));
        String loopVar = Y.text(control, "loop_var").orElse("item");
        Optional<String> indexVar = Y.text(control, "index_var");
        List<VarScope> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, VarScope.VarDef> vars = new LinkedHashMap<>();
            vars.put(loopVar, new VarScope.VarDef(items.get(i), loopAt));
            int index = i;
            indexVar.ifPresent(v -> vars.put(v, new VarScope.VarDef(new Y.Scalar((long) index, raw.line()), loopAt)));
            out.add(scope.with(VarScope.Level.LOOP, vars));
        }
        return out;
    }
}

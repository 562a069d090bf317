package dev.lbguard.cli.report;

import dev.lbguard.model.Listener;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.ElementId;
import java.util.List;
import java.util.Optional;

/**
 * A mermaid flowchart of one listener before and after a change: its rules in evaluation order, each with
 * an edge to where it sends requests, so a reviewer sees the new order at a glance.
 */
public final class MermaidDiagram {
    private static final int MAX_RULES = 25;

    private MermaidDiagram() {
    }

    public static String of(String title, Optional<Listener> before, RoutingSnapshot base,
                            Optional<Listener> after, RoutingSnapshot head) {
        StringBuilder s = new StringBuilder("```mermaid\nflowchart LR\n");
        side(s, "b", "before: " + title, before, base);
        side(s, "a", "after: " + title, after, head);
        return s.append("```\n").toString();
    }

    private static void side(StringBuilder s, String prefix, String title, Optional<Listener> listener,
                             RoutingSnapshot snapshot) {
        s.append("  subgraph ").append(prefix).append("[\"").append(escape(title)).append("\"]\n");
        if (listener.isEmpty()) {
            s.append("    ").append(prefix).append("none[\"no listener\"]\n  end\n");
            return;
        }
        List<Rule> rules = listener.get().rulesInEvaluationOrder();
        String previous = prefix + "L";
        s.append("    ").append(previous).append("([\"").append(escape(listener.get().label())).append("\"])\n");
        int shown = Math.min(MAX_RULES, rules.size());
        for (int i = 0; i < shown; i++) {
            Rule r = rules.get(i);
            String node = prefix + "r" + i;
            s.append("    ").append(node).append("{\"").append(r.priority()).append(": ")
                    .append(escape(shorten(Conditions.text(r), 60))).append("\"}\n");
            s.append("    ").append(previous).append(" -->|no match| ").append(node).append('\n');
            s.append("    ").append(node).append(" -->|match| ").append(prefix).append("d").append(i).append("[\"")
                    .append(escape(shorten(Destinations.summary(r.action(), snapshot), 60))).append("\"]\n");
            previous = node;
        }
        if (rules.size() > shown) {
            String more = prefix + "more";
            s.append("    ").append(more).append("[\"").append(rules.size() - shown).append(" more rules\"]\n");
            s.append("    ").append(previous).append(" -.-> ").append(more).append('\n');
            previous = more;
        }
        s.append("    ").append(previous).append(" -->|default| ").append(prefix).append("def[\"")
                .append(escape(shorten(Destinations.summary(listener.get().defaultAction(), snapshot), 60)))
                .append("\"]\n");
        s.append("  end\n");
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Mermaid labels in quotes take HTML entities; quotes and angle brackets would end or break them. */
    private static String escape(String s) {
        return s.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }

    /** The listener with {@code id} in a snapshot, if it has one. */
    public static Optional<Listener> listener(RoutingSnapshot snapshot, ElementId id) {
        return snapshot.listener(id);
    }
}

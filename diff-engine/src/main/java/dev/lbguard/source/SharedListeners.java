package dev.lbguard.source;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The listeners of another stack that several roots of one repository attach rules to: each root sees only its
 * own rules, AWS evaluates them all together, so they are joined onto one listener. Two rules taking one priority
 * there are refused by AWS ({@code PriorityInUse}): which of them exists depends on which stack applies first.
 */
final class SharedListeners {
    private SharedListeners() {
    }

    static LoadBalancer join(LoadBalancer a, LoadBalancer b, List<Diagnostic> diagnostics) {
        Map<ElementId, Listener> listeners = new LinkedHashMap<>();
        a.listeners().forEach(l -> listeners.put(l.id(), l));
        for (Listener l : b.listeners()) {
            Listener earlier = listeners.get(l.id());
            listeners.put(l.id(), earlier == null ? l : join(earlier, l, diagnostics));
        }
        return new LoadBalancer(a.id(), a.source(), a.name(), a.type(), a.internal(), new ArrayList<>(listeners.values()));
    }

    private static Listener join(Listener a, Listener b, List<Diagnostic> diagnostics) {
        Map<ElementId, Rule> rules = new LinkedHashMap<>();
        a.rules().forEach(r -> rules.put(r.id(), r));
        for (Rule r : b.rules()) {
            Rule first = rules.putIfAbsent(r.id(), r);
            if (first != null) {
                // Roots that declare one rule address are named apart before they meet (RootNames): never lose one.
                diagnostics.add(Diagnostic.error("address-clash", "rule " + r.id() + " on listener " + a.id()
                        + " is declared twice (first at " + first.source().path() + ":" + first.source().line()
                        + "); give --dir to read one root module at a time", r.source()));
                continue;
            }
            for (Rule other : a.rules()) {
                if (r.priority().isKnown() && r.priority().equals(other.priority())) {
                    diagnostics.add(Diagnostic.error("priority-in-use", r.id() + ": priority " + r.priority().value()
                            + " on listener " + a.id() + " is also taken by " + other.id() + " (" + other.source()
                            + ") of another root; AWS refuses the second (PriorityInUse), so which rule exists "
                            + "depends on which stack applies first. Give one of them another priority", r.source()));
                }
            }
        }
        return new Listener(a.id(), a.source(), a.protocol(), a.port(), a.sslPolicy(), a.certificates(),
                a.defaultAction(), new ArrayList<>(rules.values()));
    }
}

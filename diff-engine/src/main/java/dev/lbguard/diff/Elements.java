package dev.lbguard.diff;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A snapshot taken apart into the elements the resource diff compares, nested ones (listeners, rules, targets) included. */
final class Elements {
    /**
     * One element. Its content is computed on demand because it depends on which other elements turned out
     * to be renamed, which is only known once the kinds it points at have been matched.
     */
    record Element(ElementKind kind, ElementId id, SourceRef source,
                   Function<UnaryOperator<ElementId>, SortedMap<String, Attributes.Value>> content) {
    }

    private Elements() {
    }

    static Map<ElementKind, SortedMap<ElementId, Element>> of(RoutingSnapshot s) {
        Map<ElementKind, SortedMap<ElementId, Element>> out = new EnumMap<>(ElementKind.class);
        for (ElementKind k : ElementKind.values()) {
            out.put(k, new TreeMap<>());
        }
        for (LoadBalancer lb : s.loadBalancers()) {
            add(out, new Element(ElementKind.LOAD_BALANCER, lb.id(), lb.source(),
                    r -> Attributes.loadBalancer(s, lb)));
            for (Listener l : lb.listeners()) {
                add(out, new Element(ElementKind.LISTENER, l.id(), l.source(),
                        r -> Attributes.listener(s, r, lb.id(), l)));
                for (Rule rule : l.rules()) {
                    add(out, new Element(ElementKind.RULE, rule.id(), rule.source(),
                            r -> Attributes.rule(s, r, l.id(), rule)));
                }
            }
        }
        for (TargetGroup tg : s.targetGroups()) {
            add(out, new Element(ElementKind.TARGET_GROUP, tg.id(), tg.source(), r -> Attributes.targetGroup(s, tg)));
            for (Target t : tg.targets()) {
                add(out, new Element(ElementKind.TARGET, t.id(), t.source(), r -> Attributes.target(s, r, tg.id(), t)));
            }
        }
        return out;
    }

    // Ids are unique per parent in the model; a source that filed one id under two parents keeps the first,
    // and has reported the clash itself.
    private static void add(Map<ElementKind, SortedMap<ElementId, Element>> out, Element e) {
        out.get(e.kind()).putIfAbsent(e.id(), e);
    }
}

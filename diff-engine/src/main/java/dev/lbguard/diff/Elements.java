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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A snapshot taken apart into the elements the resource diff compares, nested ones (listeners, rules, targets) included. */
final class Elements {
    /**
     * One element. Its content is computed on demand because it depends on which other elements turned out
     * to be renamed, which is only known once the kinds it points at have been matched.
     */
    record Element(ElementKind kind, ElementId id, SourceRef source,
                   Function<UnaryOperator<ElementId>, SortedMap<String, Attributes.Value>> content,
                   Fingerprint fingerprint) {
    }

    /**
     * Everything an element's content is computed from (its parent, the fields of its record that
     * {@link Attributes} reads, the names of the target groups it forwards to), and more: equal fingerprints, with
     * no element renamed, mean equal content, so the diff can skip building it; unequal ones mean nothing. Never
     * the source: a block read at another commit, or moved to other lines, is the same element.
     */
    record Fingerprint(ElementId parent, List<Object> fields, List<String> targetGroupNames) {
    }

    private Elements() {
    }

    /**
     * Each kind's elements by id, in the snapshot's order: the diff looks them up by id and sorts only what
     * changed (sorting every element of a 2,000-rule snapshot by id was a sixth of a timeline commit's time).
     */
    static Map<ElementKind, Map<ElementId, Element>> of(RoutingSnapshot s) {
        Map<ElementKind, Map<ElementId, Element>> out = new EnumMap<>(ElementKind.class);
        for (ElementKind k : ElementKind.values()) {
            out.put(k, new HashMap<>());
        }
        // Target groups by id, looked up once per forward of every rule.
        Map<ElementId, String> byId = new HashMap<>();
        s.targetGroups().forEach(tg -> byId.putIfAbsent(tg.id(), tg.name()));
        Function<ElementId, String> names = id -> {
            String n = byId.get(id);
            return n != null ? n : s.targetGroupName(id);
        };
        for (LoadBalancer lb : s.loadBalancers()) {
            add(out, new Element(ElementKind.LOAD_BALANCER, lb.id(), lb.source(),
                    r -> Attributes.loadBalancer(names, lb),
                    new Fingerprint(lb.id(), List.of(lb.name(), lb.type(), lb.internal()), List.of())));
            for (Listener l : lb.listeners()) {
                add(out, new Element(ElementKind.LISTENER, l.id(), l.source(),
                        r -> Attributes.listener(names, r, lb.id(), l),
                        new Fingerprint(lb.id(), List.of(l.protocol(), l.port(), l.sslPolicy(),
                                l.certificates(), l.defaultAction()), forwardedTo(l.defaultAction(), names))));
                for (Rule rule : l.rules()) {
                    add(out, new Element(ElementKind.RULE, rule.id(), rule.source(),
                            r -> Attributes.rule(names, r, l.id(), rule),
                            new Fingerprint(l.id(), List.of(rule.priority(), rule.match(), rule.action()),
                                    forwardedTo(rule.action(), names))));
                }
            }
        }
        for (TargetGroup tg : s.targetGroups()) {
            add(out, new Element(ElementKind.TARGET_GROUP, tg.id(), tg.source(),
                    r -> Attributes.targetGroup(names, tg), new Fingerprint(tg.id(),
                    List.of(tg.name(), tg.protocol(), tg.port(), tg.targetType(), tg.healthCheck()),
                    List.of())));
            for (Target t : tg.targets()) {
                add(out, new Element(ElementKind.TARGET, t.id(), t.source(),
                        r -> Attributes.target(names, r, tg.id(), t), new Fingerprint(tg.id(),
                        List.of(t.targetId(), t.port(), t.status(), t.backup()), List.of())));
            }
        }
        return out;
    }

    /** The names of the target groups an action forwards to, as its content keys them. */
    private static List<String> forwardedTo(dev.lbguard.model.RuleAction action,
                                                      Function<ElementId, String> names) {
        return action.terminal() instanceof dev.lbguard.model.RouteAction.Forward f
                ? f.targets().stream().map(t -> names.apply(t.targetGroup())).toList() : List.of();
    }

    // Ids are unique per parent in the model; a source that filed one id under two parents keeps the first,
    // and has reported the clash itself.
    private static void add(Map<ElementKind, Map<ElementId, Element>> out, Element e) {
        out.get(e.kind()).putIfAbsent(e.id(), e);
    }
}

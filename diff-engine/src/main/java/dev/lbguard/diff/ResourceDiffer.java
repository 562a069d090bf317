package dev.lbguard.diff;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Move;
import dev.lbguard.model.Normalise;
import dev.lbguard.model.RoutingSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Computes the {@link ResourceDiff} of two snapshots: elements matched by identity (never by source, so a
 * block that moved lines or files is no change), compared attribute by attribute, with renames recognised
 * from the head's declared moves or, failing that, from equal content.
 */
public final class ResourceDiffer {
    /**
     * The order kinds are matched in: every kind comes after the kinds its content points at (listeners at
     * load balancers and target groups, rules at listeners and target groups, targets at target groups), so
     * their renames are known when its content is compared.
     */
    private static final List<ElementKind> MATCH_ORDER = List.of(ElementKind.LOAD_BALANCER,
            ElementKind.TARGET_GROUP, ElementKind.LISTENER, ElementKind.RULE, ElementKind.TARGET);

    /**
     * The differences from {@code base} to {@code head}. Only the head's moves count: they are the ones
     * Terraform applies when it moves from base to head.
     */
    public ResourceDiff diff(RoutingSnapshot base, RoutingSnapshot head) {
        RoutingSnapshot[] comparable = ComparableSnapshots.ofElements(base, head);
        RoutingSnapshot b = Normalise.snapshot(comparable[0]);
        RoutingSnapshot h = Normalise.snapshot(comparable[1]);
        Map<ElementKind, Map<ElementId, Elements.Element>> before = Elements.of(b);
        Map<ElementKind, Map<ElementId, Elements.Element>> after = Elements.of(h);
        Map<ElementId, ElementId> renames = new HashMap<>();
        UnaryOperator<ElementId> renamed = id -> renames.getOrDefault(id, id);
        List<ResourceChange> changes = new ArrayList<>();
        for (ElementKind kind : MATCH_ORDER) {
            Map<ElementId, Elements.Element> bk = before.get(kind);
            Map<ElementId, Elements.Element> hk = after.get(kind);
            List<ElementId> baseOnly = bk.keySet().stream().filter(id -> !hk.containsKey(id)).sorted().toList();
            TreeSet<ElementId> headOnly = hk.keySet().stream().filter(id -> !bk.containsKey(id))
                    .collect(Collectors.toCollection(TreeSet::new));

            Map<ElementId, ElementId> declared = declaredRenames(baseOnly, headOnly, h.moves());
            Map<ElementId, ElementId> pairs = new LinkedHashMap<>(declared);
            pairs.putAll(equalContentRenames(baseOnly, headOnly, declared, bk, hk, renamed));
            renames.putAll(pairs);

            // Reported in the base element's id order, then what the head adds in its own.
            SortedMap<ElementId, ResourceChange> ofBase = new TreeMap<>();
            for (Elements.Element was : bk.values()) {
                Elements.Element now = hk.get(was.id());
                if (now != null) {
                    if (renames.isEmpty() && was.fingerprint().equals(now.fingerprint())) {
                        continue; // the same content, not built (see Elements.Fingerprint)
                    }
                    List<AttributeChange> attributes = compare(was, now, renamed);
                    if (!attributes.isEmpty()) {
                        ofBase.put(was.id(), change(now, ChangeType.MODIFIED, Optional.empty(), false, attributes));
                    }
                } else if (pairs.containsKey(was.id())) {
                    Elements.Element to = hk.get(pairs.get(was.id()));
                    ofBase.put(was.id(), change(to, ChangeType.RENAMED, Optional.of(was.id()),
                            declared.containsKey(was.id()), compare(was, to, renamed)));
                } else {
                    ofBase.put(was.id(), change(was, ChangeType.REMOVED, Optional.empty(), false, List.of()));
                }
            }
            changes.addAll(ofBase.values());
            for (ElementId id : headOnly) {
                if (!pairs.containsValue(id)) {
                    changes.add(change(hk.get(id), ChangeType.ADDED, Optional.empty(), false, List.of()));
                }
            }
        }
        return new ResourceDiff(changes);
    }

    /** Base-only elements that a move takes to a head-only element of the same kind. */
    private static Map<ElementId, ElementId> declaredRenames(List<ElementId> baseOnly, TreeSet<ElementId> headOnly,
                                                            List<Move> moves) {
        Map<ElementId, ElementId> out = new LinkedHashMap<>();
        for (ElementId from : baseOnly) {
            ElementId to = Move.follow(moves, from);
            if (!to.equals(from) && headOnly.contains(to) && !out.containsValue(to)) {
                out.put(from, to);
            }
        }
        return out;
    }

    /**
     * Base-only and head-only elements with equal content, paired in identity order within each group of
     * equal content, so that the pairing does not depend on which snapshot is the base.
     */
    private static Map<ElementId, ElementId> equalContentRenames(List<ElementId> baseOnly, TreeSet<ElementId> headOnly,
                                                                Map<ElementId, ElementId> declared,
                                                                Map<ElementId, Elements.Element> bk,
                                                                Map<ElementId, Elements.Element> hk,
                                                                UnaryOperator<ElementId> renamed) {
        Map<Map<String, AttributeValue>, Deque<ElementId>> candidates = new HashMap<>();
        for (ElementId id : headOnly) {
            if (!declared.containsValue(id)) {
                candidates.computeIfAbsent(compared(hk.get(id), UnaryOperator.identity()), k -> new ArrayDeque<>())
                        .add(id);
            }
        }
        Map<ElementId, ElementId> out = new LinkedHashMap<>();
        for (ElementId from : baseOnly) {
            if (declared.containsKey(from)) {
                continue;
            }
            Deque<ElementId> same = candidates.get(compared(bk.get(from), renamed));
            if (same != null && !same.isEmpty()) {
                out.put(from, same.poll());
            }
        }
        return out;
    }

    private static Map<String, AttributeValue> compared(Elements.Element e, UnaryOperator<ElementId> renamed) {
        Map<String, AttributeValue> out = new TreeMap<>();
        e.content().apply(renamed).forEach((path, v) -> out.put(path, v.compared()));
        return out;
    }

    /** The attributes that differ, in path order; values as each snapshot writes them. */
    private static List<AttributeChange> compare(Elements.Element was, Elements.Element now,
                                                 UnaryOperator<ElementId> renamed) {
        SortedMap<String, Attributes.Value> b = was.content().apply(renamed);
        SortedMap<String, Attributes.Value> h = now.content().apply(UnaryOperator.identity());
        TreeSet<String> paths = new TreeSet<>(b.keySet());
        paths.addAll(h.keySet());
        List<AttributeChange> out = new ArrayList<>();
        for (String path : paths) {
            Optional<Attributes.Value> x = Optional.ofNullable(b.get(path));
            Optional<Attributes.Value> y = Optional.ofNullable(h.get(path));
            if (!x.map(Attributes.Value::compared).equals(y.map(Attributes.Value::compared))) {
                out.add(new AttributeChange(path, x.map(Attributes.Value::shown).orElse(AttributeValue.ABSENT),
                        y.map(Attributes.Value::shown).orElse(AttributeValue.ABSENT)));
            }
        }
        return out;
    }

    private static ResourceChange change(Elements.Element e, ChangeType type, Optional<ElementId> renamedFrom,
                                         boolean declaredMove, List<AttributeChange> attributes) {
        return new ResourceChange(e.kind(), e.id(), type, renamedFrom, declaredMove, e.source(), attributes);
    }
}

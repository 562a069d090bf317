package dev.lbguard.diff;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Pairs the elements of a live snapshot with those of the desired (git) snapshot and gives the paired live elements
 * the desired identities, so that the ordinary diffs compare them. Pairs by identity first (state files use the
 * Terraform addresses git does), then through known identities such as ARNs that a state file maps to addresses,
 * then by content that identifies an element on a load balancer: load balancer and target group name, listener
 * port and protocol, rule priority, target id and port.
 */
public final class LiveMatcher {

    public LiveMatch match(RoutingSnapshot desired, RoutingSnapshot live) {
        return match(desired, live, Map.of());
    }

    /**
     * @param knownIds live identities (such as ARNs) mapped to desired identities (Terraform addresses)
     */
    public LiveMatch match(RoutingSnapshot desired, RoutingSnapshot live, Map<String, ElementId> knownIds) {
        return new Run(desired, live, knownIds).run();
    }

    /** One pairing; the maps fill kind by kind, parents before children. */
    private static final class Run {
        private final RoutingSnapshot desired;
        private final RoutingSnapshot live;
        private final Map<String, ElementId> knownIds;
        private final Map<ElementId, ElementId> rekey = new HashMap<>();
        private final Set<ElementId> taken = new HashSet<>();
        private final Map<ElementId, SourceRef> desiredSources = new HashMap<>();
        private final Map<ElementId, String> desiredNames = new HashMap<>();

        Run(RoutingSnapshot desired, RoutingSnapshot live, Map<String, ElementId> knownIds) {
            this.desired = desired;
            this.live = live;
            this.knownIds = knownIds;
        }

        LiveMatch run() {
            pair(live.loadBalancers(), desired.loadBalancers(), LoadBalancer::id, lb -> lb.name(), LoadBalancer::source);
            pair(live.targetGroups(), desired.targetGroups(), TargetGroup::id, tg -> tg.name(), TargetGroup::source);
            for (LoadBalancer d : desired.loadBalancers()) {
                for (Listener l : d.listeners()) {
                    desiredSources.put(l.id(), l.source());
                    l.rules().forEach(r -> desiredSources.put(r.id(), r.source()));
                }
            }
            desired.targetGroups().forEach(tg -> tg.targets().forEach(t -> desiredSources.put(t.id(), t.source())));
            for (LoadBalancer lb : live.loadBalancers()) {
                Optional<LoadBalancer> d = paired(lb.id()).flatMap(desired::loadBalancer);
                pairChildren(lb.listeners(), d.map(LoadBalancer::listeners).orElse(List.of()), Listener::id,
                        l -> l.protocol() + ":" + l.port());
            }
            for (LoadBalancer lb : live.loadBalancers()) {
                for (Listener l : lb.listeners()) {
                    Optional<Listener> d = paired(l.id()).flatMap(desired::listener);
                    pairChildren(l.rules(), d.map(Listener::rules).orElse(List.of()), Rule::id,
                            r -> r.priority().isKnown() ? Integer.toString(r.priority().value()) : "");
                }
            }
            for (TargetGroup tg : live.targetGroups()) {
                Optional<TargetGroup> d = paired(tg.id()).flatMap(desired::targetGroup);
                pairChildren(tg.targets(), d.map(TargetGroup::targets).orElse(List.of()), Target::id,
                        t -> t.targetId() + ":" + (t.port().isPresent() ? t.port().getAsInt() : tg.port()));
            }
            RoutingSnapshot rekeyed = new RoutingSnapshot(live.origin(),
                    live.loadBalancers().stream().map(this::loadBalancer).toList(),
                    live.targetGroups().stream().map(this::targetGroup).toList(),
                    live.diagnostics(), live.moves(), live.secrets());
            return new LiveMatch(rekeyed, missing(), unmanaged());
        }

        private Optional<ElementId> paired(ElementId liveId) {
            return Optional.ofNullable(rekey.get(liveId));
        }

        /** Top-level elements: by id, then by known id, then by name where the name is unique on both sides. */
        private <T> void pair(List<T> liveItems, List<T> desiredItems, Function<T, ElementId> id, Function<T, String> name,
                              Function<T, SourceRef> source) {
            Map<ElementId, T> byId = new HashMap<>();
            for (T d : desiredItems) {
                byId.put(id.apply(d), d);
                desiredSources.put(id.apply(d), source.apply(d));
                desiredNames.put(id.apply(d), name.apply(d));
            }
            List<T> rest = new ArrayList<>();
            for (T l : liveItems) {
                ElementId lid = id.apply(l);
                Optional<ElementId> d = Optional.of(lid).filter(byId::containsKey)
                        .or(() -> Optional.ofNullable(knownIds.get(lid.value())).filter(byId::containsKey))
                        .filter(x -> !taken.contains(x));
                if (d.isPresent()) {
                    link(lid, d.get());
                } else {
                    rest.add(l);
                }
            }
            byContent(rest, desiredItems.stream().filter(d -> !taken.contains(id.apply(d))).toList(), id, name);
        }

        /** Children of paired parents: by id or known id anywhere, else by their key under the paired parent. */
        private <T> void pairChildren(List<T> liveItems, List<T> desiredSiblings, Function<T, ElementId> id,
                                      Function<T, String> key) {
            List<T> rest = new ArrayList<>();
            for (T l : liveItems) {
                ElementId lid = id.apply(l);
                Optional<ElementId> d = Optional.of(lid).filter(desiredSources::containsKey)
                        .or(() -> Optional.ofNullable(knownIds.get(lid.value())).filter(desiredSources::containsKey))
                        .filter(x -> !taken.contains(x));
                if (d.isPresent()) {
                    link(lid, d.get());
                } else {
                    rest.add(l);
                }
            }
            byContent(rest, desiredSiblings.stream().filter(d -> !taken.contains(id.apply(d))).toList(), id, key);
        }

        /** Pairs by a key only where it is unique on both sides: two rules at one priority are no evidence. */
        private <T> void byContent(List<T> liveItems, List<T> desiredItems, Function<T, ElementId> id,
                                   Function<T, String> key) {
            Map<String, List<T>> live = group(liveItems, key);
            Map<String, List<T>> want = group(desiredItems, key);
            for (T l : liveItems) {
                String k = key.apply(l);
                if (!k.isEmpty() && live.get(k).size() == 1 && want.getOrDefault(k, List.of()).size() == 1) {
                    link(id.apply(l), id.apply(want.get(k).get(0)));
                }
            }
        }

        private static <T> Map<String, List<T>> group(List<T> items, Function<T, String> key) {
            Map<String, List<T>> out = new HashMap<>();
            items.forEach(i -> out.computeIfAbsent(key.apply(i), k -> new ArrayList<>()).add(i));
            return out;
        }

        private void link(ElementId liveId, ElementId desiredId) {
            rekey.put(liveId, desiredId);
            taken.add(desiredId);
        }

        /**
         * The id a live element gets: its desired partner's, or its own when unpaired, marked when that would
         * collide with a desired element paired to something else.
         */
        private ElementId id(ElementId liveId) {
            ElementId to = rekey.get(liveId);
            if (to != null) {
                return to;
            }
            return taken.contains(liveId) ? ElementId.of(liveId.value() + " (unmanaged)") : liveId;
        }

        private SourceRef source(ElementId liveId, SourceRef own) {
            return paired(liveId).map(desiredSources::get).filter(Objects::nonNull).orElse(own);
        }

        /** A desired element whose name is only its address was never named; the live name is then no drift. */
        private String name(ElementId liveId, String own) {
            return paired(liveId).filter(d -> d.value().equals(desiredNames.get(d))).map(ElementId::value).orElse(own);
        }

        private LoadBalancer loadBalancer(LoadBalancer lb) {
            return new LoadBalancer(id(lb.id()), source(lb.id(), lb.source()), name(lb.id(), lb.name()), lb.type(),
                    lb.internal(), lb.listeners().stream().map(this::listener).toList());
        }

        private Listener listener(Listener l) {
            return new Listener(id(l.id()), source(l.id(), l.source()), l.protocol(), l.port(), l.sslPolicy(),
                    l.certificates(), action(l.defaultAction()), l.rules().stream().map(this::rule).toList(),
                    l.semantics());
        }

        private Rule rule(Rule r) {
            return new Rule(id(r.id()), source(r.id(), r.source()), r.priority(), r.match(), action(r.action()));
        }

        private RuleAction action(RuleAction a) {
            if (a.terminal() instanceof RouteAction.Forward f) {
                List<WeightedTarget> targets = f.targets().stream()
                        .map(t -> new WeightedTarget(id(t.targetGroup()), t.weight(), t.unresolved())).toList();
                return new RuleAction(a.authenticate(), new RouteAction.Forward(targets, f.stickiness()));
            }
            return a;
        }

        private TargetGroup targetGroup(TargetGroup tg) {
            return new TargetGroup(id(tg.id()), source(tg.id(), tg.source()), name(tg.id(), tg.name()), tg.protocol(),
                    tg.port(), tg.targetType(), tg.healthCheck(), tg.targets().stream()
                    .map(t -> new Target(id(t.id()), source(t.id(), t.source()), t.targetId(), t.port(), t.status(),
                            t.backup()))
                    .toList(), tg.registeredBy());
        }

        private List<LiveMatch.Unpaired> missing() {
            List<LiveMatch.Unpaired> out = new ArrayList<>();
            for (LoadBalancer lb : desired.loadBalancers()) {
                if (!taken.contains(lb.id())) {
                    out.add(new LiveMatch.Unpaired(ElementKind.LOAD_BALANCER, lb.id(), lb.name(), lb.source()));
                    continue;
                }
                for (Listener l : lb.listeners()) {
                    if (!taken.contains(l.id())) {
                        out.add(new LiveMatch.Unpaired(ElementKind.LISTENER, l.id(), l.label(), l.source()));
                        continue;
                    }
                    for (Rule r : l.rules()) {
                        if (!taken.contains(r.id())) {
                            out.add(new LiveMatch.Unpaired(ElementKind.RULE, r.id(), "priority " + r.priority(),
                                    r.source()));
                        }
                    }
                }
            }
            for (TargetGroup tg : desired.targetGroups()) {
                if (!taken.contains(tg.id())) {
                    out.add(new LiveMatch.Unpaired(ElementKind.TARGET_GROUP, tg.id(), tg.name(), tg.source()));
                    continue;
                }
                for (Target t : tg.targets()) {
                    if (!taken.contains(t.id())) {
                        out.add(new LiveMatch.Unpaired(ElementKind.TARGET, t.id(), t.targetId(), t.source()));
                    }
                }
            }
            return out;
        }

        private List<LiveMatch.Unpaired> unmanaged() {
            List<LiveMatch.Unpaired> out = new ArrayList<>();
            for (LoadBalancer lb : live.loadBalancers()) {
                if (!rekey.containsKey(lb.id())) {
                    out.add(new LiveMatch.Unpaired(ElementKind.LOAD_BALANCER, id(lb.id()), lb.name(), lb.source()));
                    continue;
                }
                for (Listener l : lb.listeners()) {
                    if (!rekey.containsKey(l.id())) {
                        out.add(new LiveMatch.Unpaired(ElementKind.LISTENER, id(l.id()), l.label(), l.source()));
                        continue;
                    }
                    for (Rule r : l.rules()) {
                        if (!rekey.containsKey(r.id())) {
                            out.add(new LiveMatch.Unpaired(ElementKind.RULE, id(r.id()), "priority " + r.priority(),
                                    r.source()));
                        }
                    }
                }
            }
            for (TargetGroup tg : live.targetGroups()) {
                if (!rekey.containsKey(tg.id())) {
                    out.add(new LiveMatch.Unpaired(ElementKind.TARGET_GROUP, id(tg.id()), tg.name(), tg.source()));
                    continue;
                }
                for (Target t : tg.targets()) {
                    if (!rekey.containsKey(t.id())) {
                        out.add(new LiveMatch.Unpaired(ElementKind.TARGET, id(t.id()), t.targetId(), t.source()));
                    }
                }
            }
            return out;
        }
    }
}

package dev.lbguard.source;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Move;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names the elements of root modules apart when they would share addresses. Two roots that call one module under
 * one name ({@code envs/dev} and {@code envs/prod}, each with {@code module "alb"}) both declare
 * {@code module.alb.aws_lb.this}; Terraform keeps them apart by state, lbguard by naming each such root's elements
 * under its directory, {@code root["envs/prod"].module.alb.aws_lb.this}, as Terragrunt units are named
 * ({@code unit["DIR"]}). Only roots that share an address are renamed, so a repository whose roots name their
 * elements apart reads as before.
 *
 * <p>The diffs know an element by its id, so both sides of a comparison must name a root alike: the roots named
 * apart are those that share an address on either side ({@link #clashing(Collection)}), and a root added beside
 * another that declares its addresses renames the other on both sides, not only on the side where both exist.
 */
public final class RootNames {
    private RootNames() {
    }

    /**
     * The roots, among the keys of each side's reading (root directory to its snapshot), that declare an address
     * another root of the same side declares (see {@link RootClashes}).
     */
    public static Set<String> clashing(Collection<Map<String, RoutingSnapshot>> sides) {
        Set<String> apart = new TreeSet<>();
        for (Map<String, RoutingSnapshot> side : sides) {
            apart.addAll(new RootClashes().update(side));
        }
        return apart;
    }

    /**
     * The roots whose directory moved between base and head ({@code git mv envs/prod envs/production}), as pairs
     * of the base's directory and the head's: a root gone from the base and one come in the head that are one stack
     * ({@code sameStack}, see {@link dev.lbguard.source.terraform.SameStack}): their directories hold the same
     * files, byte for byte, so that its backend block, and its state, moved along; or, edited as it moved, its
     * backend names the same state. Nothing is destroyed. One to one: where several gone roots are one stack with
     * one come root, or the other way round, the pair is the one whose directories end alike ({@code envs/prod} and
     * {@code live/prod}), and none when that does not decide. A move edited in the same commit whose backend does
     * not name its state whole (none, or a partial configuration) is not found: its elements read as renamed.
     */
    public static List<String[]> movedRoots(Map<String, RoutingSnapshot> base, Map<String, RoutingSnapshot> head,
                                            java.util.function.BiPredicate<String, String> sameStack) {
        List<String> gone = base.keySet().stream().filter(r -> !head.containsKey(r) && !r.isEmpty()).toList();
        List<String> come = head.keySet().stream().filter(r -> !base.containsKey(r) && !r.isEmpty()).toList();
        List<String[]> pairs = new ArrayList<>();
        if (gone.isEmpty() || come.isEmpty()) {
            return pairs;
        }
        Map<String, List<String>> to = new HashMap<>();
        Map<String, List<String>> from = new HashMap<>();
        for (String g : gone) {
            for (String c : come) {
                if (sameStack.test(g, c)) {
                    to.computeIfAbsent(g, k -> new ArrayList<>()).add(c);
                    from.computeIfAbsent(c, k -> new ArrayList<>()).add(g);
                }
            }
        }
        to.forEach((g, targets) -> {
            List<String> chosen = endingAlike(g, targets);
            if (chosen.size() == 1 && endingAlike(chosen.get(0), from.get(chosen.get(0))).equals(List.of(g))) {
                pairs.add(new String[] {g, chosen.get(0)});
            }
        });
        pairs.sort(java.util.Comparator.comparing(p -> p[0]));
        return pairs;
    }

    /** {@code candidates} when there is one; else those whose last directory is {@code dir}'s. */
    private static List<String> endingAlike(String dir, List<String> candidates) {
        if (candidates.size() <= 1) {
            return candidates;
        }
        String last = dir.substring(dir.lastIndexOf('/') + 1);
        return candidates.stream().filter(c -> c.substring(c.lastIndexOf('/') + 1).equals(last)).toList();
    }

    /** The move of everything named under root {@code from} to root {@code to}, declared at {@code at}. */
    static Move move(String from, String to, dev.lbguard.diagnostic.SourceRef at) {
        return new Move(ElementId.of(address(from)), ElementId.of(address(to)), at);
    }

    /** How the elements of {@code root} (a directory, {@code ""} for the repository's top) are named apart. */
    public static String prefix(String root) {
        return address(root) + ".";
    }

    /** The address of a root named apart, {@code root["envs/prod"]}, which its elements' addresses begin with. */
    private static String address(String root) {
        String dir = root.isEmpty() ? "." : root;
        return "root[\"" + dir.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    /**
     * {@code snapshot} (the reading of {@code root}) with every element it declares named under the root: load
     * balancers, listeners, rules, target groups and their targets, the forwards to its own target groups, and
     * its moves. Another stack's load balancer and listeners keep their names, so that the rules roots hang on
     * them still meet there; a forward to a group this root does not declare keeps the name it was given.
     */
    public static RoutingSnapshot apart(String root, RoutingSnapshot snapshot) {
        String prefix = prefix(root);
        Set<ElementId> own = new java.util.HashSet<>();
        snapshot.targetGroups().forEach(tg -> own.add(tg.id()));
        List<LoadBalancer> loadBalancers = new ArrayList<>();
        for (LoadBalancer lb : snapshot.loadBalancers()) {
            boolean looked = lb.managedElsewhere();
            List<Listener> listeners = new ArrayList<>();
            for (Listener l : lb.listeners()) {
                List<Rule> rules = l.rules().stream().map(r -> new Rule(named(prefix, r.id()), r.source(),
                        r.priority(), r.match(), forward(r.action(), prefix, own))).toList();
                listeners.add(new Listener(looked ? l.id() : named(prefix, l.id()), l.source(), l.protocol(),
                        l.port(), l.sslPolicy(), l.certificates(), forward(l.defaultAction(), prefix, own), rules,
                        l.semantics()));
            }
            loadBalancers.add(looked ? new LoadBalancer(lb.id(), lb.source(), lb.name(), lb.type(), lb.internal(),
                    listeners) : new LoadBalancer(named(prefix, lb.id()), lb.source(), name(prefix, lb.id(), lb.name()),
                    lb.type(), lb.internal(), listeners));
        }
        List<TargetGroup> targetGroups = snapshot.targetGroups().stream().map(tg -> new TargetGroup(
                named(prefix, tg.id()), tg.source(), name(prefix, tg.id(), tg.name()), tg.protocol(), tg.port(),
                tg.targetType(), tg.healthCheck(), tg.targets().stream().map(t -> new Target(named(prefix, t.id()),
                        t.source(), t.targetId(), t.port(), t.status(), t.backup())).toList(), tg.registeredBy())).toList();
        List<Move> moves = snapshot.moves().stream()
                .map(m -> new Move(named(prefix, m.from()), named(prefix, m.to()), m.source())).toList();
        return new RoutingSnapshot(snapshot.origin(), loadBalancers, targetGroups, snapshot.diagnostics(), moves,
                snapshot.secrets());
    }

    /** A load balancer or group without a {@code name} is shown by its address: then by its new one. */
    private static String name(String prefix, ElementId id, String name) {
        return name.equals(id.value()) ? prefix + name : name;
    }

    private static ElementId named(String prefix, ElementId id) {
        return ElementId.of(prefix + id.value());
    }

    private static RuleAction forward(RuleAction action, String prefix, Set<ElementId> own) {
        if (!(action.terminal() instanceof RouteAction.Forward f)
                || f.targets().stream().noneMatch(t -> t.isLinked() && own.contains(t.targetGroup()))) {
            return action;
        }
        List<WeightedTarget> targets = f.targets().stream().map(t -> t.isLinked() && own.contains(t.targetGroup())
                ? new WeightedTarget(named(prefix, t.targetGroup()), t.weight(), t.unresolved()) : t).toList();
        return new RuleAction(action.authenticate(), new RouteAction.Forward(targets, f.stickiness()));
    }
}

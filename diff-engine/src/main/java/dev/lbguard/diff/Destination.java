package dev.lbguard.diff;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.route.RouteResult;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a class of requests goes in one snapshot: the rule that takes it (empty for the listener's default
 * action), its action, or no listener at all, or unknown (the evaluator could not decide, with why).
 */
public record Destination(Optional<ElementId> rule, Optional<RuleAction> action, Kind kind, String reason) {
    /** Whether the destination is a decided action, no listener (connection refused), or unknown. */
    public enum Kind { ACTION, NO_LISTENER, UNKNOWN }

    public Destination {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public static Destination noListener() {
        return new Destination(Optional.empty(), Optional.empty(), Kind.NO_LISTENER, "");
    }

    /** The destination the evaluator's answer names: its action, or unknown with the known part and why. */
    public static Destination of(RouteResult result) {
        return result.isMatched()
                ? new Destination(result.ruleId(), result.action(), Kind.ACTION, "")
                : new Destination(result.ruleId(), result.action(), Kind.UNKNOWN, result.reason());
    }

    /**
     * True when requests end up in the same place: the same kind and the same action up to what does not move
     * traffic. The rule that takes them does not count (a renamed or re-prioritised rule moves nothing);
     * weights count as the traffic split (1 alone equals 100 alone; a group of weight 0 takes nothing);
     * stickiness counts only where traffic is split; authenticate steps count in order, not by order number.
     * Target groups compare by id; {@link #routesAlike(Destination, Reach)} compares them as requests reach them.
     */
    public boolean routesAlike(Destination other) {
        return routesAlike(other, Reach.IDENTITY);
    }

    /**
     * As {@link #routesAlike(Destination)}, this destination in {@code base} and {@code other} in {@code head},
     * target groups compared as a request reaches them (identity after the snapshots' moves, name, protocol, port,
     * targets where both list some).
     */
    public boolean routesAlike(Destination other, RoutingSnapshot base, RoutingSnapshot head) {
        return routesAlike(other, Reach.of(base, head));
    }

    /**
     * {@link #routesAlike(Destination, RoutingSnapshot, RoutingSnapshot)} for many pairs of one base and head: what
     * a request reaches in either is worked out once (once per call, it is most of deciding a million requests).
     */
    public static java.util.function.BiPredicate<Destination, Destination> alikeIn(RoutingSnapshot base,
                                                                                 RoutingSnapshot head) {
        Reach reach = Reach.of(base, head);
        return (before, after) -> before.routesAlike(after, reach);
    }

    /**
     * As {@link #routesAlike(Destination)}, this destination in the base and {@code other} in the head, with
     * target groups compared as {@code reach} says a request reaches them (identity after moves, name,
     * protocol, port, targets), never by Terraform address alone.
     */
    boolean routesAlike(Destination other, Reach reach) {
        if (equals(other) && action.map(a -> groupIds(a).stream().allMatch(reach::idsSuffice)).orElse(true)) {
            return true; // most classes of a diff go where they went; equality is far cheaper than routing()
        }
        return kind == other.kind && action.map(a -> routing(a, id -> reach.key(id, true)))
                .equals(other.action.map(a -> routing(a, id -> reach.key(id, false))));
    }

    private static List<ElementId> groupIds(RuleAction a) {
        return a.terminal() instanceof RouteAction.Forward f
                ? f.targets().stream().map(WeightedTarget::targetGroup).toList() : List.of();
    }

    private static List<Object> routing(RuleAction a, Function<ElementId, Reach.Key> group) {
        List<Object> steps = a.authenticate().stream()
                .<Object>map(s -> List.of(s.kind(), s.settings()))
                .toList();
        return List.of(steps, a.terminal().accept(new Terminal(group)));
    }

    /** The part of a terminal action that decides where requests go. */
    private static final class Terminal implements RouteAction.Visitor<Object> {
        private final Function<ElementId, Reach.Key> group;

        Terminal(Function<ElementId, Reach.Key> group) {
            this.group = group;
        }

        @Override
        public Object forward(RouteAction.Forward f) {
            int total = f.targets().stream().mapToInt(WeightedTarget::weight).sum();
            List<WeightedTarget> taking = total == 0 ? f.targets()
                    : f.targets().stream().filter(t -> t.weight() > 0).toList();
            int gcd = taking.stream().mapToInt(WeightedTarget::weight)
                    .reduce(0, (x, y) -> BigInteger.valueOf(x).gcd(BigInteger.valueOf(y)).intValue());
            // A set of (group, share): a rename may change the order the groups are listed in.
            Set<List<Object>> split = new HashSet<>();
            for (WeightedTarget t : taking) {
                split.add(List.of(group.apply(t.targetGroup()), gcd == 0 ? 0 : t.weight() / gcd, t.unresolved()));
            }
            return List.of("forward", split, split.size() > 1 ? f.stickiness() : Optional.empty());
        }

        @Override
        public Object redirect(RouteAction.Redirect redirect) {
            return redirect;
        }

        @Override
        public Object fixedResponse(RouteAction.FixedResponse fixedResponse) {
            return fixedResponse;
        }

        @Override
        public Object unresolved(RouteAction.Unresolved unresolved) {
            return unresolved;
        }
    }
}

package dev.lbguard.diff;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.route.RouteResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
     */
    public boolean routesAlike(Destination other) {
        if (equals(other)) {
            return true; // most classes of a diff go where they went; equality is far cheaper than routing()
        }
        return kind == other.kind && action.map(Destination::routing).equals(other.action.map(Destination::routing));
    }

    private static List<Object> routing(RuleAction a) {
        List<Object> steps = a.authenticate().stream()
                .<Object>map(s -> List.of(s.kind(), s.settings()))
                .toList();
        return List.of(steps, a.terminal().accept(TERMINAL));
    }

    private static final RouteAction.Visitor<Object> TERMINAL = new RouteAction.Visitor<>() {
        @Override
        public Object forward(RouteAction.Forward f) {
            int total = f.targets().stream().mapToInt(WeightedTarget::weight).sum();
            List<WeightedTarget> taking = total == 0 ? f.targets()
                    : f.targets().stream().filter(t -> t.weight() > 0).toList();
            int gcd = taking.stream().mapToInt(WeightedTarget::weight)
                    .reduce(0, (x, y) -> BigInteger.valueOf(x).gcd(BigInteger.valueOf(y)).intValue());
            List<WeightedTarget> split = taking.stream()
                    .map(t -> new WeightedTarget(t.targetGroup(), gcd == 0 ? 0 : t.weight() / gcd, t.unresolved()))
                    .toList();
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
    };
}

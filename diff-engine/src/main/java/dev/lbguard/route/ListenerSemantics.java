package dev.lbguard.route;

import dev.lbguard.model.Listener;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import java.util.List;
import java.util.Optional;

/**
 * One load balancer's way of choosing the rule that takes a request. Each {@link dev.lbguard.model.RuleSemantics}
 * has exactly one implementation, and {@link RouteEvaluator} is the only caller, so semantics never mix.
 */
interface ListenerSemantics {

    /** Which rule of {@code listener} takes {@code request}, and what it does; unknown rather than a guess. */
    RouteResult evaluate(Listener listener, Request request);

    /** The listener ready to decide request after request; by default each request is evaluated alone. */
    default RouteEvaluator.Prepared prepare(Listener listener, boolean remember) {
        return request -> evaluate(listener, request);
    }

    /** The rules that can never take a request because earlier rules take all they would match. */
    List<UnreachableRule> unreachableRules(Listener listener);

    static RouteResult viaDefault(Listener listener) {
        return withAction(Optional.empty(), listener.defaultAction());
    }

    static RouteResult withAction(Optional<Rule> rule, RuleAction action) {
        if (!action.isKnown()) {
            if (rule.isEmpty() && action.terminal() instanceof dev.lbguard.model.RouteAction.Unresolved u
                    && u.isNotTaken()) {
                // A listener of another stack: no destination is invented, the report says what is not seen.
                return RouteResult.unknown(rule, Optional.of(action), u.reason());
            }
            String who = rule.map(r -> r.id().value()).orElse("the default action");
            return RouteResult.unknown(rule, Optional.of(action), "the destination of " + who + " is unknown: " + action);
        }
        return RouteResult.matched(rule, action);
    }
}

package dev.lbguard.route;

import dev.lbguard.model.AclExpr;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleMatch;
import dev.lbguard.route.ConditionMatcher.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HAProxy's semantics: rules in file order (the reader numbers them, {@code http-request} rules first since
 * HAProxy runs them before {@code use_backend}), the first whose ACL expression holds wins, then
 * {@code default_backend}. Stateless and thread-safe.
 */
final class HaproxySemantics implements ListenerSemantics {
    static final HaproxySemantics INSTANCE = new HaproxySemantics();

    private HaproxySemantics() {
    }

    @Override
    public RouteResult evaluate(Listener listener, Request request) {
        return evaluate(listener, listener.rulesInEvaluationOrder(), request);
    }

    /** The rules put in evaluation order once, for request after request (a log's, a diff's witnesses). */
    @Override
    public RouteEvaluator.Prepared prepare(Listener listener, boolean remember) {
        List<Rule> ordered = listener.rulesInEvaluationOrder();
        return request -> evaluate(listener, ordered, request);
    }

    private static RouteResult evaluate(Listener listener, List<Rule> ordered, Request request) {
        if (!listener.evaluatesRules()) {
            return ListenerSemantics.viaDefault(listener);
        }
        for (Rule rule : ordered) {
            if (!rule.priority().isKnown()) {
                return RouteResult.unknown(Optional.of(rule), Optional.empty(),
                        "the position of " + rule.id() + " is unknown");
            }
            Verdict v = AclMatcher.evaluate(expression(rule), request);
            if (v.truth() == Truth.UNKNOWN) {
                return RouteResult.unknown(Optional.of(rule), Optional.empty(), rule.id() + ": " + v.reason());
            }
            if (v.truth() == Truth.TRUE) {
                return ListenerSemantics.withAction(Optional.of(rule), rule.action());
            }
        }
        return ListenerSemantics.viaDefault(listener);
    }

    /** The rule's ACL expression: a listener with HAProxy semantics holds only HAProxy rules ({@link Listener}). */
    private static AclExpr expression(Rule rule) {
        if (rule.match() instanceof RuleMatch.Acl haproxy) {
            return haproxy.expression();
        }
        throw new IllegalStateException(rule.id() + " is not an HAProxy rule");
    }

    /** Every rule after an unconditional one: HAProxy never reaches it. */
    @Override
    public List<UnreachableRule> unreachableRules(Listener listener) {
        List<UnreachableRule> out = new ArrayList<>();
        if (!listener.evaluatesRules()) {
            return out;
        }
        Optional<Rule> catchAll = Optional.empty();
        for (Rule rule : listener.rulesInEvaluationOrder()) {
            if (catchAll.isPresent()) {
                out.add(new UnreachableRule(rule, catchAll.get(), catchAll.get().id() + " (position "
                        + catchAll.get().priority() + ") has no condition and takes every request"));
            } else if (rule.isUnconditional() && rule.priority().isKnown()) {
                catchAll = Optional.of(rule);
            }
        }
        return out;
    }
}

package dev.lbguard.route;

import dev.lbguard.model.Listener;
import java.util.List;

/**
 * Decides which rule of a listener takes a request, with the semantics of the listener's load balancer
 * ({@link dev.lbguard.model.RuleSemantics}): ALB (rules by ascending priority, the first whose conditions all
 * match wins, AND across conditions, OR within one) or HAProxy (rules in file order, the first whose ACL
 * expression holds wins), then the default action. Where something that could change the answer is unknown,
 * the answer is unknown; it never guesses. Stateless and thread-safe.
 */
public final class RouteEvaluator {

    /** Which rule of {@code listener} takes {@code request}, and what it does. */
    public RouteResult evaluate(Listener listener, Request request) {
        return semantics(listener).evaluate(listener, request);
    }

    /**
     * The listener ready to decide many requests, as {@link #evaluate} would: rules ordered and patterns compiled
     * once (a route diff asks one listener about every class of requests).
     */
    public Prepared prepare(Listener listener) {
        return semantics(listener).prepare(listener, false);
    }

    /**
     * As {@link #prepare}, each condition also remembering its answers for the hosts and paths it is asked about
     * most: for logged traffic, which asks about the same few thousand values a million times (a route diff's
     * witnesses are nearly all new, so there it costs more than it saves).
     */
    public Prepared prepareForTraffic(Listener listener) {
        return semantics(listener).prepare(listener, true);
    }

    /** One listener's routing, prepared; as stateless and thread-safe as the evaluator. */
    @FunctionalInterface
    public interface Prepared {
        /** Which rule takes {@code request}, and what it does. */
        RouteResult evaluate(Request request);
    }

    /**
     * The rules that can never take a request because an earlier rule takes every request they would match.
     * ALB: exact duplicates, an earlier catch-all (no conditions, or only {@code /*}-like paths), and pattern
     * inclusion; HAProxy: rules after an unconditional one. Rules with unknowns are never reported shadowed by
     * what is unknown. In evaluation order; each with the first rule found to shadow it.
     */
    public List<UnreachableRule> unreachableRules(Listener listener) {
        List<UnreachableRule> known = UNREACHABLE.get(listener);
        if (known == null) {
            known = List.copyOf(semantics(listener).unreachableRules(listener));
            UNREACHABLE.put(listener, known);
        }
        return known;
    }

    // Several risk rules ask this of the same listeners, and each answer compares every pair of rules. The answer
    // depends on the listener's value only, so equal listeners share it; weak keys let unused ones go.
    private static final java.util.Map<Listener, List<UnreachableRule>> UNREACHABLE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static ListenerSemantics semantics(Listener listener) {
        return switch (listener.semantics()) {
            case ALB -> AlbSemantics.INSTANCE;
            case HAPROXY -> HaproxySemantics.INSTANCE;
        };
    }
}

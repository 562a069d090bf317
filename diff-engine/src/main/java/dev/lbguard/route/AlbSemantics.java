package dev.lbguard.route;

import dev.lbguard.model.Condition;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleMatch;
import dev.lbguard.route.ConditionMatcher.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documented ALB semantics: rules by ascending priority, the first whose conditions all match wins (AND
 * across conditions, OR within one), then the default action. Stateless and thread-safe.
 */
final class AlbSemantics implements ListenerSemantics {
    static final AlbSemantics INSTANCE = new AlbSemantics();

    private AlbSemantics() {
    }

    @Override
    public RouteResult evaluate(Listener listener, Request request) {
        return prepare(listener, false).evaluate(request);
    }

    @Override
    public RouteEvaluator.Prepared prepare(Listener listener, boolean remember) {
        if (!listener.evaluatesRules()) {
            return request -> ListenerSemantics.viaDefault(listener);
        }
        List<CompiledRule> ordered = listener.rulesInEvaluationOrder().stream().map(r -> CompiledRule.of(r, remember))
                .toList();
        return request -> evaluate(listener, ordered, request);
    }

    /** A rule with its conditions compiled, in the order the rule lists them. */
    private record CompiledRule(Rule rule, List<ConditionMatcher.Compiled> conditions) {
        static CompiledRule of(Rule rule, boolean remember) {
            // A listener with ALB semantics holds only ALB rules (Listener checks it).
            if (!(rule.match() instanceof RuleMatch.Conditions alb)) {
                throw new IllegalStateException(rule.id() + " is not an ALB rule");
            }
            return new CompiledRule(rule, alb.conditions().stream().map(c -> ConditionMatcher.compile(c, remember))
                    .toList());
        }

        Verdict match(Request request) {
            // AND: one false condition decides, even when another is unknown.
            // Indexed, not an iterator: a route diff asks every rule about every request class.
            Verdict unknown = null;
            for (int i = 0; i < conditions.size(); i++) {
                Verdict v = conditions.get(i).evaluate(request);
                if (v.truth() == Truth.FALSE) {
                    return v;
                }
                if (v.truth() == Truth.UNKNOWN && unknown == null) {
                    unknown = v;
                }
            }
            return unknown == null ? Verdict.YES : unknown;
        }
    }

    private static RouteResult evaluate(Listener listener, List<CompiledRule> ordered, Request request) {
        // Indexed, not iterated: logged traffic evaluates hundreds of thousands of requests, an iterator each.
        for (int i = 0; i < ordered.size(); i++) {
            CompiledRule compiled = ordered.get(i);
            Rule rule = compiled.rule();
            if (!rule.priority().isKnown()) {
                Verdict v = compiled.match(request);
                if (v.truth() != Truth.FALSE) {
                    return RouteResult.unknown(Optional.of(rule), Optional.empty(), "the priority of " + rule.id()
                            + " could not be evaluated and the rule " + (v.truth() == Truth.TRUE ? "matches" : "may match")
                            + " this request");
                }
            }
        }
        for (int i = 0; i < ordered.size(); i++) {
            CompiledRule compiled = ordered.get(i);
            Rule rule = compiled.rule();
            if (!rule.priority().isKnown()) {
                continue;
            }
            Verdict v = compiled.match(request);
            if (v.truth() == Truth.FALSE) {
                continue;
            }
            if (v.truth() == Truth.UNKNOWN) {
                return RouteResult.unknown(Optional.of(rule), Optional.empty(), rule.id() + ": " + v.reason());
            }
            Optional<String> tie = tiedRule(ordered, compiled, request);
            if (tie.isPresent()) {
                return RouteResult.unknown(Optional.of(rule), Optional.empty(), tie.get());
            }
            return ListenerSemantics.withAction(Optional.of(rule), rule.action());
        }
        return ListenerSemantics.viaDefault(listener);
    }

    /**
     * The rules that can never take a request because a rule of lower priority number takes every request
     * they would match: exact duplicates, an earlier catch-all (no conditions, or only {@code /*}-like paths),
     * and pattern inclusion. Rules with unknowns are never reported shadowed by what is unknown. In
     * evaluation order; each with the first rule found to shadow it.
     */
    @Override
    public List<UnreachableRule> unreachableRules(Listener listener) {
        List<UnreachableRule> out = new ArrayList<>();
        if (!listener.evaluatesRules()) {
            return out;
        }
        List<Rule> ordered = listener.rulesInEvaluationOrder();
        List<List<Object>> key = new ArrayList<>(ordered.size());
        for (Rule r : ordered) {
            key.add(List.of(r.priority(), r.conditions()));
        }
        List<int[]> pairs;
        synchronized (SHADOWED) {
            pairs = SHADOWED.get(key);
        }
        if (pairs == null) {
            pairs = shadowedPairs(ordered);
            synchronized (SHADOWED) {
                SHADOWED.put(key, pairs);
            }
        }
        for (int[] p : pairs) {
            Rule later = ordered.get(p[0]);
            Rule earlier = ordered.get(p[1]);
            out.add(new UnreachableRule(later, earlier, reason(earlier, later)));
        }
        return out;
    }

    /**
     * Which rules are shadowed depends on the rules' priorities and conditions only, and comparing every pair is
     * costly: a commit that changes actions (a target group, a weight) keeps the answer. Bounded, keyed by those.
     */
    private static final Map<List<List<Object>>, List<int[]>> SHADOWED = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<List<Object>>, List<int[]>> eldest) {
            return size() > 256;
        }
    };

    /** Index pairs (shadowed rule, first rule found to shadow it) of rules in evaluation order. */
    private static List<int[]> shadowedPairs(List<Rule> ordered) {
        List<int[]> pairs = new ArrayList<>();
        for (int l = 0; l < ordered.size(); l++) {
            Rule later = ordered.get(l);
            if (!later.priority().isKnown()) {
                continue;
            }
            for (int e = 0; e < ordered.size(); e++) {
                Rule earlier = ordered.get(e);
                if (!earlier.priority().isKnown() || earlier.priority().value() >= later.priority().value()) {
                    continue;
                }
                if (covers(earlier, later)) {
                    pairs.add(new int[] {l, e});
                    break;
                }
            }
        }
        return List.copyOf(pairs);
    }

    private static boolean covers(Rule earlier, Rule later) {
        for (Condition wide : earlier.conditions()) {
            if (wide.isUnknown()) {
                return false;
            }
            if (!PatternInclusion.universal(wide) && !anyIncluded(wide, later.conditions())) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyIncluded(Condition wide, List<Condition> narrow) {
        for (Condition n : narrow) {
            if (PatternInclusion.includes(wide, n)) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Rule earlier, Rule later) {
        String who = earlier.id() + " (priority " + earlier.priority() + ")";
        if (earlier.conditions().equals(later.conditions())) {
            return who + " has exactly the same conditions";
        }
        if (earlier.conditions().stream().allMatch(PatternInclusion::universal)) {
            return who + " matches every request";
        }
        return who + " matches every request this rule matches";
    }

    /** ALB refuses two rules with one priority; if a source still has them, which one wins is unknown. */
    private static Optional<String> tiedRule(List<CompiledRule> ordered, CompiledRule winner, Request request) {
        for (CompiledRule other : ordered) {
            if (other != winner && other.rule().priority().isKnown()
                    && other.rule().priority().value() == winner.rule().priority().value()
                    && other.match(request).truth() != Truth.FALSE) {
                return Optional.of("rules " + winner.rule().id() + " and " + other.rule().id() + " share priority "
                        + winner.rule().priority().value() + " and both may match this request");
            }
        }
        return Optional.empty();
    }
}

package dev.lbguard.diff;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleMatch;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether a class of requests whose destination is unknown on both sides of a diff surely goes where it went. An
 * answer unknown at a rule (a condition or priority lbguard could not evaluate, a tie) is that rule's action if the
 * rule takes the request, else what the rest of the listener does: alike only when the rule is the same on both
 * sides (conditions and where its action goes) and the rest, evaluated without it, is alike too. Two answers unknown for
 * the same reason are otherwise not the same answer: the rule after an unknown one may have changed (seen in
 * public code: a later rule's target group changed behind a host from a variable without a value, reported as
 * "routing unchanged").
 */
final class UnknownOutcomes {
    /** Unknown rules followed one after another before giving up (and calling the class possibly moved). */
    private static final int DEPTH = 16;

    private UnknownOutcomes() {
    }

    /** Whether {@code witness}'s class, {@code before} in {@code base} and {@code after} in {@code head}, surely
     * goes alike; any destinations, unknown or not. */
    static boolean alike(RouteEvaluator evaluator, Listener base, Listener head, Request witness, Destination before,
                         Destination after, Reach reach) {
        return alike(evaluator, base, head, witness, before, after, reach, 0);
    }

    private static boolean alike(RouteEvaluator evaluator, Listener base, Listener head, Request witness,
                                 Destination before, Destination after, Reach reach, int depth) {
        if (before.kind() != Destination.Kind.UNKNOWN || after.kind() != Destination.Kind.UNKNOWN) {
            return before.routesAlike(after, reach);
        }
        if (before.action().isPresent() || after.action().isPresent()) {
            // The rule took it; only where its action goes is unknown.
            return before.equals(after) || before.routesAlike(after, reach);
        }
        if (before.rule().isEmpty() || after.rule().isEmpty()) {
            // Unknown at the default: another stack's listener, whose rules and default are not seen on either side.
            return before.rule().isEmpty() && after.rule().isEmpty()
                    && base.defaultAction().equals(head.defaultAction());
        }
        if (depth >= DEPTH) {
            return false;
        }
        // The same rule by what it is (a rename, with or without moved, changes no request's way).
        Optional<Rule> was = find(base, before.rule().get());
        Optional<Rule> now = find(head, after.rule().get());
        if (was.isPresent() && now.isPresent() && !was.get().priority().isKnown() && !now.get().priority().isKnown()) {
            // A rule of unknown priority may come before any other: which one is named depends on ids. Every such
            // rule must be alike on both sides, and the rest without them.
            if (!unplacedAlike(base, head, reach)) {
                return false;
            }
            Listener restBefore = placed(base);
            Listener restAfter = placed(head);
            return alike(evaluator, restBefore, restAfter, witness,
                    Destination.of(evaluator.evaluate(restBefore, witness)),
                    Destination.of(evaluator.evaluate(restAfter, witness)), reach, depth + 1);
        }
        // Its priority number does not matter: the rules before it did not take the request on either side (the
        // answer would not be unknown at it), and the rules after it are the rest evaluated below.
        if (was.isEmpty() || now.isEmpty() || !matchesAlike(was.get(), now.get())) {
            return false;
        }
        if (!taken(was.get()).routesAlike(taken(now.get()), reach)) {
            return false;
        }
        Listener restBefore = without(base, was.get().id());
        Listener restAfter = without(head, now.get().id());
        return alike(evaluator, restBefore, restAfter, witness,
                Destination.of(evaluator.evaluate(restBefore, witness)),
                Destination.of(evaluator.evaluate(restAfter, witness)), reach, depth + 1);
    }

    /** The rules of unknown priority on both sides pair up: the same conditions, actions going alike. */
    private static boolean unplacedAlike(Listener base, Listener head, Reach reach) {
        List<Rule> left = new ArrayList<>(base.rules().stream().filter(r -> !r.priority().isKnown()).toList());
        List<Rule> right = new ArrayList<>(head.rules().stream().filter(r -> !r.priority().isKnown()).toList());
        if (left.size() != right.size()) {
            return false;
        }
        for (Rule r : left) {
            Optional<Rule> twin = right.stream().filter(o -> matchesAlike(r, o) && taken(r).routesAlike(taken(o), reach))
                    .findFirst();
            if (twin.isEmpty()) {
                return false;
            }
            right.remove(twin.get());
        }
        return true;
    }

    private static Destination taken(Rule r) {
        return new Destination(Optional.of(r.id()), Optional.of(r.action()), Destination.Kind.ACTION, "");
    }

    private static Listener placed(Listener l) {
        return l.withRules(l.rules().stream().filter(r -> r.priority().isKnown()).toList());
    }

    /** The same conditions, whatever order they and their values are written in. */
    private static boolean matchesAlike(Rule a, Rule b) {
        if (!(a.match() instanceof RuleMatch.Conditions x) || !(b.match() instanceof RuleMatch.Conditions y)) {
            return a.match().equals(b.match());
        }
        return canonical(x.conditions()).equals(canonical(y.conditions()));
    }

    private static List<List<Object>> canonical(List<Condition> conditions) {
        return conditions.stream().map(c -> List.<Object>of(c.type(), c.headerName().toLowerCase(Locale.ROOT),
                        new TreeSet<>(c.values()), new TreeSet<>(c.queryPairs().stream().map(Object::toString).toList()),
                        c.unknownReason()))
                .sorted(Comparator.comparing(Object::toString)).toList();
    }

    private static Optional<Rule> find(Listener l, ElementId id) {
        return l.rules().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private static Listener without(Listener l, ElementId id) {
        List<Rule> rest = new ArrayList<>(l.rules());
        rest.removeIf(r -> r.id().equals(id));
        return l.withRules(rest);
    }
}

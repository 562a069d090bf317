package dev.lbguard.policy;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.WeightedTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random ALB listeners and single changes to them, for the property tests of the policy file and of traffic
 * weighting: conditions over every field a rule can test, and actions that differ in what invariants pin.
 */
public final class RandomListeners {
    private RandomListeners() {
    }

    private static final String[] HOSTS = {"a.example.com", "*.example.com", "b.example.com", "*", "?pi.example.com",
        "api.example.com", "A.Example.COM", "c.org"};
    private static final String[] PATHS = {"/a", "/a/*", "/*", "/b*", "/a?", "/a/b", "/A/*"};
    private static final String[] METHODS = {"GET", "POST", "PUT"};
    private static final String[] HEADER_VALUES = {"on", "o*", "off", "?n"};
    private static final QueryPair[] PAIRS = {QueryPair.of("v", "1"), QueryPair.of("v", "*"), QueryPair.valueOnly("1"),
        QueryPair.of("k", "x*")};
    private static final String[] CIDRS = {"10.0.0.0/8", "10.1.0.0/16", "192.0.2.0/24", "2001:db8::/32", "0.0.0.0/0"};
    private static final String[] GROUPS = {"tg-a", "tg-b", "tg-c"};

    /** What invariants pin of a destination: which groups in which shares, the redirect URL, the status code. */
    private static final List<RuleAction> ACTIONS = List.of(forward("tg-a"), forward("tg-b"), forward("tg-c"),
            weighted(90, 10), weighted(50, 50), weighted(100, 0), weighted(0, 100), weighted(9, 1),
            RuleAction.of(new RouteAction.Redirect("HTTPS", "443", "#{host}", "/#{path}", "#{query}", "HTTP_301")),
            RuleAction.of(new RouteAction.Redirect("HTTPS", "443", "x.example.com", "/new/#{path}", "", "HTTP_302")),
            RuleAction.of(new RouteAction.FixedResponse("404", "text/plain", "")),
            RuleAction.of(new RouteAction.FixedResponse("503", "text/plain", "")));

    public static Arbitrary<Listener> listeners() {
        return Combinators.combine(rule().list().ofMaxSize(8), Arbitraries.of(ACTIONS))
                .as(RandomListeners::listenerOf);
    }

    private static Listener listenerOf(List<Rule> rules, RuleAction defaultAction) {
        List<Rule> out = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        for (Rule r : rules) {
            if (taken.add(r.priority().value())) {
                out.add(new Rule(ElementId.of("aws_lb_listener_rule.r" + out.size()), r.source(), r.priority(),
                        r.conditions(), r.action()));
            }
        }
        return new Listener(ElementId.of("aws_lb_listener.http"), at(1), "HTTP", 80, Optional.empty(), List.of(),
                defaultAction, out);
    }

    private static Arbitrary<Rule> rule() {
        return Combinators.combine(Arbitraries.integers().between(1, 30), condition().list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(ACTIONS)).as((p, cs, a) -> new Rule(ElementId.of("aws_lb_listener_rule.x"), at(2),
                Priority.of(p), cs, a));
    }

    private static Arbitrary<Condition> condition() {
        return Arbitraries.oneOf(
                values(HOSTS).map(v -> Condition.of(ConditionType.HOST_HEADER, v)),
                values(PATHS).map(v -> Condition.of(ConditionType.PATH_PATTERN, v)),
                values(METHODS).map(v -> Condition.of(ConditionType.HTTP_REQUEST_METHOD, v)),
                values(CIDRS).map(v -> Condition.of(ConditionType.SOURCE_IP, v)),
                values(HEADER_VALUES).map(v -> new Condition(ConditionType.HTTP_HEADER, "X-A", v, List.of(),
                        Optional.empty())),
                Arbitraries.of(PAIRS).list().ofMinSize(1).ofMaxSize(2).uniqueElements()
                        .map(ps -> new Condition(ConditionType.QUERY_STRING, "", List.of(), ps, Optional.empty())));
    }

    private static Arbitrary<List<String>> values(String[] alphabet) {
        return Arbitraries.of(alphabet).list().ofMinSize(1).ofMaxSize(2).uniqueElements();
    }

    /** One change a pull request makes to a listener: a priority, a condition, an action, a rule added or removed. */
    public record Mutation(int kind, int rule, int which, Condition condition, RuleAction action, int priority) {
        public Listener apply(Listener l) {
            List<Rule> rules = new ArrayList<>(l.rules());
            if (kind == 6) {
                return new Listener(l.id(), l.source(), l.protocol(), l.port(), l.sslPolicy(), l.certificates(), action,
                        rules);
            }
            if (rules.isEmpty() || kind == 5) {
                rules.add(new Rule(ElementId.of("aws_lb_listener_rule.added"), at(3), Priority.of(priority + 100),
                        List.of(condition), action));
                return withRules(l, rules);
            }
            Rule r = rules.get(rule % rules.size());
            List<Condition> cs = new ArrayList<>(r.conditions());
            Priority p = r.priority();
            RuleAction a = r.action();
            switch (kind) {
                case 0 -> p = rules.stream().anyMatch(o -> o.priority().value() == priority) ? p : Priority.of(priority);
                case 1 -> cs.set(which % cs.size(), condition);
                case 2 -> cs.add(condition);
                case 3 -> {
                    if (cs.size() > 1) {
                        cs.remove(which % cs.size());
                    }
                }
                case 4 -> a = action;
                default -> {
                    rules.remove(r);
                    return withRules(l, rules);
                }
            }
            rules.set(rules.indexOf(r), new Rule(r.id(), r.source(), p, cs, a));
            return withRules(l, rules);
        }

        private static Listener withRules(Listener l, List<Rule> rules) {
            return new Listener(l.id(), l.source(), l.protocol(), l.port(), l.sslPolicy(), l.certificates(),
                    l.defaultAction(), rules);
        }
    }

    public static Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(0, 5)),
                        Tuple.of(1, Arbitraries.integers().between(6, 7))), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 3), condition(), Arbitraries.of(ACTIONS),
                Arbitraries.integers().between(1, 30)).as(Mutation::new);
    }

    /** One internet-facing ALB named edge with this listener (HTTP:80), and three target groups tg-a, tg-b, tg-c. */
    public static RoutingSnapshot snapshot(Listener listener) {
        LoadBalancer lb = new LoadBalancer(ElementId.of("aws_lb.edge"), at(1), "edge", LoadBalancerType.APPLICATION,
                false, List.of(listener));
        List<TargetGroup> groups = new ArrayList<>();
        for (String g : GROUPS) {
            groups.add(new TargetGroup(ElementId.of(g), at(5), g, "HTTP", 80, "ip",
                    new HealthCheck(true, "HTTP", "traffic-port", "/", "200", 30, 5, 3, 3),
                    List.of(new Target(ElementId.of(g + "_t0"), at(5), "10.0.0.1", OptionalInt.empty()))));
        }
        return new RoutingSnapshot(SnapshotOrigin.other("test"), List.of(lb), groups, List.of());
    }

    private static RuleAction forward(String group) {
        return RuleAction.of(RouteAction.Forward.to(ElementId.of(group)));
    }

    private static RuleAction weighted(int a, int b) {
        return RuleAction.of(new RouteAction.Forward(List.of(WeightedTarget.of(ElementId.of("tg-a"), a),
                WeightedTarget.of(ElementId.of("tg-b"), b)), Optional.empty()));
    }

    private static SourceRef at(int line) {
        return SourceRef.of("main.tf", line, 1);
    }
}

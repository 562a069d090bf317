package dev.lbguard.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Move;
import dev.lbguard.model.Priority;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.WeightedTarget;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Soundness of the route diff against the evaluator, on random listeners and single mutations. */
class RouteDiffProperties {
    private final RouteDiffer differ = new RouteDiffer();
    private final RouteEvaluator evaluator = new RouteEvaluator();

    /**
     * (a) every request that moves lies in exactly one reported class (and every undecided request in an
     * undecided class); (b) every reported witness lies in its class and moves as reported.
     */
    @Property(tries = 400)
    void everyMovedRequestIsReportedAndEveryReportIsReal(@ForAll("listeners") Listener base,
                                                         @ForAll("mutations") Mutation mutation,
                                                         @ForAll Renaming renaming, @ForAll long seed) {
        RoutingSnapshot baseSnapshot = Renaming.NONE.snapshot(base);
        RoutingSnapshot headSnapshot = renaming.snapshot(mutation.apply(base));
        Listener head = Renaming.listener(headSnapshot);
        RouteDiff d = differ.diff(baseSnapshot, headSnapshot);
        for (RouteChange c : d.changes()) {
            assertThat(c.match().contains(c.example())).as("witness in class %s", c.match().describe()).isTrue();
            Destination before = Destination.of(evaluator.evaluate(base, c.example()));
            Destination after = Destination.of(evaluator.evaluate(head, c.example()));
            assertThat(before).isEqualTo(c.before());
            assertThat(after).isEqualTo(c.after());
            assertThat(alike(base, head, c.example(), before, after, baseSnapshot, headSnapshot)).isFalse();
        }
        Random random = new Random(seed);
        List<String> alphabet = alphabet(base, head);
        for (int i = 0; i < 300; i++) {
            Request r = request(random, alphabet);
            Destination before = Destination.of(evaluator.evaluate(base, r));
            Destination after = Destination.of(evaluator.evaluate(head, r));
            long in = d.changes().stream().filter(c -> c.match().contains(r)).count();
            if (!alike(base, head, r, before, after, baseSnapshot, headSnapshot)) {
                assertThat(in).as("%s moves from %s to %s; reported: %s", r, before, after, describe(d)).isEqualTo(1);
            } else {
                assertThat(in).as("%s does not move; reported: %s", r, describe(d)).isZero();
            }
            if (before.kind() == Destination.Kind.UNKNOWN || after.kind() == Destination.Kind.UNKNOWN) {
                assertThat(d.undecided().stream().filter(c -> c.match().contains(r)).count()).as("undecided %s", r)
                        .isEqualTo(1);
            }
        }
    }

    /**
     * Whether {@code r} surely goes alike: to alike destinations, and where both are unknown, through the same
     * unknown rules to the same rest ({@link UnknownOutcomes}).
     */
    private boolean alike(Listener base, Listener head, Request r, Destination before, Destination after,
                          RoutingSnapshot baseSnapshot, RoutingSnapshot headSnapshot) {
        return before.routesAlike(after, baseSnapshot, headSnapshot) && (before.kind() != Destination.Kind.UNKNOWN
                || after.kind() != Destination.Kind.UNKNOWN || UnknownOutcomes.alike(evaluator, base, head, r, before,
                after, Reach.of(baseSnapshot, headSnapshot)));
    }

    /**
     * Class exactness, the converse of the property above: every request drawn from inside a reported class,
     * as the class is written (its patterns read back, not the diff's own conditions), moves exactly as the
     * class says. Members are made from the class's own patterns: its witness with one field, then every field,
     * replaced by a value instantiated from that field's patterns (wildcards filled at random, CIDRs at their
     * ends and inside), kept when the written class admits it.
     */
    @Property(tries = 400)
    void everyRequestOfAReportedClassMovesAsTheClassSays(@ForAll("listeners") Listener base,
                                                         @ForAll("mutations") Mutation mutation,
                                                         @ForAll Renaming renaming, @ForAll long seed) {
        RoutingSnapshot headSnapshot = renaming.snapshot(mutation.apply(base));
        Listener head = Renaming.listener(headSnapshot);
        RouteDiff d = differ.diff(Renaming.NONE.snapshot(base), headSnapshot);
        Random random = new Random(seed);
        for (RouteChange c : d.changes()) {
            RequestClass written = new RequestClass(c.match().fields().stream()
                    .map(f -> new RequestClass.FieldPatterns(f.field(), f.anyOf(), f.noneOf())).toList());
            assertThat(written.contains(c.example())).as("witness in written class %s", c.match().describe()).isTrue();
            for (int i = 0; i < 40; i++) {
                Request r = c.example();
                boolean all = i % 2 == 1;
                List<RequestClass.FieldPatterns> fields = c.match().fields();
                if (fields.isEmpty()) {
                    r = request(random, alphabet(base, head));
                }
                for (int k = 0; k < fields.size(); k++) {
                    if (all || k == i / 2 % fields.size()) {
                        r = member(r, fields.get(k), random);
                    }
                }
                if (!written.contains(r)) {
                    continue;
                }
                Destination before = Destination.of(evaluator.evaluate(base, r));
                Destination after = Destination.of(evaluator.evaluate(head, r));
                assertThat(before.routesAlike(c.before()) && after.routesAlike(c.after()))
                        .as("%s is in class %s (%s -> %s) but goes %s -> %s", r, c.match().describe(),
                                c.before().action(), c.after().action(), before.action(), after.action())
                        .isTrue();
            }
        }
    }

    /** The request with the field replaced by a value of one of the field's patterns (or kept). */
    private static Request member(Request r, RequestClass.FieldPatterns f, Random random) {
        if (f.anyOf().isEmpty()) {
            return r;
        }
        String pattern = f.anyOf().get(random.nextInt(f.anyOf().size()));
        String field = f.field();
        if (field.equals("source-ip")) {
            return r.withSourceIp(address(pattern, random));
        }
        if (field.equals("query")) {
            int eq = pattern.indexOf('=');
            String key = eq < 0 ? instantiate("*", random) : instantiate(pattern.substring(0, eq), random);
            return r.withQuery(key, instantiate(eq < 0 ? pattern : pattern.substring(eq + 1), random));
        }
        if (field.startsWith("header:")) {
            return r.withHeader(field.substring("header:".length()), instantiate(pattern, random));
        }
        String v = instantiate(pattern, random);
        return switch (field) {
            case "host" -> r.withHost(v);
            case "path" -> r.withPath(v);
            case "method" -> r.withMethod(v);
            default -> r;
        };
    }

    /** An address of the block: its first, its last, or one in between. */
    private static String address(String cidr, Random random) {
        inet.ipaddr.IPAddress block = dev.lbguard.route.ConditionLanguages.sourceIpBlock(cidr).orElse(null);
        if (block == null) {
            return cidr;
        }
        java.math.BigInteger lo = block.getLower().getValue();
        java.math.BigInteger span = block.getUpper().getValue().subtract(lo);
        java.math.BigInteger offset = switch (random.nextInt(3)) {
            case 0 -> java.math.BigInteger.ZERO;
            case 1 -> span;
            default -> new java.math.BigInteger(span.bitLength() + 1, random).mod(span.add(java.math.BigInteger.ONE));
        };
        byte[] raw = lo.add(offset).toByteArray();
        byte[] bytes = new byte[block.getByteCount()];
        for (int i = 0; i < Math.min(raw.length, bytes.length); i++) {
            bytes[bytes.length - 1 - i] = raw[raw.length - 1 - i];
        }
        try {
            return (bytes.length == 4 ? new inet.ipaddr.ipv4.IPv4Address(bytes)
                    : new inet.ipaddr.ipv6.IPv6Address(bytes)).toCanonicalString();
        } catch (RuntimeException e) {
            return block.getLower().withoutPrefixLength().toCanonicalString();
        }
    }

    /**
     * (f) a rename declared with {@code moved}, of the load balancer, the listener, every rule or every target
     * group, moves no request (issue 20: renamed target groups were reported as "forward svc-a -> forward svc-a").
     */
    @Property(tries = 200)
    void aRenameWithMovedMovesNothing(@ForAll("listeners") Listener base, @ForAll Renaming renaming) {
        RouteDiff d = differ.diff(Renaming.NONE.snapshot(base), renaming.snapshot(base));
        assertThat(d.changes()).as("%s: %s", renaming, describe(d)).isEmpty();
    }

    /**
     * The element kinds a {@code moved} block renames. The snapshots hold the target groups the rules name, so
     * destinations compare as a request reaches them (identity after the moves, name, port), not by address.
     */
    enum Renaming {
        NONE, LOAD_BALANCER, LISTENER, RULES, TARGET_GROUPS;

        private static final String SUFFIX = "_renamed";

        RoutingSnapshot snapshot(Listener l) {
            List<Move> moves = new ArrayList<>();
            Listener renamed = l;
            if (this == LISTENER) {
                moves.add(move(l.id()));
                renamed = new Listener(renamedId(l.id()), l.source(), l.protocol(), l.port(), l.sslPolicy(),
                        l.certificates(), l.defaultAction(), l.rules());
            }
            if (this == RULES || this == TARGET_GROUPS) {
                List<Rule> rules = new ArrayList<>();
                for (Rule r : l.rules()) {
                    if (this == RULES) {
                        moves.add(move(r.id()));
                    }
                    rules.add(new Rule(this == RULES ? renamedId(r.id()) : r.id(), r.source(), r.priority(),
                            r.conditions(), this == TARGET_GROUPS ? renamedGroups(r.action()) : r.action()));
                }
                renamed = new Listener(l.id(), l.source(), l.protocol(), l.port(), l.sslPolicy(), l.certificates(),
                        this == TARGET_GROUPS ? renamedGroups(l.defaultAction()) : l.defaultAction(), rules);
            }
            ElementId lb = ElementId.of("aws_lb.web");
            if (this == LOAD_BALANCER) {
                moves.add(move(lb));
                lb = renamedId(lb);
            }
            List<dev.lbguard.model.TargetGroup> groups = new ArrayList<>();
            for (String name : List.of("tg-a", "tg-b", "tg-default")) {
                ElementId id = ElementId.of(name);
                if (this == TARGET_GROUPS) {
                    moves.add(move(id));
                    id = renamedId(id);
                }
                groups.add(new dev.lbguard.model.TargetGroup(id, DiffFixtures.SRC, name, "HTTP", 8080, "ip",
                        new dev.lbguard.model.HealthCheck(true, "HTTP", "traffic-port", "/", "200", 30, 5, 3, 3), List.of()));
            }
            return new RoutingSnapshot(dev.lbguard.model.SnapshotOrigin.other("test"), List.of(
                    new dev.lbguard.model.LoadBalancer(lb, DiffFixtures.SRC, "web",
                            dev.lbguard.model.LoadBalancerType.APPLICATION, false, List.of(renamed))),
                    groups, List.of(), moves);
        }

        static Listener listener(RoutingSnapshot s) {
            return s.loadBalancers().get(0).listeners().get(0);
        }

        private static Move move(ElementId from) {
            return new Move(from, renamedId(from), DiffFixtures.SRC);
        }

        private static ElementId renamedId(ElementId id) {
            return ElementId.of(id.value() + SUFFIX);
        }

        private static RuleAction renamedGroups(RuleAction a) {
            if (a.terminal() instanceof RouteAction.Forward f) {
                return new RuleAction(a.authenticate(), new RouteAction.Forward(f.targets().stream()
                        .map(t -> new WeightedTarget(renamedId(t.targetGroup()), t.weight(), t.unresolved()))
                        .toList(), f.stickiness()));
            }
            return a;
        }
    }

    /** (c) a snapshot against itself moves nothing. */
    @Property(tries = 200)
    void aSnapshotAgainstItselfMovesNothing(@ForAll("listeners") Listener l) {
        RoutingSnapshot s = DiffFixtures.snapshot(l);
        assertThat(differ.diff(s, s).changes()).isEmpty();
    }

    /** (d) swapping base and head swaps before and after of the same classes. */
    @Property(tries = 200)
    void swappingSidesMirrorsTheDiff(@ForAll("listeners") Listener base, @ForAll("mutations") Mutation mutation) {
        RoutingSnapshot a = DiffFixtures.snapshot(base);
        RoutingSnapshot b = DiffFixtures.snapshot(mutation.apply(base));
        RouteDiff ab = differ.diff(a, b);
        RouteDiff ba = differ.diff(b, a);
        assertThat(ba.classesCompared()).isEqualTo(ab.classesCompared());
        assertThat(ba.changes()).hasSameSizeAs(ab.changes());
        for (int i = 0; i < ab.changes().size(); i++) {
            RouteChange x = ab.changes().get(i);
            RouteChange y = ba.changes().get(i);
            assertThat(y.match()).isEqualTo(x.match());
            assertThat(y.example()).isEqualTo(x.example());
            assertThat(y.before()).isEqualTo(x.after());
            assertThat(y.after()).isEqualTo(x.before());
        }
    }

    /** (e) refactors that move no request give no change. */
    @Property(tries = 300)
    void routingNeutralRefactorsMoveNothing(@ForAll("listeners") Listener base, @ForAll long seed) {
        Random random = new Random(seed);
        List<Rule> rules = new ArrayList<>();
        for (Rule r : base.rules()) {
            List<Condition> conditions = new ArrayList<>();
            for (Condition c : r.conditions()) {
                List<String> values = new ArrayList<>(c.values());
                List<QueryPair> pairs = new ArrayList<>(c.queryPairs());
                Collections.shuffle(values, random);
                Collections.shuffle(pairs, random);
                conditions.add(new Condition(c.type(), c.headerName(), values, pairs, c.unknownReason()));
            }
            Collections.shuffle(conditions, random);
            rules.add(new Rule(ElementId.of(r.id().value() + "_renamed"), r.source(), r.priority(), conditions,
                    collapse(r.action())));
        }
        Collections.shuffle(rules, random);
        if (!rules.isEmpty()) {
            int i = random.nextInt(rules.size());
            rules.set(i, movedWithoutCrossing(rules, rules.get(i), random));
        }
        Listener head = DiffFixtures.withRules(base, rules);
        RouteDiff d = differ.diff(DiffFixtures.snapshot(base), DiffFixtures.snapshot(head));
        assertThat(d.changes()).as("%s", describe(d)).isEmpty();
    }

    private static String describe(RouteDiff d) {
        return d.changes().stream().map(c -> c.match().describe() + " : " + c.before().action() + " -> "
                + c.after().action()).toList().toString();
    }

    // ---- refactors ---------------------------------------------------------------------------------

    /** A one-group forward written as a weighted forward becomes a plain forward, and vice versa. */
    private static RuleAction collapse(RuleAction a) {
        if (a.terminal() instanceof RouteAction.Forward f && f.targets().size() == 1 && f.stickiness().isEmpty()) {
            WeightedTarget t = f.targets().get(0);
            RouteAction other = t.weight() == 1 ? new RouteAction.Forward(List.of(WeightedTarget.of(t.targetGroup(), 100)),
                    Optional.empty()) : RouteAction.Forward.to(t.targetGroup());
            return new RuleAction(a.authenticate(), other);
        }
        return a;
    }

    /** The rule at a new free priority such that every rule it passes is disjoint from it. */
    private static Rule movedWithoutCrossing(List<Rule> rules, Rule rule, Random random) {
        if (!rule.priority().isKnown()) {
            return rule;
        }
        Set<Integer> taken = new HashSet<>();
        rules.forEach(r -> taken.add(r.priority().value()));
        List<Integer> options = new ArrayList<>();
        for (int p = 1; p <= 60; p++) {
            if (taken.contains(p)) {
                continue;
            }
            int lo = Math.min(p, rule.priority().value());
            int hi = Math.max(p, rule.priority().value());
            boolean crossesOverlap = rules.stream().filter(r -> r != rule)
                    .anyMatch(r -> !r.priority().isKnown()
                            || r.priority().value() > lo && r.priority().value() < hi && !disjoint(r, rule));
            if (!crossesOverlap) {
                options.add(p);
            }
        }
        if (options.isEmpty()) {
            return rule;
        }
        int p = options.get(random.nextInt(options.size()));
        return new Rule(rule.id(), rule.source(), Priority.of(p), rule.conditions(), rule.action());
    }

    /** Surely disjoint: both test host or method with literal (wildcard-free, fully known) values, none shared. */
    static boolean disjoint(Rule a, Rule b) {
        for (Condition x : a.conditions()) {
            for (Condition y : b.conditions()) {
                if (x.type() == y.type() && !x.isUnknown() && !y.isUnknown()
                        && (x.type() == ConditionType.HOST_HEADER || x.type() == ConditionType.HTTP_REQUEST_METHOD)
                        && literal(x) && literal(y) && Collections.disjoint(x.values(), y.values())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean literal(Condition c) {
        return c.values().stream().noneMatch(v -> v.contains("*") || v.contains("?"));
    }

    // ---- generators --------------------------------------------------------------------------------

    // The issue 20 shapes: '?' and '*' inside labels, and two patterns matching one string (?pi and *api both
    // match api.example.com).
    static final String[] HOSTS = {"a.example.com", "*.example.com", "b.example.com", "*", "a.*", "?.example.com",
        "A.Example.COM", "c.org", "?pi.example.com", "*api.example.com", "api.example.com", "a*i.example.com"};
    static final String[] PATHS = {"/a", "/a/*", "/*", "/b*", "/A/*", "/a?", "*", "/a/b"};
    static final String[] METHODS = {"GET", "POST", "get", "PUT"};
    static final String[] HEADER_NAMES = {"X-A", "x-a", "X-B"};
    static final String[] HEADER_VALUES = {"on", "o*", "ON", "*", "off", "?n"};
    static final QueryPair[] PAIRS = {QueryPair.of("v", "1"), QueryPair.of("v", "*"), QueryPair.valueOnly("1"),
        QueryPair.of("ver?", "2"), QueryPair.of("k\\*", "x"), QueryPair.of("V", "x*")};
    // IPv6 blocks, ::/0 and the v4-mapped range beside IPv4 ones; values() draws mixed lists of them.
    static final String[] CIDRS = {"10.0.0.0/8", "10.1.0.0/16", "192.168.0.0/24", "2001:db8::/32", "0.0.0.0/0",
        "10.1.2.3", "2001:db8:1::/48", "::/0", "203.0.113.7/32", "::ffff:0:0/96", "2600:1f00::/40"};
    static final String[] ADDRESSES = {"10.1.2.3", "10.1.2.4", "10.2.3.4", "192.168.0.5", "192.168.1.5",
        "2001:db8::1", "2001:db9::1", "8.8.8.8", "::1", "2001:db8:1::5", "203.0.113.7", "::ffff:a01:203",
        "2600:1f00::1"};

    static final List<RuleAction> ACTIONS = List.of(DiffFixtures.forward("tg-a"), DiffFixtures.forward("tg-b"),
            DiffFixtures.weighted("tg-a", 50, "tg-b", 50), DiffFixtures.weighted("tg-a", 100, "tg-b", 0),
            DiffFixtures.weighted("tg-a", 0, "tg-b", 100), DiffFixtures.redirect("x.example.com"),
            DiffFixtures.NOT_FOUND, RuleAction.of(new RouteAction.Unresolved("var.action")));

    @Provide
    Arbitrary<Listener> listeners() {
        return rule().list().ofMaxSize(20).map(RouteDiffProperties::listenerOf);
    }

    static Listener listenerOf(List<Rule> rules) {
        List<Rule> out = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        for (Rule r : rules) {
            if (!r.priority().isKnown() || taken.add(r.priority().value())) {
                out.add(new Rule(ElementId.of("aws_lb_listener_rule.r" + out.size()), r.source(), r.priority(),
                        r.conditions(), r.action()));
            }
        }
        return DiffFixtures.listener("http", 80, DiffFixtures.forward("tg-default"), out);
    }

    static Arbitrary<Rule> rule() {
        Arbitrary<Priority> priority = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.integers().between(1, 40).map(Priority::of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Priority.unknown())));
        Arbitrary<RuleAction> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.of(ACTIONS.subList(0, ACTIONS.size() - 1))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(ACTIONS.get(ACTIONS.size() - 1))));
        return Combinators.combine(priority, condition().list().ofMaxSize(3), action)
                .as((p, cs, a) -> new Rule(ElementId.of("aws_lb_listener_rule.x"), DiffFixtures.SRC, p, cs, a));
    }

    static Arbitrary<Condition> condition() {
        Arbitrary<Condition> known = Arbitraries.oneOf(
                values(HOSTS).map(v -> Condition.of(ConditionType.HOST_HEADER, v)),
                values(PATHS).map(v -> Condition.of(ConditionType.PATH_PATTERN, v)),
                values(METHODS).map(v -> Condition.of(ConditionType.HTTP_REQUEST_METHOD, v)),
                values(CIDRS).map(v -> Condition.of(ConditionType.SOURCE_IP, v)),
                Combinators.combine(Arbitraries.of(HEADER_NAMES), values(HEADER_VALUES))
                        .as((n, v) -> new Condition(ConditionType.HTTP_HEADER, n, v, List.of(), Optional.empty())),
                Arbitraries.of(PAIRS).list().ofMinSize(1).ofMaxSize(2).uniqueElements()
                        .map(ps -> new Condition(ConditionType.QUERY_STRING, "", List.of(), ps, Optional.empty())));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(15, known),
                net.jqwik.api.Tuple.of(1, known.map(c -> c.withUnknown("var.more"))));
    }

    private static Arbitrary<List<String>> values(String[] alphabet) {
        return Arbitraries.of(alphabet).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
    }

    /** One change to a listener: a priority, a condition replaced, added or removed, an action, a rule. */
    record Mutation(int kind, int rule, int which, Condition condition, RuleAction action, int priority) {
        Listener apply(Listener l) {
            List<Rule> rules = new ArrayList<>(l.rules());
            if (rules.isEmpty() || kind == 5) {
                rules.add(new Rule(ElementId.of("aws_lb_listener_rule.added"), DiffFixtures.SRC, Priority.of(priority + 100),
                        List.of(condition), action));
                return DiffFixtures.withRules(l, rules);
            }
            Rule r = rules.get(rule % rules.size());
            List<Condition> cs = new ArrayList<>(r.conditions());
            Priority p = r.priority();
            RuleAction a = r.action();
            switch (kind) {
                case 0 -> p = rules.stream().anyMatch(o -> o.priority().value() == priority) ? p : Priority.of(priority);
                case 1 -> {
                    if (!cs.isEmpty()) {
                        cs.set(which % cs.size(), condition);
                    }
                }
                case 2 -> cs.add(condition);
                case 3 -> {
                    if (!cs.isEmpty()) {
                        cs.remove(which % cs.size());
                    }
                }
                case 4 -> a = action;
                default -> {
                    rules.remove(r);
                    return DiffFixtures.withRules(l, rules);
                }
            }
            rules.set(rules.indexOf(r), new Rule(r.id(), r.source(), p, cs, a));
            return DiffFixtures.withRules(l, rules);
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 19),
                Arbitraries.integers().between(0, 3), condition(), Arbitraries.of(ACTIONS),
                Arbitraries.integers().between(1, 40)).as(Mutation::new);
    }

    // ---- requests ----------------------------------------------------------------------------------

    /** The characters of every pattern of both listeners, so random requests hit their edges. */
    private static List<String> alphabet(Listener a, Listener b) {
        List<String> out = new ArrayList<>();
        for (Listener l : List.of(a, b)) {
            for (Rule r : l.rules()) {
                for (Condition c : r.conditions()) {
                    out.addAll(c.values());
                    c.queryPairs().forEach(p -> {
                        p.key().ifPresent(out::add);
                        out.add(p.value());
                    });
                }
            }
        }
        out.addAll(List.of(HOSTS));
        out.addAll(List.of(PATHS));
        return out;
    }

    static Request request(Random random, List<String> alphabet) {
        String host = random.nextInt(4) == 0 ? randomString(random, "ab.examplecom-AX", 12)
                : instantiate(pick(random, HOSTS), random);
        if (random.nextInt(8) == 0) {
            host = host + ":8080";
        }
        String path = random.nextInt(4) == 0 ? "/" + randomString(random, "abAB/?*", 6)
                : instantiate(pick(random, PATHS), random);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String method = pick(random, new String[] {"GET", "POST", "get", "PUT", "DELETE"});
        TreeMap<String, List<String>> headers = new TreeMap<>();
        for (String name : new String[] {"X-A", "X-B", "X-C"}) {
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                headers.computeIfAbsent(random.nextBoolean() ? name : name.toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(instantiate(pick(random, HEADER_VALUES), random));
            }
        }
        List<Request.QueryParam> query = new ArrayList<>();
        int params = random.nextInt(3);
        for (int i = 0; i < params; i++) {
            String key = random.nextInt(3) == 0 ? randomString(random, "vVerk*\\", 4)
                    : instantiate(pick(random, new String[] {"v", "ver?", "k\\*", "V", "x"}), random);
            String value = random.nextInt(3) == 0 ? randomString(random, "12xX*", 3)
                    : instantiate(pick(random, new String[] {"1", "2", "x*", "*"}), random);
            query.add(new Request.QueryParam(key, value));
        }
        String ip = pick(random, ADDRESSES);
        String salt = alphabet.isEmpty() ? "" : alphabet.get(random.nextInt(alphabet.size()));
        if (random.nextInt(10) == 0 && salt.startsWith("/")) {
            path = instantiate(salt, random);
        }
        return new Request(host, path, method, headers, query, Optional.of(ip));
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }

    /** A string the pattern matches (mostly): wildcards filled at random, letters in random case. */
    static String instantiate(String pattern, Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                s.append(pattern.charAt(++i));
            } else if (c == '*') {
                s.append(randomString(random, "ab.-/o", 3));
            } else if (c == '?') {
                s.append(randomString(random, "abn.", 1).isEmpty() ? "a" : "n");
            } else {
                s.append(random.nextInt(5) == 0 ? flipCase(c) : c);
            }
        }
        return s.toString();
    }

    private static char flipCase(char c) {
        return Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
    }

    private static String randomString(Random random, String chars, int max) {
        int n = random.nextInt(max + 1);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(chars.charAt(random.nextInt(chars.length())));
        }
        return s.toString();
    }
}

package dev.lbguard.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.Listener;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RouteEvaluatorProperties {
    private final RouteEvaluator evaluator = new RouteEvaluator();

    /** A rule's own patterns, instantiated, reach that rule unless an earlier rule takes the request. */
    @Property(tries = 500)
    void aRuleTakesRequestsBuiltFromItsOwnPatterns(@ForAll("listeners") Listener listener, @ForAll long seed) {
        Random random = new Random(seed);
        for (Rule rule : listener.rules()) {
            Request request = requestFor(rule, random);
            RouteResult result = evaluator.evaluate(listener, request);
            assertThat(result.status()).as("%s for %s", result.reason(), request).isEqualTo(RouteResult.Status.MATCHED);
            assertThat(result.rule()).as("rule %s, request %s", rule, request).isPresent();
            Rule winner = result.rule().get();
            if (!winner.equals(rule)) {
                assertThat(winner.priority().value()).isLessThan(rule.priority().value());
            }
            // And the rule alone takes it: the request really is one of its own.
            assertThat(evaluator.evaluate(Fixtures.http(rule), request).rule()).contains(rule);
        }
    }

    @Property(tries = 300)
    void evaluationIsDeterministic(@ForAll("listeners") Listener listener, @ForAll("requests") Request request) {
        RouteResult first = evaluator.evaluate(listener, request);
        assertThat(new RouteEvaluator().evaluate(listener, request)).isEqualTo(first);
        assertThat(evaluator.evaluate(listener, request)).isEqualTo(first);
    }

    @Property(tries = 300)
    void reorderingRuleBlocksChangesNoAnswer(@ForAll("listeners") Listener listener, @ForAll("requests") Request request,
                                            @ForAll long seed) {
        List<Rule> shuffled = new ArrayList<>(listener.rules());
        Collections.shuffle(shuffled, new Random(seed));
        Listener reordered = new Listener(listener.id(), listener.source(), listener.protocol(), listener.port(),
                listener.sslPolicy(), listener.certificates(), listener.defaultAction(), shuffled);
        assertThat(evaluator.evaluate(reordered, request)).isEqualTo(evaluator.evaluate(listener, request));
    }

    /** Every rule reported unreachable really loses each request built from its patterns. */
    @Property(tries = 300)
    void unreachableRulesNeverWin(@ForAll("listeners") Listener listener, @ForAll long seed) {
        Random random = new Random(seed);
        for (UnreachableRule u : evaluator.unreachableRules(listener)) {
            for (int i = 0; i < 5; i++) {
                Request request = requestFor(u.rule(), random);
                assertThat(evaluator.evaluate(listener, request).rule()).isNotEqualTo(Optional.of(u.rule()));
            }
        }
    }

    // ---- generators -------------------------------------------------------------------------------

    private static final String[] CIDRS = {"10.0.0.0/8", "10.1.0.0/16", "192.168.0.0/24", "2001:db8::/32", "0.0.0.0/0"};
    private static final String[] CIDR_ADDRESSES = {"10.2.3.4", "10.1.9.9", "192.168.0.77", "2001:db8::9", "8.8.8.8"};
    private static final String[] METHODS = {"GET", "POST", "get", "PUT"};
    private static final String[] HEADERS = {"X-A", "x-a", "X-B"};

    private static Arbitrary<String> pattern(String chars, int max) {
        return Arbitraries.strings().withChars(chars.toCharArray()).ofMaxLength(max);
    }

    @Provide
    Arbitrary<Listener> listeners() {
        Arbitrary<List<Condition>> conditions = Arbitraries.oneOf(
                pattern("aB.*?", 5).list().ofMinSize(1).ofMaxSize(3).map(v -> Condition.of(ConditionType.HOST_HEADER, v)),
                pattern("ab/*?", 5).list().ofMinSize(1).ofMaxSize(3)
                        .map(v -> Condition.of(ConditionType.PATH_PATTERN, v.stream().map(s -> "/" + s).toList())),
                Combinators.combine(Arbitraries.of(HEADERS), pattern("aB*?", 4).list().ofMinSize(1).ofMaxSize(3))
                        .as((n, v) -> Condition.httpHeader(n, v.toArray(String[]::new))),
                Arbitraries.of(METHODS).list().ofMinSize(1).ofMaxSize(2)
                        .map(v -> Condition.of(ConditionType.HTTP_REQUEST_METHOD, v)),
                Combinators.combine(pattern("kK*?", 3).optional(), pattern("vV*?\\", 4))
                        .as(QueryPair::new).list().ofMinSize(1).ofMaxSize(3)
                        .map(p -> Condition.queryString(p.toArray(QueryPair[]::new))),
                Arbitraries.of(CIDRS).list().ofMinSize(1).ofMaxSize(2).map(v -> Condition.of(ConditionType.SOURCE_IP, v))
        ).list().ofMaxSize(3).map(RouteEvaluatorProperties::atMostOneOfEachSingleType);
        Arbitrary<List<Integer>> priorities = Arbitraries.integers().between(1, 50).set().ofMinSize(1).ofMaxSize(6)
                .map(ArrayList::new);
        return Combinators.combine(priorities, conditions.list().ofSize(6)).as((prio, conds) -> {
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < prio.size(); i++) {
                rules.add(Fixtures.rule("r" + i, prio.get(i), conds.get(i).toArray(Condition[]::new)));
            }
            return Fixtures.http(rules.toArray(Rule[]::new));
        });
    }

    /** ALB allows at most one host-header, path-pattern, http-request-method and source-ip per rule. */
    private static List<Condition> atMostOneOfEachSingleType(List<Condition> in) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : in) {
            boolean repeatable = c.type() == ConditionType.HTTP_HEADER || c.type() == ConditionType.QUERY_STRING;
            if (repeatable || out.stream().noneMatch(o -> o.type() == c.type())) {
                out.add(c);
            }
        }
        return out;
    }

    @Provide
    Arbitrary<Request> requests() {
        return Combinators.combine(pattern("aAbB.", 6), pattern("ab/", 6), Arbitraries.of(METHODS),
                        pattern("aBb", 3), pattern("kKv*", 3), Arbitraries.of(CIDR_ADDRESSES))
                .as((host, path, method, header, query, ip) -> new Request(host, "/" + path, method,
                        new java.util.TreeMap<>(java.util.Map.of("X-A", List.of(header))),
                        List.of(new Request.QueryParam(query, query)), Optional.of(ip)));
    }

    // ---- requests from a rule's own patterns ---------------------------------------------------------

    private static Request requestFor(Rule rule, Random random) {
        Request r = Request.of("unmatched.invalid", "/unmatched").withMethod("DELETE").withSourceIp("203.0.113.1");
        for (Condition c : rule.conditions()) {
            switch (c.type()) {
                case HOST_HEADER -> r = r.withHost(flipCase(instantiate(pick(c.values(), random), false, random), random)
                        + (random.nextBoolean() ? ":8080" : ""));
                case PATH_PATTERN -> r = r.withPath(instantiate(pick(c.values(), random), false, random));
                case HTTP_HEADER -> r = r.withHeader(flipCase(c.headerName(), random),
                        flipCase(instantiate(pick(c.values(), random), false, random), random));
                case HTTP_REQUEST_METHOD -> r = r.withMethod(pick(c.values(), random));
                case QUERY_STRING -> {
                    QueryPair p = pick(c.queryPairs(), random);
                    String key = p.key().map(k -> instantiate(k, true, random)).orElse("anykey");
                    r = r.withQuery(flipCase(key, random), flipCase(instantiate(p.value(), true, random), random));
                }
                case SOURCE_IP -> {
                    String cidr = pick(c.values(), random);
                    r = r.withSourceIp(cidr.substring(0, cidr.indexOf('/')));
                }
                default -> throw new IllegalStateException();
            }
        }
        return r;
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    /** Replaces each {@code *} by a random string and each {@code ?} by one random character. */
    private static String instantiate(String pattern, boolean escapes, Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escapes && c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                s.append(pattern.charAt(++i));
            } else if (c == '*') {
                for (int n = random.nextInt(4); n > 0; n--) {
                    s.append(randomChar(random));
                }
            } else if (c == '?') {
                s.append(randomChar(random));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static char randomChar(Random random) {
        return "abZ/.*?-".charAt(random.nextInt(8));
    }

    private static String flipCase(String s, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }
}

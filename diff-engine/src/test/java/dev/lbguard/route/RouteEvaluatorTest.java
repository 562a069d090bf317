package dev.lbguard.route;

import static dev.lbguard.route.Fixtures.http;
import static dev.lbguard.route.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Priority;
import dev.lbguard.model.QueryPair;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.WeightedTarget;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteEvaluatorTest {
    private final RouteEvaluator evaluator = new RouteEvaluator();

    private Optional<String> winner(Listener l, Request r) {
        RouteResult res = evaluator.evaluate(l, r);
        assertThat(res.status()).as(res.reason()).isEqualTo(RouteResult.Status.MATCHED);
        return res.ruleId().map(ElementId::value);
    }

    private boolean matches(Condition c, Request r) {
        return winner(http(rule("r", 1, c)), r).isPresent();
    }

    private static Request req(String host, String path) {
        return Request.of(host, path);
    }

    @Test
    void hostWildcardNeedsSomethingBeforeTheDot() {
        Condition c = Condition.hostHeader("*.example.com");
        assertThat(matches(c, req("api.example.com", "/"))).isTrue();
        assertThat(matches(c, req("a.b.example.com", "/"))).isTrue();
        assertThat(matches(c, req("example.com", "/"))).isFalse();
        assertThat(matches(c, req(".example.com", "/"))).isTrue();
    }

    @Test
    void hostIsCaseInsensitiveAndIgnoresPort() {
        Condition c = Condition.hostHeader("API.Example.com");
        assertThat(c.values()).containsExactly("api.example.com");
        assertThat(matches(c, req("Api.EXAMPLE.com", "/"))).isTrue();
        assertThat(matches(c, req("api.example.com:8443", "/"))).isTrue();
        assertThat(matches(c, req("api.example.com.evil", "/"))).isFalse();
    }

    @Test
    void questionMarkIsExactlyOneCharacter() {
        Condition c = Condition.hostHeader("api?.example.com");
        assertThat(matches(c, req("api1.example.com", "/"))).isTrue();
        assertThat(matches(c, req("api.example.com", "/"))).isFalse();
        assertThat(matches(c, req("api12.example.com", "/"))).isFalse();
    }

    @Test
    void pathIsCaseSensitive() {
        Condition c = Condition.pathPattern("/api/*");
        assertThat(matches(c, req("h", "/api/x"))).isTrue();
        assertThat(matches(c, req("h", "/api/"))).isTrue();
        assertThat(matches(c, req("h", "/API/x"))).isFalse();
        assertThat(matches(c, req("h", "/api"))).isFalse();
    }

    @Test
    void pathValuesAreOred() {
        Condition c = Condition.pathPattern("/a", "/b/*");
        assertThat(matches(c, req("h", "/a"))).isTrue();
        assertThat(matches(c, req("h", "/b/c"))).isTrue();
        assertThat(matches(c, req("h", "/c"))).isFalse();
    }

    @Test
    void conditionsAreAnded() {
        Listener l = http(rule("r", 1, Condition.hostHeader("a.test"), Condition.pathPattern("/x")));
        assertThat(winner(l, req("a.test", "/x"))).contains("r");
        assertThat(winner(l, req("a.test", "/y"))).isEmpty();
        assertThat(winner(l, req("b.test", "/x"))).isEmpty();
    }

    @Test
    void methodIsExactAndCaseSensitiveWithoutWildcards() {
        assertThat(matches(Condition.httpRequestMethod("GET"), req("h", "/"))).isTrue();
        assertThat(matches(Condition.httpRequestMethod("get"), req("h", "/"))).isFalse();
        assertThat(matches(Condition.httpRequestMethod("G*"), req("h", "/"))).isFalse();
        assertThat(matches(Condition.httpRequestMethod("POST", "PUT"), req("h", "/").withMethod("PUT"))).isTrue();
    }

    @Test
    void headerNameAndValueIgnoreCaseAndValuesTakeWildcards() {
        Condition c = Condition.httpHeader("X-Canary", "on*");
        assertThat(matches(c, req("h", "/").withHeader("x-canary", "ON-please"))).isTrue();
        assertThat(matches(c, req("h", "/").withHeader("X-CANARY", "on"))).isTrue();
        assertThat(matches(c, req("h", "/").withHeader("X-Canary", "off"))).isFalse();
        assertThat(matches(c, req("h", "/"))).isFalse();
        assertThat(matches(c, req("h", "/").withHeader("x-canary", "off").withHeader("X-Canary", "on"))).isTrue();
    }

    @Test
    void aHeaderTheLogDoesNotCarryIsUnknownWhereARuleTestsItAndOnlyThere() {
        Request.Unread albLog = new Request.Unread(false, Optional.of(java.util.Set.of("User-Agent")));
        Listener l = http(rule("api", 1, Condition.pathPattern("/api/*")), rule("canary", 2,
                Condition.httpHeader("X-Canary", "on")), rule("bots", 3, Condition.httpHeader("User-Agent", "*bot*")));
        // Before the header rule, the request is decided; reaching it, not: the header may have been sent.
        assertThat(winner(l, req("h", "/api/x").withUnread(albLog))).contains("api");
        RouteResult unknown = evaluator.evaluate(l, req("h", "/x").withUnread(albLog));
        assertThat(unknown.status()).isNotEqualTo(RouteResult.Status.MATCHED);
        assertThat(unknown.reason()).contains("X-Canary");
        // A header the log carries is known, present or absent.
        Listener ua = http(rule("bots", 1, Condition.httpHeader("user-agent", "*bot*")));
        assertThat(winner(ua, req("h", "/").withUnread(albLog))).isEmpty();
        assertThat(winner(ua, req("h", "/").withHeader("User-Agent", "Googlebot").withUnread(albLog))).contains("bots");
        // An HAProxy log without a Host capture does not say the host.
        Listener hosts = http(rule("shop", 1, Condition.hostHeader("shop.example.com")));
        assertThat(evaluator.evaluate(hosts, req("", "/").withUnread(new Request.Unread(true, Optional.empty())))
                .status()).isNotEqualTo(RouteResult.Status.MATCHED);
    }

    @Test
    void queryPairWithKeyNeedsBoth() {
        Condition c = Condition.queryString(QueryPair.of("Version", "v*"));
        assertThat(matches(c, req("h", "/").withQuery("version", "V2"))).isTrue();
        assertThat(matches(c, req("h", "/").withQuery("other", "v2"))).isFalse();
        assertThat(matches(c, req("h", "/").withQuery("version", "x"))).isFalse();
        assertThat(matches(c, req("h", "/"))).isFalse();
    }

    @Test
    void keyLessQueryValueMatchesAnyKey() {
        Condition c = Condition.queryString(QueryPair.valueOnly("*example*"));
        assertThat(matches(c, req("h", "/").withQuery("a", "my-EXAMPLE-1"))).isTrue();
        assertThat(matches(c, req("h", "/").withQuery("example", "nope"))).isFalse();
    }

    @Test
    void queryPairsAreOred() {
        Condition c = Condition.queryString(QueryPair.of("version", "v1"), QueryPair.valueOnly("beta"));
        assertThat(matches(c, req("h", "/").withQuery("version", "v1"))).isTrue();
        assertThat(matches(c, req("h", "/").withQuery("channel", "beta"))).isTrue();
        assertThat(matches(c, req("h", "/").withQuery("version", "v2"))).isFalse();
    }

    @Test
    void backslashEscapesWildcardsInQueryStrings() {
        Condition c = Condition.queryString(QueryPair.of("q", "a\\*b"));
        assertThat(matches(c, req("h", "/").withQuery("q", "a*b"))).isTrue();
        assertThat(matches(c, req("h", "/").withQuery("q", "axxb"))).isFalse();
        Condition q = Condition.queryString(QueryPair.of("q", "a\\?"));
        assertThat(matches(q, req("h", "/").withQuery("q", "a?"))).isTrue();
        assertThat(matches(q, req("h", "/").withQuery("q", "ab"))).isFalse();
        Condition slash = Condition.queryString(QueryPair.of("q", "a\\\\*"));
        assertThat(matches(slash, req("h", "/").withQuery("q", "a\\anything"))).isTrue();
    }

    @Test
    void sourceIpV4AndV6() {
        Condition c = Condition.sourceIp("10.0.0.0/8", "2001:db8::/32");
        assertThat(matches(c, req("h", "/").withSourceIp("10.1.2.3"))).isTrue();
        assertThat(matches(c, req("h", "/").withSourceIp("11.0.0.1"))).isFalse();
        assertThat(matches(c, req("h", "/").withSourceIp("2001:db8:1::5"))).isTrue();
        assertThat(matches(c, req("h", "/").withSourceIp("2001:db9::5"))).isFalse();
        assertThat(matches(Condition.sourceIp("192.168.1.7/32"), req("h", "/").withSourceIp("192.168.1.7"))).isTrue();
    }

    /** Issue 20: address families never mix, whatever the library converts elsewhere. */
    @Test
    void anIpv6BlockNeverMatchesAnIpv4ClientNorTheReverse() {
        assertThat(matches(Condition.sourceIp("::/0"), req("h", "/").withSourceIp("203.0.113.7"))).isFalse();
        assertThat(matches(Condition.sourceIp("::ffff:0:0/96"), req("h", "/").withSourceIp("203.0.113.7"))).isFalse();
        assertThat(matches(Condition.sourceIp("0.0.0.0/0"), req("h", "/").withSourceIp("2001:db8::1"))).isFalse();
        assertThat(matches(Condition.sourceIp("2001:db8::/32", "203.0.113.7/32"), req("h", "/").withSourceIp("203.0.113.7")))
                .isTrue();
    }

    @Test
    void sourceIpWithoutAnAddressInTheRequestIsUnknown() {
        RouteResult r = evaluator.evaluate(http(rule("r", 1, Condition.sourceIp("10.0.0.0/8"))), req("h", "/"));
        assertThat(r.status()).isEqualTo(RouteResult.Status.UNKNOWN);
        assertThat(r.ruleId()).contains(ElementId.of("r"));
        assertThat(r.reason()).contains("source IP");
    }

    @Test
    void lowestPriorityNumberWinsWhateverTheListOrder() {
        Listener l = http(rule("b", 20, Condition.pathPattern("/*")), rule("a", 10, Condition.pathPattern("/api/*")));
        assertThat(winner(l, req("h", "/api/x"))).contains("a");
        assertThat(winner(l, req("h", "/other"))).contains("b");
    }

    @Test
    void defaultActionWhenNoRuleMatches() {
        Listener l = http(rule("a", 10, Condition.pathPattern("/api/*")));
        RouteResult r = evaluator.evaluate(l, req("h", "/x"));
        assertThat(r.isDefault()).isTrue();
        assertThat(r.action()).contains(Fixtures.DEFAULT);
    }

    @Test
    void networkListenersOnlyForward() {
        Listener l = Fixtures.listener("TCP", 443, rule("a", 1, Condition.pathPattern("/*")));
        assertThat(evaluator.evaluate(l, req("h", "/x")).isDefault()).isTrue();
    }

    @Test
    void unknownConditionMakesItsRuleUnknownOnlyWhereKnownValuesMiss() {
        Condition partly = Condition.hostHeader("a.test").withUnknown("var.extra_host");
        Listener l = http(rule("r", 1, partly), rule("s", 2, Condition.pathPattern("/*")));
        assertThat(winner(l, req("a.test", "/"))).contains("r");
        RouteResult r = evaluator.evaluate(l, req("b.test", "/"));
        assertThat(r.status()).isEqualTo(RouteResult.Status.UNKNOWN);
        assertThat(r.reason()).contains("var.extra_host");
    }

    @Test
    void aHeaderConditionOfUnknownValuesCannotTakeARequestWithoutThatHeader() {
        Condition canary = Condition.httpHeader("X-Canary").withUnknown("var.canary_values");
        Listener l = http(rule("canary", 1, canary), rule("all", 2, Condition.pathPattern("/*")));
        assertThat(winner(l, req("h", "/x"))).contains("all");
        RouteResult withHeader = evaluator.evaluate(l, req("h", "/x").withHeader("X-Canary", "yes"));
        assertThat(withHeader.status()).isEqualTo(RouteResult.Status.UNKNOWN);
        assertThat(withHeader.reason()).contains("var.canary_values");
        // Header names are not case-sensitive.
        assertThat(evaluator.evaluate(l, req("h", "/x").withHeader("x-canary", "yes")).status())
                .isEqualTo(RouteResult.Status.UNKNOWN);

        // A header whose name is unknown may be any header the request has.
        Condition unnamed = Condition.httpHeader("(known after apply)").withUnknown(Condition.UNKNOWN_HEADER_NAME
                + "(known after apply)");
        Listener u = http(rule("u", 1, unnamed), rule("all", 2, Condition.pathPattern("/*")));
        assertThat(evaluator.evaluate(u, req("h", "/x")).status()).isEqualTo(RouteResult.Status.UNKNOWN);
        Listener whole = http(rule("w", 1, Condition.httpHeader("?").withUnknown("var.headers")),
                rule("all", 2, Condition.pathPattern("/*")));
        assertThat(evaluator.evaluate(whole, req("h", "/x")).status()).isEqualTo(RouteResult.Status.UNKNOWN);
        // An unknown name stays unknown when another reason joins it.
        Listener both = http(rule("b", 1, Condition.httpHeader("var.h").withUnknown(Condition.UNKNOWN_HEADER_NAME
                + "var.h; regex_values are not supported")), rule("all", 2, Condition.pathPattern("/*")));
        assertThat(evaluator.evaluate(both, req("h", "/x")).status()).isEqualTo(RouteResult.Status.UNKNOWN);
        // A condition written without values matches what AWS does not document: unknown even without the header.
        Listener empty = http(rule("e", 1, Condition.httpHeader("X-Canary").withUnknown("the http_header"
                + Condition.WITHOUT_VALUES)), rule("all", 2, Condition.pathPattern("/*")));
        assertThat(evaluator.evaluate(empty, req("h", "/x")).status()).isEqualTo(RouteResult.Status.UNKNOWN);
    }

    @Test
    void aQueryConditionOfUnknownValuesCannotTakeARequestWithoutAQuery() {
        Condition q = Condition.queryString().withUnknown("var.query");
        Listener l = http(rule("q", 1, q), rule("all", 2, Condition.pathPattern("/*")));
        assertThat(winner(l, req("h", "/x"))).contains("all");
        assertThat(evaluator.evaluate(l, req("h", "/x").withQuery("v", "2")).status())
                .isEqualTo(RouteResult.Status.UNKNOWN);
    }

    @Test
    void aFalseConditionBeatsAnUnknownOne() {
        Condition unknown = Condition.hostHeader().withUnknown("unevaluable");
        Listener l = http(rule("r", 1, unknown, Condition.pathPattern("/only")));
        assertThat(winner(l, req("h", "/other"))).isEmpty();
    }

    @Test
    void unknownPriorityIsUnknownForRequestsTheRuleMayTake() {
        Listener l = http(rule("u", Priority.unknown(), Condition.pathPattern("/u/*")),
                rule("k", 5, Condition.pathPattern("/*")));
        assertThat(evaluator.evaluate(l, req("h", "/u/1")).status()).isEqualTo(RouteResult.Status.UNKNOWN);
        assertThat(winner(l, req("h", "/k"))).contains("k");
    }

    @Test
    void unresolvedTargetGroupMakesTheDestinationUnknown() {
        RuleAction dangling = RuleAction.of(new RouteAction.Forward(List.of(WeightedTarget.unresolved(
                ElementId.of("aws_lb_target_group.gone"), 1, "not in the configuration")), Optional.empty()));
        Rule r = new Rule(ElementId.of("r"), Fixtures.SRC, Priority.of(1), List.of(Condition.pathPattern("/x")), dangling);
        RouteResult res = evaluator.evaluate(http(r), req("h", "/x"));
        assertThat(res.status()).isEqualTo(RouteResult.Status.UNKNOWN);
        assertThat(res.ruleId()).contains(ElementId.of("r"));
        assertThat(res.action()).contains(dangling);
    }

    @Test
    void sharedPriorityIsUnknownWhenBothMatch() {
        Listener l = http(rule("a", 5, Condition.pathPattern("/x")), rule("b", 5, Condition.pathPattern("/*")));
        assertThat(evaluator.evaluate(l, req("h", "/x")).status()).isEqualTo(RouteResult.Status.UNKNOWN);
        assertThat(winner(l, req("h", "/y"))).contains("b");
    }

    @Test
    void pathologicalWildcardsStayFast() {
        String pattern = "/" + "*a".repeat(40) + "b";
        String path = "/" + "a".repeat(5000);
        long start = System.nanoTime();
        assertThat(matches(Condition.pathPattern(pattern), req("h", path))).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}

package dev.lbguard.route;

import static dev.lbguard.route.Fixtures.http;
import static dev.lbguard.route.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Condition;
import dev.lbguard.model.Listener;
import dev.lbguard.model.QueryPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnreachableRulesTest {
    private final RouteEvaluator evaluator = new RouteEvaluator();

    private List<String> unreachable(Listener l) {
        return evaluator.unreachableRules(l).stream().map(u -> u.rule().id() + "<" + u.shadowedBy().id()).toList();
    }

    @Test
    void exactDuplicate() {
        Listener l = http(rule("a", 1, Condition.hostHeader("x.test")), rule("b", 2, Condition.hostHeader("X.test")));
        assertThat(unreachable(l)).containsExactly("b<a");
        assertThat(evaluator.unreachableRules(l).get(0).reason()).contains("same conditions");
    }

    @Test
    void catchAllShadowsEverythingAfterIt() {
        Listener l = http(rule("all", 1, Condition.pathPattern("/*")), rule("b", 2, Condition.hostHeader("x.test")),
                rule("c", 3, Condition.httpRequestMethod("POST")));
        assertThat(unreachable(l)).containsExactly("b<all", "c<all");
    }

    @Test
    void inclusionOfPatterns() {
        Listener l = http(rule("wide", 1, Condition.pathPattern("/api/*")),
                rule("narrow", 2, Condition.pathPattern("/api/v?/*", "/api/x"), Condition.hostHeader("h.test")),
                rule("other", 3, Condition.pathPattern("/API/x")));
        assertThat(unreachable(l)).containsExactly("narrow<wide");
    }

    @Test
    void caseInsensitiveHostInclusion() {
        Listener l = http(rule("wide", 1, Condition.hostHeader("*.Example.com")),
                rule("narrow", 2, Condition.hostHeader("api.example.COM")));
        assertThat(unreachable(l)).containsExactly("narrow<wide");
    }

    @Test
    void laterRuleThatIsWiderIsReachable() {
        Listener l = http(rule("narrow", 1, Condition.pathPattern("/api/x")), rule("wide", 2, Condition.pathPattern("/api/*")));
        assertThat(unreachable(l)).isEmpty();
    }

    @Test
    void earlierRuleWithAnExtraConditionDoesNotShadow() {
        Listener l = http(rule("a", 1, Condition.pathPattern("/*"), Condition.httpHeader("X-Canary", "on")),
                rule("b", 2, Condition.pathPattern("/x")));
        assertThat(unreachable(l)).isEmpty();
    }

    @Test
    void sourceIpAndQueryInclusion() {
        Listener l = http(rule("a", 1, Condition.sourceIp("10.0.0.0/8")), rule("b", 2, Condition.sourceIp("10.1.0.0/16")),
                rule("q1", 3, Condition.queryString(QueryPair.of("v*", "*"))),
                rule("q2", 4, Condition.queryString(QueryPair.of("version", "2"))),
                rule("q3", 5, Condition.queryString(QueryPair.valueOnly("2"))));
        assertThat(unreachable(l)).containsExactly("b<a", "q2<q1");
    }

    /** Issue 20: an IPv6 block never covers an IPv4 one (nor the reverse), even ::/0 and the v4-mapped range. */
    @Test
    void sourceIpFamiliesNeverShadowEachOther() {
        Listener l = http(rule("c", 1, Condition.sourceIp("0.0.0.0/0")), rule("d", 2, Condition.sourceIp("::ffff:0:0/96")),
                rule("a", 3, Condition.sourceIp("::/0", "2001:db8::/32")),
                rule("b", 4, Condition.sourceIp("203.0.113.0/24")));
        assertThat(unreachable(l)).containsExactly("b<c");
    }

    @Test
    void unknownConditionsNeverShadow() {
        Listener l = http(rule("a", 1, Condition.pathPattern("/*").withUnknown("var.x")),
                rule("b", 2, Condition.pathPattern("/x")));
        assertThat(unreachable(l)).isEmpty();
    }
}

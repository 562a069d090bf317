package dev.lbguard.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.AclExpr;
import dev.lbguard.model.AclExpr.Fetch;
import dev.lbguard.model.AclExpr.MatchMethod;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.RuleSemantics;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** HAProxy matching, one matcher and operator at a time; the differential test checks them against haproxy. */
class HaproxySemanticsTest {
    private static final SourceRef AT = SourceRef.of("haproxy.cfg", 1, 0);

    private static AclExpr.Match m(Fetch f, String header, MatchMethod method, boolean icase, String... values) {
        return new AclExpr.Match(f, header, method, List.of(values), icase);
    }

    private static boolean matches(AclExpr e, Request r) {
        return AclMatcher.evaluate(e, r).truth() == Truth.TRUE;
    }

    @Test
    void hostComparesTheWholeHeaderValueWithItsPort() {
        AclExpr host = m(Fetch.HDR, "host", MatchMethod.STR, false, "api.example.test");
        assertThat(matches(host, Request.of("api.example.test", "/"))).isTrue();
        assertThat(matches(host, Request.of("api.example.test:80", "/"))).isFalse();
        assertThat(matches(host, Request.of("API.example.test", "/"))).isFalse();
        assertThat(matches(m(Fetch.HDR, "host", MatchMethod.STR, true, "api.example.test"),
                Request.of("API.example.test", "/"))).isTrue();
    }

    @Test
    void prefixSuffixSubstring() {
        Request r = Request.of("shop.example.test:8080", "/static/App.js");
        assertThat(matches(m(Fetch.HDR, "host", MatchMethod.BEG, false, "shop."), r)).isTrue();
        assertThat(matches(m(Fetch.HDR, "host", MatchMethod.END, false, ":8080"), r)).isTrue();
        assertThat(matches(m(Fetch.PATH, "", MatchMethod.BEG, false, "/static/"), r)).isTrue();
        assertThat(matches(m(Fetch.PATH, "", MatchMethod.END, false, ".JS"), r)).isFalse();
        assertThat(matches(m(Fetch.PATH, "", MatchMethod.END, true, ".JS"), r)).isTrue();
        assertThat(matches(m(Fetch.PATH, "", MatchMethod.SUB, false, "App"), r)).isTrue();
    }

    @Test
    void domainAndDirMatchWholeDelimitedWords() {
        AclExpr dom = m(Fetch.HDR, "host", MatchMethod.DOM, false, "example.test");
        assertThat(matches(dom, Request.of("api.example.test:8080", "/"))).isTrue();
        assertThat(matches(dom, Request.of("example.testing", "/"))).isFalse();
        assertThat(matches(dom, Request.of("myexample.test", "/"))).isFalse();
        assertThat(matches(m(Fetch.HDR, "host", MatchMethod.DOM, false, ".example."),
                Request.of("a.example.b", "/"))).isTrue();
        AclExpr dir = m(Fetch.PATH, "", MatchMethod.DIR, false, "api");
        assertThat(matches(dir, Request.of("h", "/v1/api/users"))).isTrue();
        assertThat(matches(dir, Request.of("h", "/v1/apis"))).isFalse();
        // A pattern of delimiters only is empty after stripping, and HAProxy never matches it.
        assertThat(matches(m(Fetch.PATH, "", MatchMethod.DIR, false, "/"), Request.of("h", "/"))).isFalse();
    }

    @Test
    void regexSearchesUnanchored() {
        assertThat(matches(m(Fetch.PATH, "", MatchMethod.REG, false, "v[0-9]+/"), Request.of("h", "/api/v2/x"))).isTrue();
        assertThat(matches(m(Fetch.PATH, "", MatchMethod.REG, false, "^/API"), Request.of("h", "/api"))).isFalse();
        assertThat(matches(m(Fetch.PATH, "", MatchMethod.REG, true, "^/API"), Request.of("h", "/api"))).isTrue();
    }

    @Test
    void wellKnownMethodsMatchByIdentityOthersAsStrings() {
        Request get = Request.of("h", "/").withMethod("GET");
        Request lowerGet = Request.of("h", "/").withMethod("get");
        assertThat(matches(m(Fetch.METHOD, "", MatchMethod.METH, false, "GET"), get)).isTrue();
        assertThat(matches(m(Fetch.METHOD, "", MatchMethod.METH, true, "GET"), lowerGet)).isFalse();
        assertThat(matches(m(Fetch.METHOD, "", MatchMethod.METH, true, "get"), get)).isFalse();
        assertThat(matches(m(Fetch.METHOD, "", MatchMethod.METH, false, "get"), lowerGet)).isTrue();
        assertThat(matches(m(Fetch.METHOD, "", MatchMethod.METH, true, "purge"), lowerGet.withMethod("PURGE"))).isTrue();
    }

    @Test
    void sourceAddressInNetworks() {
        AclExpr src = m(Fetch.SRC, "", MatchMethod.IP, false, "127.0.0.0/8", "10.1.2.3");
        assertThat(matches(src, Request.of("h", "/").withSourceIp("127.9.9.9"))).isTrue();
        assertThat(matches(src, Request.of("h", "/").withSourceIp("10.1.2.4"))).isFalse();
        assertThat(matches(src, Request.of("h", "/").withSourceIp("::ffff:10.1.2.3"))).isTrue();
        assertThat(AclMatcher.evaluate(src, Request.of("h", "/")).truth()).isEqualTo(Truth.UNKNOWN);
        assertThat(AclMatcher.networkContains("::ffff:0:0/96", new IPAddressString("1.2.3.4").getAddress())).isTrue();
    }

    @Test
    void headerValuesSplitAtCommas() {
        AclExpr canary = m(Fetch.HDR, "x-canary", MatchMethod.STR, false, "on");
        assertThat(matches(canary, Request.of("h", "/").withHeader("X-Canary", "off, on"))).isTrue();
        assertThat(matches(canary, Request.of("h", "/").withHeader("X-Canary", "off"))).isFalse();
        assertThat(matches(canary, Request.of("h", "/"))).isFalse();
    }

    @Test
    void operatorsAndUnknowns() {
        AclExpr api = m(Fetch.PATH, "", MatchMethod.BEG, false, "/api");
        AclExpr unknown = new AclExpr.Unknown("req.cook(x) -m found", "unsupported");
        Request r = Request.of("h", "/api/x");
        assertThat(matches(new AclExpr.Not(api), r)).isFalse();
        assertThat(matches(new AclExpr.And(List.of(api, new AclExpr.Not(api))), r)).isFalse();
        assertThat(matches(new AclExpr.Or(List.of(new AclExpr.Not(api), api)), r)).isTrue();
        assertThat(matches(AclExpr.TRUE, r)).isTrue();
        // An unknown term decides nothing when the rest already does.
        assertThat(AclMatcher.evaluate(new AclExpr.Or(List.of(unknown, api)), r).truth()).isEqualTo(Truth.TRUE);
        assertThat(AclMatcher.evaluate(new AclExpr.And(List.of(unknown, new AclExpr.Not(api))), r).truth())
                .isEqualTo(Truth.FALSE);
        assertThat(AclMatcher.evaluate(new AclExpr.Not(unknown), r).truth()).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void firstMatchingRuleInFileOrderWinsThenTheDefault() {
        Rule api = Rule.haproxy(ElementId.of("r/api"), AT, Priority.of(2), m(Fetch.PATH, "", MatchMethod.BEG, false,
                "/api"), RuleAction.of(RouteAction.Forward.to(ElementId.of("haproxy:backend/api"))));
        Rule all = Rule.haproxy(ElementId.of("r/all"), AT, Priority.of(1), m(Fetch.PATH, "", MatchMethod.BEG, false,
                "/a"), RuleAction.of(RouteAction.Forward.to(ElementId.of("haproxy:backend/a"))));
        Listener l = new Listener(ElementId.of("haproxy:frontend/fe"), AT, "HTTP", 80, Optional.empty(), List.of(),
                RuleAction.of(RouteAction.Forward.to(ElementId.of("haproxy:backend/web"))), List.of(api, all),
                RuleSemantics.HAPROXY);
        RouteEvaluator e = new RouteEvaluator();
        assertThat(e.evaluate(l, Request.of("h", "/api")).ruleId()).hasValue(ElementId.of("r/all"));
        assertThat(e.evaluate(l, Request.of("h", "/x")).isDefault()).isTrue();
        Rule catchAll = Rule.haproxy(ElementId.of("r/any"), AT, Priority.of(1), AclExpr.TRUE, api.action());
        Listener shadowing = new Listener(l.id(), AT, "HTTP", 80, Optional.empty(), List.of(), l.defaultAction(),
                List.of(api, catchAll), RuleSemantics.HAPROXY);
        assertThat(e.unreachableRules(shadowing)).extracting(u -> u.rule().id()).containsExactly(ElementId.of("r/api"));
    }

    @Test
    void backupServersServeOnlyWhenNoPrimaryIsUp() {
        Target primary = target("p", 3, false, TargetStatus.State.MAINTENANCE);
        Target backup1 = target("b1", 4, true, TargetStatus.State.HEALTHY);
        Target backup2 = target("b2", 5, true, TargetStatus.State.HEALTHY);
        TargetGroup down = group(primary, backup2, backup1);
        assertThat(ServerSelection.serving(down)).containsExactly(backup1);
        TargetGroup up = group(target("p", 3, false, TargetStatus.State.HEALTHY), backup1);
        assertThat(ServerSelection.serving(up)).extracting(Target::backup).containsExactly(false);
    }

    private static Target target(String name, int line, boolean backup, TargetStatus.State state) {
        return new Target(ElementId.of("haproxy:backend/be/server/" + name), SourceRef.of("haproxy.cfg", line, 0),
                "10.0.0.1", OptionalInt.of(80), Optional.of(new TargetStatus(state, OptionalInt.of(1), "")), backup);
    }

    private static TargetGroup group(Target... targets) {
        return new TargetGroup(ElementId.of("haproxy:backend/be"), AT, "be", "HTTP", 0, "ip",
                new dev.lbguard.model.HealthCheck(false, "TCP", "traffic-port", "", "", 2, 2, 2, 3), List.of(targets));
    }
}

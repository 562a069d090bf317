package dev.lbguard.source.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.AclExpr;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleSemantics;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaproxyConfigReaderTest {
    private static RoutingSnapshot read(String cfg) {
        return new HaproxyConfigReader().read("haproxy.cfg", cfg, "", SnapshotOrigin.other("t"));
    }

    private static List<String> diagnostics(RoutingSnapshot s) {
        return s.diagnostics().stream().map(Diagnostic::render).toList();
    }

    @Test
    void readsTheDomainConfig() throws IOException {
        String cfg = Files.readString(Path.of("/work/shared/domain-data/haproxy-test.cfg"));
        RoutingSnapshot s = read(cfg);
        assertThat(s.complete()).as(diagnostics(s).toString()).isTrue();
        assertThat(s.loadBalancers()).singleElement().satisfies(lb -> {
            assertThat(lb.type()).isEqualTo(LoadBalancerType.HAPROXY);
            assertThat(lb.id()).isEqualTo(ElementId.of("haproxy:haproxy.cfg"));
        });
        Listener l = s.loadBalancers().get(0).listeners().get(0);
        assertThat(l.id()).isEqualTo(ElementId.of("haproxy:frontend/fe_main"));
        assertThat(l.label()).isEqualTo("HTTP:18080");
        assertThat(l.semantics()).isEqualTo(RuleSemantics.HAPROXY);
        assertThat(l.rulesInEvaluationOrder()).extracting(r -> r.id().value(), r -> r.source().line())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("haproxy:frontend/fe_main/use_backend/be_api", 15),
                        org.assertj.core.groups.Tuple.tuple("haproxy:frontend/fe_main/use_backend/be_static", 16));
        assertThat(l.rulesInEvaluationOrder().get(0).expression()).hasValue(new AclExpr.Match(AclExpr.Fetch.HDR,
                "host", AclExpr.MatchMethod.STR, List.of("api.example.test"), true));
        assertThat(l.defaultAction().terminal()).isEqualTo(RouteAction.Forward.to(ElementId.of("haproxy:backend/be_web")));
        TargetGroup api = s.targetGroup(ElementId.of("haproxy:backend/be_api")).orElseThrow();
        Target api2 = api.targets().get(1);
        assertThat(api2.id()).isEqualTo(ElementId.of("haproxy:backend/be_api/server/api2"));
        assertThat(api2.targetId()).isEqualTo("127.0.0.1");
        assertThat(api2.port()).hasValue(19012);
        assertThat(api2.status().orElseThrow().state()).isEqualTo(TargetStatus.State.MAINTENANCE);
        assertThat(api2.status().orElseThrow().weight()).hasValue(20);
        assertThat(api.healthCheck().enabled()).isTrue();
    }

    @Test
    void httpRequestRulesComeBeforeUseBackendAndConditionsKeepTheirShape() {
        RoutingSnapshot s = read("""
                defaults
                    mode http
                frontend www
                    bind :80
                    bind :443 ssl crt /etc/ssl/site.pem
                    acl api path_beg /api
                    acl api hdr_beg(host) -i api.
                    acl admin path_dir admin
                    acl office src 10.0.0.0/8
                    use_backend be_api if api !admin || { method POST PUT }
                    http-request redirect scheme https code 301 unless { ssl_fc }
                    http-request deny if admin !office
                    default_backend be_web
                backend be_api
                    server a 10.0.0.1:8080 weight 5
                    server b 10.0.0.2:8080 backup
                backend be_web
                    server w 10.0.0.3
                """);
        assertThat(diagnostics(s)).isEmpty();
        List<Listener> listeners = s.loadBalancers().get(0).listeners();
        // Two ports, so each listener's id names its port; listeners sort by id.
        assertThat(listeners).extracting(l -> l.id().value(), Listener::label).containsExactly(
                org.assertj.core.groups.Tuple.tuple("haproxy:frontend/www:443", "HTTPS:443"),
                org.assertj.core.groups.Tuple.tuple("haproxy:frontend/www:80", "HTTP:80"));
        assertThat(listeners.get(0).certificates()).containsExactly("/etc/ssl/site.pem");
        List<Rule> rules = listeners.get(1).rulesInEvaluationOrder();
        assertThat(rules).extracting(r -> r.id().value()).containsExactly("haproxy:frontend/www/http-request/redirect",
                "haproxy:frontend/www/http-request/deny", "haproxy:frontend/www/use_backend/be_api");
        assertThat(rules.get(1).action().terminal()).isEqualTo(new RouteAction.FixedResponse("403", "", ""));
        // ssl_fc is a property of the bind: the redirect to https holds on port 80 and never on 443.
        assertThat(rules.get(0).expression().orElseThrow().toString()).isEqualTo("!(FALSE)");
        assertThat(listeners.get(0).rulesInEvaluationOrder().get(0).expression().orElseThrow().toString())
                .isEqualTo("!(TRUE)");
        assertThat(rules.get(2).expression().orElseThrow().toString()).isEqualTo(
                "(path -m beg /api || hdr(host) -i -m beg api.) !path -m dir admin || method -m meth POST PUT");
        TargetGroup api = s.targetGroup(ElementId.of("haproxy:backend/be_api")).orElseThrow();
        assertThat(api.targets()).extracting(Target::backup).containsExactly(false, true);
        assertThat(api.targets().get(0).status().orElseThrow().weight()).hasValue(5);
        assertThat(api.targets().get(1).status().orElseThrow().weight()).hasValue(1);
    }

    @Test
    void whatMayChangeRoutingIsAnErrorWithItsLine() {
        RoutingSnapshot s = read("""
                global
                    lua-load /etc/haproxy/route.lua
                frontend fe
                    mode http
                    bind 127.0.0.1:8080
                    http-request set-path /v2%[path] if { path_beg /v1 }
                    acl odd req.cook(x) -m found
                    use_backend %[req.hdr(x-be)] if { hdr(x-be) -m found }
                    use_backend missing if odd
                    use_backend be if undefined_acl
                    default_backend be
                backend be
                    mode http
                    server s 127.0.0.1:9000
                """);
        assertThat(s.complete()).isFalse();
        assertThat(diagnostics(s)).containsExactly(
                "haproxy.cfg:2: warning: Lua is loaded; Lua actions and fetches are not modelled [haproxy-lua]",
                "haproxy.cfg:6: error: http-request set-path may change routing and is not modelled [haproxy-unsupported]",
                "haproxy.cfg:7: error: ACL fetch req.cook(x) is not supported: req.cook(x) -m found "
                        + "[haproxy-unsupported-acl]",
                "haproxy.cfg:8: error: backend name %[req.hdr(x-be)] is computed at run time [haproxy-dynamic-backend]",
                "haproxy.cfg:8: error: match method -m found is not supported: hdr(x-be) -m found "
                        + "[haproxy-unsupported-acl]",
                "haproxy.cfg:9: error: no backend named missing [haproxy-unknown-backend]",
                "haproxy.cfg:10: error: no ACL named undefined_acl: undefined_acl [haproxy-unsupported-acl]");
        Listener l = s.loadBalancers().get(0).listeners().get(0);
        assertThat(l.rulesInEvaluationOrder()).extracting(r -> r.action().terminal().isKnown())
                .containsExactly(false, false, true);
    }

    @Test
    void conditionalBlocksAndPortsHaproxyRefusesAreErrorsAndAPrefixRedirectGoesWhereItSays() {
        RoutingSnapshot s = read("""
                stray words
                frontend fe
                    mode http
                    bind 127.0.0.1:8080
                    redirect prefix https://new.example.com if { path_beg /old }
                    http-request deny deny_status 99999 if { path_beg /x }
                .if defined(CANARY)
                    use_backend be if { path_beg /b }
                .endif
                    default_backend be
                backend be
                    mode http
                    server s 127.0.0.1:99999
                    server t 127.0.0.1:9001 weight 99999999999
                """);
        assertThat(s.complete()).isFalse();
        assertThat(diagnostics(s)).containsExactly(
                "haproxy.cfg:1: error: line outside any section: stray words; haproxy refuses this configuration "
                        + "[haproxy-syntax]",
                "haproxy.cfg:6: error: http-request deny with status 99999: haproxy refuses a status outside 200 to "
                        + "599 [haproxy-unsupported]",
                "haproxy.cfg:7: error: conditional block .if defined(CANARY): HAProxy decides at startup whether the "
                        + "lines it guards apply, and lbguard does not [haproxy-conditional]",
                "haproxy.cfg:13: error: server s: invalid port 99999 (1 to 65535); haproxy refuses this configuration "
                        + "[haproxy-syntax]",
                "haproxy.cfg:14: error: server t: weight 99999999999 is not 0 to 256; haproxy refuses this "
                        + "configuration [haproxy-syntax]");
        RouteAction redirect = s.loadBalancers().get(0).listeners().get(0).rulesInEvaluationOrder().get(0)
                .action().terminal();
        // HAProxy's Location is the prefix then the path: https://new.example.com/old/x, on https's port.
        assertThat(redirect).isEqualTo(new RouteAction.Redirect("HTTPS", "443", "new.example.com", "/#{path}",
                "#{query}", "HTTP_302"));
    }

    @Test
    void aMistypedRoutingKeywordIsAnErrorAsHaproxyRefusesIt() {
        assertThat(Directives.misspelledRouting("use_backendx")).contains("use_backend");
        assertThat(Directives.misspelledRouting("default-backend")).contains("default_backend");
        assertThat(Directives.misspelledRouting("redirct")).contains("redirect");
        // Keywords HAProxy has, near a routing one or not, are not typos.
        for (String kw : List.of("use-server", "tcp-request", "acl", "bind", "http-response", "stats", "nbthread")) {
            assertThat(Directives.misspelledRouting(kw)).as(kw).isEmpty();
        }
    }

    /** What 25 public configs showed (issue 20's real-world check): each is refused by, or answered by, haproxy. */
    @Test
    void removedDirectivesAndStatsInDefaultsAreErrorsAndAVariableInCrtIsNoPortError() {
        String cfg = """
                defaults
                    mode http
                    stats enable
                    stats uri /_stats

                frontend fe
                    bind *:443 ssl crt /etc/ssl/site.pem
                    reqirep ^Host:\\ old.example.test Host:\\ new.example.test
                    option http_proxy
                    default_backend be

                backend be
                    reqadd X-Forwarded-Proto:\\ https
                    server s1 127.0.0.1:8080
                """;
        List<String> d = diagnostics(read(cfg));
        assertThat(d).anySatisfy(x -> assertThat(x).startsWith("haproxy.cfg:3: error: stats in a defaults section"));
        assertThat(d).anySatisfy(x -> assertThat(x).startsWith("haproxy.cfg:8: error: reqirep was removed in HAProxy 2.1"));
        assertThat(d).anySatisfy(x -> assertThat(x).startsWith("haproxy.cfg:9: error: option http_proxy was removed"));
        assertThat(d).anySatisfy(x -> assertThat(x).startsWith("haproxy.cfg:13: error: reqadd was removed"));
        RoutingSnapshot withVariable = read("""
                defaults
                    mode http

                frontend fe
                    bind :::443 v4v6 ssl crt ${CERT_PATH} alpn h2,http/1.1
                    default_backend be

                backend be
                    server s1 127.0.0.1:8080
                """);
        assertThat(diagnostics(withVariable)).noneMatch(x -> x.contains("haproxy-bind-port"));
        // The certificate path does not route: a warning, and the routing is complete.
        assertThat(withVariable.complete()).as(diagnostics(withVariable).toString()).isTrue();
        assertThat(diagnostics(withVariable)).anySatisfy(x -> assertThat(x).contains("warning")
                .contains("haproxy-environment"));
        assertThat(read("""
                frontend fe
                    mode http
                    bind *:${PORT}
                    default_backend be

                backend be
                    server s1 127.0.0.1:8080
                """).complete()).isFalse();
        assertThat(withVariable.loadBalancers().get(0).listeners()).extracting(Listener::port).containsExactly(443);
    }
}

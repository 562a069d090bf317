package dev.lbguard.source.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diff.RouteChange;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The route diff on HAProxy configurations read by the real reader. */
class HaproxyRouteDiffTest {
    private static final String HEAD = """
            defaults
                mode http
            frontend fe
                bind :80
                acl is_api path_beg /api
                acl is_www hdr(host) -i www.example.com
                %s
                default_backend be_web
            backend be_api
                server a 10.0.0.1:80
            backend be_web
                server w 10.0.0.2:80
            backend be_www
                server w 10.0.0.3:80
            """;

    private static RoutingSnapshot cfg(String rules) {
        return new HaproxyConfigReader().read("haproxy.cfg", HEAD.formatted(rules), "", SnapshotOrigin.other("t"));
    }

    private static RouteDiff diff(String base, String head) {
        return new RouteDiffer().diff(cfg(base), cfg(head));
    }

    @Test
    void reorderedAclsSendApiOnTheWwwHostToTheWebBackend() {
        RouteDiff d = diff("use_backend be_api if is_api\n    use_backend be_www if is_www",
                "use_backend be_www if is_www\n    use_backend be_api if is_api");
        assertThat(d.decided()).isTrue();
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.example().path()).startsWith("/api");
            assertThat(c.example().host().toLowerCase()).isEqualTo("www.example.com");
            assertThat(c.before().action().orElseThrow().toString()).contains("be_api");
            assertThat(c.after().action().orElseThrow().toString()).contains("be_www");
            assertThat(c.match().describe()).contains("path=path -m beg /api").contains("host=hdr(host) -i -m str");
        });
    }

    @Test
    void equivalentRewritesMoveNothing() {
        assertThat(diff("use_backend be_api if !is_api || is_www", "use_backend be_api unless is_api !is_www")
                .changes()).isEmpty();
        assertThat(diff("use_backend be_api if is_api", "use_backend be_api if { path_reg ^/api }").changes()).isEmpty();
        assertThat(diff("use_backend be_api if { hdr_dom(host) -i example.com }",
                "use_backend be_api if { hdr_end(host) -i .example.com } || { hdr(host) -i example.com }"
                        + " || { hdr_reg(host) -i '^([^,]*[/?:.])?example\\.com([/?:.].*)?$' }")
                .changes()).isEmpty();
    }

    @Test
    void aNegatedConditionChangesItsComplement() {
        RouteDiff d = diff("use_backend be_api if is_api", "use_backend be_api if !is_api");
        assertThat(d.changes()).hasSize(2);
    }

    @Test
    void aRegexOutsideTheRegularSubsetLeavesItsClassUndecided() {
        RouteDiff d = diff("use_backend be_api if { path_reg '^/(a)\\1' }",
                "use_backend be_www if { path_reg '^/(a)\\1' }");
        assertThat(d.decided()).isFalse();
        assertThat(d.undecided()).extracting(c -> c.before().reason()).allMatch(r -> r.contains("escape \\1"));
    }

    @Test
    void anExponentialRegexIsUndecidedWithItsReasonNotAHang() {
        // Exact automata for these need 2^25 and 2^30 states: the review refuses them in milliseconds.
        for (String re : List.of(".*a.{25}", "(a|b)*a(a|b){30}")) {
            RouteDiff d = diff("use_backend be_api if { path_reg " + re + " }",
                    "use_backend be_www if { path_reg " + re + " }");
            assertThat(d.decided()).as(re).isFalse();
            assertThat(d.undecided()).extracting(c -> c.before().reason())
                    .allMatch(r -> r.contains("counted repetition") && r.contains("larger than lbguard compares"));
        }
    }

    @Test
    void randomConfigPairsDiffSoundlyAgainstTheEvaluator() {
        long seed = Long.getLong("lbguard.haproxy.seed", 42L);
        RandomConfigs random = new RandomConfigs(seed);
        RouteEvaluator evaluator = new RouteEvaluator();
        for (int n = 0; n < 40; n++) {
            String a = random.config("x", List.of(8080));
            String b = random.config("x", List.of(8080));
            RoutingSnapshot base = new HaproxyConfigReader().read("h.cfg", a, "", SnapshotOrigin.other("a"));
            RoutingSnapshot head = new HaproxyConfigReader().read("h.cfg", b, "", SnapshotOrigin.other("b"));
            RouteDiff d = new RouteDiffer().diff(base, head);
            assertThat(new RouteDiffer().diff(base, base).changes()).as("seed %d pair %d", seed, n).isEmpty();
            Listener lb = base.loadBalancers().get(0).listeners().get(0);
            Listener lh = head.loadBalancers().get(0).listeners().get(0);
            for (RouteChange c : d.changes()) {
                assertThat(evaluator.evaluate(lb, c.example())).isNotEqualTo(evaluator.evaluate(lh, c.example()));
            }
            boolean anyMoved = false;
            for (int k = 0; k < 200; k++) {
                Request r = random.request();
                if (r.headers().isEmpty()) {
                    var x = evaluator.evaluate(lb, r).action().map(Object::toString);
                    var y = evaluator.evaluate(lh, r).action().map(Object::toString);
                    anyMoved |= !x.equals(y);
                }
            }
            if (anyMoved) {
                assertThat(d.changes()).as("seed %d pair %d:\n%s\n---\n%s", seed, n, a, b).isNotEmpty();
            }
        }
    }
}

package dev.lbguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.route.Request;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.haproxy.HaproxySource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What of a logged request an HAProxy configuration's ACLs can read, and so what the tally may drop. */
class TrafficProjectionTest {
    @TempDir
    Path dir;

    private RoutingSnapshot haproxy(String frontend) throws Exception {
        Files.writeString(dir.resolve("haproxy.cfg"), """
                defaults
                    mode http
                frontend fe
                    bind *:80
                %s
                    default_backend web
                backend web
                    server w1 10.0.0.1:80
                backend api
                    server a1 10.0.0.2:80
                """.formatted(frontend));
        return new HaproxySource().read(new DiskTree(dir), "haproxy.cfg", SnapshotOrigin.other("test"));
    }

    private static final Request LOGGED = Request.of("shop.example.com", "/api/x").withQuery("token", "s3cr3t")
            .withSourceIp("198.51.100.7").withHeader("User-Agent", "curl");

    @Test
    void aclsOnPathAndHostDropTheAddressTheQueryAndOtherHeaders() throws Exception {
        Request kept = TrafficProjection.of(haproxy("""
                    acl api path_beg /api
                    acl shop hdr(host) -i shop.example.com
                    use_backend api if api shop
                """)).apply(LOGGED);
        assertThat(kept.host()).isEqualTo("shop.example.com");
        assertThat(kept.path()).isEqualTo("/api/x");
        assertThat(kept.sourceIp()).isEmpty();
        assertThat(kept.query()).isEmpty();
        assertThat(kept.headers()).isEmpty();
    }

    @Test
    void anAclOnTheClientOrAHeaderKeepsIt() throws Exception {
        Request kept = TrafficProjection.of(haproxy("""
                    acl office src 203.0.113.0/24
                    acl curl hdr_sub(user-agent) curl
                    use_backend api if office || curl
                """)).apply(LOGGED);
        assertThat(kept.sourceIp()).contains("198.51.100.7");
        assertThat(kept.headers()).containsKey("User-Agent");
        assertThat(kept.query()).isEmpty();
    }
}

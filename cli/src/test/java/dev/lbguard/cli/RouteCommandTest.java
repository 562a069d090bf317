package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.cli.demo.BundledDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code routes} and {@code route} on the demo repository: answers, JSON, exit codes and clear errors. */
class RouteCommandTest {
    @TempDir
    static Path temp;
    static String repo;

    @BeforeAll
    static void buildDemo() throws Exception {
        Path dir = temp.resolve("demo");
        BundledDemo.buildInto(dir);
        repo = dir.toString();
    }

    private static CliRun route(String rev, String host, String path, String... more) {
        String[] base = {"route", "--repo", repo, "--rev", rev, "--listener", "shop-edge-prod:443", "--host", host,
            "--path", path, "--format", "json"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.run(args);
    }

    @Test
    void checkoutWentToCheckoutBeforeTheNetworkingUpdateAndToTheStorefrontAfter() throws Exception {
        CliRun before = route("HEAD~2", "shop.example.com", "/checkout/cart");
        CliRun after = route("HEAD~1", "shop.example.com", "/checkout/cart");
        assertThat(before.exitCode()).isZero();
        assertThat(before.out()).contains("\"rule\" : \"aws_lb_listener_rule.checkout\"").contains("\"name\" : \"shop-checkout\"");
        assertThat(after.out()).contains("\"rule\" : \"aws_lb_listener_rule.campaign\"").contains("\"name\" : \"shop-storefront\"");
        Golden.validate(before.out());
        Golden.validate(after.out());
    }

    @Test
    void hostIsCaseInsensitiveAndThePortIsIgnoredButThePathIsCaseSensitive() {
        assertThat(route("HEAD~4", "SHOP.Example.com:443", "/checkout/cart").out())
                .contains("\"rule\" : \"aws_lb_listener_rule.checkout\"");
        assertThat(route("HEAD~4", "shop.example.com", "/CHECKOUT/cart").out())
                .contains("\"rule\" : \"default\"");
    }

    @Test
    void methodConditionAndQueryInThePath() {
        assertThat(route("HEAD~4", "shop.example.com", "/payments/x?debug=1", "--method", "POST").out())
                .contains("\"rule\" : \"aws_lb_listener_rule.payments\"")
                .contains("\"key\" : \"debug\"");
        assertThat(route("HEAD~4", "shop.example.com", "/payments/x", "--method", "DELETE").out())
                .contains("\"rule\" : \"default\"");
    }

    @Test
    void worktreeSeesAnUncommittedEdit() throws Exception {
        Path rules = Path.of(repo, "infra/edge/rules.tf");
        String original = Files.readString(rules);
        try {
            Files.writeString(rules, original.replace("priority     = 15", "priority     = 25"));
            assertThat(route("WORKTREE", "shop.example.com", "/checkout/cart").out())
                    .contains("\"rule\" : \"aws_lb_listener_rule.checkout\"");
            assertThat(route("HEAD", "shop.example.com", "/checkout/cart").out())
                    .contains("\"rule\" : \"aws_lb_listener_rule.campaign\"");
        } finally {
            Files.writeString(rules, original);
        }
    }

    @Test
    void aRequestNoClientCouldSendIsRefusedRatherThanAnsweredWithTheDefault() {
        CliRun spaced = route("HEAD~4", "shop example.com", "/checkout/cart");
        assertThat(spaced.exitCode()).isEqualTo(2);
        assertThat(spaced.out()).isEmpty();
        assertThat(spaced.err()).contains("host 'shop example.com' cannot be sent");
        assertThat(route("HEAD~4", "shop.example.com", "/check out").err()).contains("percent-encode spaces");
        assertThat(route("HEAD~4", "shop.example.com", "/checkout/cart", "--method", "PO ST").exitCode()).isEqualTo(2);
        assertThat(route("HEAD~4", "shop.example.com", "/checkout/cart", "--header", "X Canary=1").exitCode())
                .isEqualTo(2);
        CliRun badIp = route("HEAD~4", "shop.example.com", "/checkout/cart", "--source-ip", "10.0.0.300");
        assertThat(badIp.exitCode()).isEqualTo(2);
        assertThat(badIp.err()).contains("--source-ip '10.0.0.300' is not an IP address");
        for (String notOne : List.of("010.1.1.1", "10.1.1", "10.0.0.0/8", "10.0.0.*", "abc")) {
            assertThat(route("HEAD~4", "shop.example.com", "/checkout/cart", "--source-ip", notOne).exitCode())
                    .as(notOne).isEqualTo(2);
        }
        // What a client does send stays accepted: a port, an IPv6 literal, a percent-encoded path, a query.
        assertThat(route("HEAD~4", "[2001:db8::1]:443", "/a%20b?x=1", "--source-ip", "2001:db8::7").exitCode())
                .isZero();
        CliRun timeline = CliRun.run("timeline", "--repo", repo, "--since", "HEAD~2", "--request", "shop example.com/cart");
        assertThat(timeline.exitCode()).isEqualTo(2);
        assertThat(timeline.err()).contains("cannot be sent");
    }

    @Test
    void unknownListenerRevisionOrRepositoryIsExitTwoWithOneLine(@TempDir Path empty) {
        CliRun noListener = CliRun.run("route", "--repo", repo, "--listener", "shop-edge-prod:8443", "--host", "x");
        assertThat(noListener.exitCode()).isEqualTo(2);
        assertThat(noListener.err()).contains("has no listener on port 8443").contains("shop-edge-prod:443");
        CliRun noRev = CliRun.run("routes", "--repo", repo, "--rev", "nope");
        assertThat(noRev.exitCode()).isEqualTo(2);
        assertThat(noRev.err().strip()).isEqualTo("lbguard: unknown revision 'nope' "
                + "(check 'git log --oneline' for the commits this repository has)");
        CliRun noRepo = CliRun.run("routes", "--repo", empty.toString());
        assertThat(noRepo.exitCode()).isEqualTo(2);
        assertThat(noRepo.err()).contains("is not inside a git repository").doesNotContain("Exception");
    }

    @Test
    void aLimitIsRaisedByNameAndAnUnknownOneIsExitTwoNamingTheOneThereIs() {
        CliRun raised = CliRun.run("routes", "--repo", repo, "--rev", "HEAD", "--limit", "instances=50000");
        assertThat(raised.exitCode()).as(raised.err()).isZero();
        CliRun unknown = CliRun.run("routes", "--repo", repo, "--rev", "HEAD", "--limit", "files=3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--limit files=3: no limit is called 'files'").contains("instances")
                .doesNotContain("Exception");
    }

    @Test
    void routesMarksTheShadowedCheckoutRule() {
        CliRun run = CliRun.run("routes", "--repo", repo, "--rev", "HEAD", "--no-color");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("UNREACHABLE: aws_lb_listener_rule.campaign (priority 15)");
        CliRun before = CliRun.run("routes", "--repo", repo, "--rev", "HEAD~4", "--no-color");
        assertThat(before.out()).doesNotContain("UNREACHABLE");
    }
}

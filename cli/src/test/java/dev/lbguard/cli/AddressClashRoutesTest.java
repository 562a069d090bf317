package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two root modules read together that both declare {@code aws_lb_target_group.app} (named {@code app-a} and
 * {@code app-b}): the merged snapshot keeps one group per address, so a route of the second root to that address
 * is not known, never the first root's group.
 */
class AddressClashRoutesTest {
    @TempDir
    static Path temp;
    static String repo;

    @BeforeAll
    static void twoRootsOneTargetGroupAddress() throws Exception {
        Path dir = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(dir)) {
            for (String root : new String[] {"a", "b"}) {
                h.write(root + "/main.tf", """
                        resource "aws_lb" "%1$s" {
                          name = "lb-%1$s"
                        }
                        resource "aws_lb_target_group" "app" {
                          name     = "app-%1$s"
                          port     = 80
                          protocol = "HTTP"
                        }
                        resource "aws_lb_listener" "http_%1$s" {
                          load_balancer_arn = aws_lb.%1$s.arn
                          port              = 80
                          protocol          = "HTTP"
                          default_action {
                            type             = "forward"
                            target_group_arn = aws_lb_target_group.app.arn
                          }
                        }
                        """.formatted(root));
            }
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T10:00:00Z"), "two roots");
        }
        repo = dir.toString();
    }

    @Test
    void theSecondRootsRouteToTheClashingAddressIsUnknownNotTheFirstRootsGroup() throws Exception {
        CliRun text = CliRun.run("routes", "--repo", repo);
        assertThat(text.exitCode()).isEqualTo(3);
        String lbB = text.out().substring(text.out().indexOf("load balancer lb-b"));
        assertThat(lbB).doesNotContain("app-a").contains("-> forward aws_lb_target_group.app (unresolved)");
        String lbA = text.out().substring(text.out().indexOf("load balancer lb-a"), text.out().indexOf("load balancer lb-b"));
        // The group kept under the address is the first root's own: its route stays known.
        assertThat(lbA).contains("-> forward app-a\n");
        assertThat(text.out()).contains("[address-clash]");

        CliRun json = CliRun.run("routes", "--repo", repo, "--format", "json");
        String jsonB = json.out().substring(json.out().indexOf("\"id\" : \"aws_lb.b\""));
        assertThat(jsonB.substring(0, jsonB.indexOf("\"targetGroups\""))).doesNotContain("app-a")
                .contains("\"unresolved\" : \"target group aws_lb_target_group.app is defined by more than one root "
                        + "module (b/main.tf:4 and a/main.tf:4); give --dir to read one root module at a time\"");
        Golden.validate(json.out());
    }

    @Test
    void aRequestToTheSecondRootsListenerIsAnsweredUnknown() {
        CliRun route = CliRun.run("route", "--repo", repo, "--listener", "lb-b:80", "--host", "x.example.com",
                "--path", "/");
        assertThat(route.out()).doesNotContain("app-a").contains("unknown");
    }
}

package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review of a change that makes a directory a root module, or stops it being one, without changing its load
 * balancers' text: each side reads the roots it has, as the timeline does. Reading the roots of either side on both
 * had read a called module as a root before it had a backend of its own, and reported "no load-balancer change",
 * complete, for the commit that gave it one.
 */
class RootSetChangeReviewTest {
    @TempDir
    static Path temp;
    static String repo;

    private static final String MODULE = """
            variable "name" {
              default = "standalone"
            }
            resource "aws_lb" "this" {
              name = var.name
            }
            resource "aws_lb_target_group" "tg" {
              name     = "${var.name}-tg"
              port     = 80
              protocol = "HTTP"
            }
            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.this.arn
              port              = 80
              protocol          = "HTTP"
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.tg.arn
              }
            }
            """;

    @BeforeAll
    static void aCalledModuleThatGainsABackend() throws Exception {
        Path dir = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(dir)) {
            h.write("modules/alb/main.tf", MODULE);
            h.write("live/main.tf", "module \"alb\" {\n  source = \"../modules/alb\"\n  name   = \"live\"\n}\n");
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T10:00:00Z"), "live calls the module");
            h.write("modules/alb/backend.tf", "terraform {\n  backend \"s3\" {}\n}\n");
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T11:00:00Z"), "the module is applied on its own too");
        }
        repo = dir.toString();
    }

    @Test
    void theLoadBalancerOfTheNewRootIsAdded() {
        CliRun review = CliRun.run("review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD");
        assertThat(review.out()).doesNotContain("No load-balancer change")
                .contains("added     load balancer aws_lb.this")
                .doesNotContain("module.alb.aws_lb.this");
    }

    @Test
    void theReviewAgreesWithTheTimeline() {
        CliRun timeline = CliRun.run("timeline", "--repo", repo, "--since", "HEAD~1", "--format", "json");
        CliRun review = CliRun.run("review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD", "--format", "json");
        assertThat(timeline.out()).contains("\"aws_lb.this\"");
        assertThat(review.out()).contains("\"aws_lb.this\"");
    }
}

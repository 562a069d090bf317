package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two environments that call one module under one name ({@code envs/dev} and {@code envs/prod}, each with
 * {@code module "alb"}), the layout of many public repositories: both declare {@code module.alb.aws_lb.this}.
 * Each root's elements are named under its directory, on both sides of every comparison, so that neither hides
 * the other: a review of a prod change shows prod's rule, and adding prod beside dev adds prod's load balancer
 * without renaming dev's.
 */
class RootsNamedApartTest {
    @TempDir
    static Path temp;
    static String repo;

    static final String MODULE = """
            variable "env" {}
            variable "api_path" {}
            resource "aws_lb" "this" {
              name = "edge-${var.env}"
            }
            resource "aws_lb_target_group" "web" {
              name     = "web-${var.env}"
              port     = 80
              protocol = "HTTP"
            }
            resource "aws_lb_target_group" "api" {
              name     = "api-${var.env}"
              port     = 80
              protocol = "HTTP"
            }
            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.this.arn
              port              = 80
              protocol          = "HTTP"
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.web.arn
              }
            }
            resource "aws_lb_listener_rule" "api" {
              listener_arn = aws_lb_listener.http.arn
              priority     = 10
              condition {
                path_pattern {
                  values = [var.api_path]
                }
              }
              action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.api.arn
              }
            }
            """;

    static String env(String name, String apiPath) {
        return """
                module "alb" {
                  source   = "../../modules/alb"
                  env      = "%s"
                  api_path = "%s"
                }
                """.formatted(name, apiPath);
    }

    @BeforeAll
    static void devThenProdThenAProdChange() throws Exception {
        Path dir = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(dir)) {
            h.write("modules/alb/main.tf", MODULE);
            h.write("envs/dev/main.tf", env("dev", "/api/*"));
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T10:00:00Z"), "dev");
            h.write("envs/prod/main.tf", env("prod", "/api/*"));
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T11:00:00Z"), "prod beside dev");
            h.write("envs/prod/main.tf", env("prod", "/v2/*"));
            h.commit(TestHistory.who("Bo Builder", "2026-01-05T12:00:00Z"), "prod api moves to /v2");
            h.write("envs/production/main.tf", h.read("envs/prod/main.tf")).delete("envs/prod/main.tf");
            h.commit(TestHistory.who("Bo Builder", "2026-01-05T13:00:00Z"), "git mv envs/prod envs/production");
        }
        repo = dir.toString();
    }

    @Test
    void bothEnvironmentsAreReadCompleteEachRoutingToItsOwnGroups() throws Exception {
        CliRun routes = CliRun.run("routes", "--repo", repo);
        assertThat(routes.exitCode()).isZero();
        assertThat(routes.out()).doesNotContain("address-clash").contains("load balancer edge-dev")
                .contains("load balancer edge-prod").contains("-> forward api-prod").contains("-> forward api-dev");
        String prod = routes.out().substring(routes.out().indexOf("load balancer edge-prod"));
        assertThat(prod).doesNotContain("-dev");

        CliRun json = CliRun.run("routes", "--repo", repo, "--format", "json");
        assertThat(json.out()).contains("\"root[\\\"envs/production\\\"].module.alb.aws_lb.this\"")
                .contains("\"root[\\\"envs/dev\\\"].module.alb.aws_lb_listener_rule.api\"");
        Golden.validate(json.out());

        CliRun route = CliRun.run("route", "--repo", repo, "--listener", "edge-prod:80", "--host",
                "shop.example.com", "--path", "/v2/x");
        assertThat(route.exitCode()).isZero();
        assertThat(route.out()).contains("api-prod").doesNotContain("unknown");
    }

    @Test
    void aReviewOfTheProdChangeShowsProdsRuleOnly() {
        CliRun review = CliRun.run("review", "--repo", repo, "--base", "HEAD~2", "--head", "HEAD~1", "--format", "json");
        assertThat(review.out()).contains("root[\\\"envs/prod\\\"].module.alb.aws_lb_listener_rule.api")
                .doesNotContain("root[\\\"envs/dev\\\"]").doesNotContain("address-clash");
        CliRun text = CliRun.run("review", "--repo", repo, "--base", "HEAD~2", "--head", "HEAD~1");
        assertThat(text.out()).doesNotContain("No load-balancer change").contains("/v2/*");
    }

    @Test
    void addingProdBesideDevAddsProdAndLeavesDevAlone() {
        CliRun review = CliRun.run("review", "--repo", repo, "--base", "HEAD~3", "--head", "HEAD~2", "--format",
                "json");
        // dev was alone at the base, plainly named there; it is named apart on both sides, so it did not change.
        assertThat(review.out()).contains("root[\\\"envs/prod\\\"].module.alb.aws_lb.this")
                .doesNotContain("root[\\\"envs/dev\\\"]").doesNotContain("\"module.alb.aws_lb.this\"");
    }

    @Test
    void movingARootsDirectoryMovesItsElementsRatherThanRenamingThem() {
        // Its files, backend block included, moved: the state follows, nothing is destroyed or rerouted.
        CliRun review = CliRun.run("review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD");
        assertThat(review.exitCode()).isZero();
        assertThat(review.out()).contains("routing unchanged").doesNotContain("LBG013")
                .contains("renamed   load balancer root[\"envs/production\"].module.alb.aws_lb.this (from "
                        + "root[\"envs/prod\"].module.alb.aws_lb.this, root directory moved)");
        CliRun timeline = CliRun.run("timeline", "--repo", repo, "--range", "HEAD~1..HEAD", "--format", "json");
        assertThat(timeline.out()).doesNotContain("LBG013");
    }

    @Test
    void theTimelineNamesEachCommitsChangeAsTheReviewDoes() {
        CliRun timeline = CliRun.run("timeline", "--repo", repo, "--range", "HEAD~3..HEAD~1", "--format", "json");
        assertThat(timeline.out()).contains("root[\\\"envs/prod\\\"].module.alb.aws_lb_listener_rule.api")
                .doesNotContain("\"module.alb.aws_lb.this\"").doesNotContain("address-clash");
    }
}

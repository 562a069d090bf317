package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.resources.TerraformEvaluation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load-balancer resource whose lifecycle ignores changes to what routes says so: what runs may differ from the
 * configuration (CodeDeploy blue/green swaps a rule's action under ignore_changes = [action], as in public code),
 * whichever way ignore_changes is written; ignoring what does not route (tags) says nothing.
 */
class IgnoredChangesTest {
    @TempDir
    Path dir;

    private static final String BASE = """
            resource "aws_lb" "web" {
              name = "web"
            }
            resource "aws_lb_target_group" "blue" {
              name = "blue"
            }
            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.web.arn
              port              = 80
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.blue.arn
              }
              lifecycle {
                ignore_changes = [default_action[0].target_group_arn, tags]
              }
            }
            resource "aws_lb_listener_rule" "swapped" {
              listener_arn = aws_lb_listener.http.arn
              priority     = 10
              condition {
                path_pattern {
                  values = ["/api/*"]
                }
              }
              action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.blue.arn
              }
              lifecycle {
                ignore_changes = [action]
              }
            }
            resource "aws_lb_listener_rule" "everything" {
              listener_arn = aws_lb_listener.http.arn
              priority     = 20
              condition {
                path_pattern {
                  values = ["/all/*"]
                }
              }
              action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.blue.arn
              }
              lifecycle {
                ignore_changes = all
              }
            }
            resource "aws_lb_listener_rule" "legacy" {
              listener_arn = aws_lb_listener.http.arn
              priority     = 30
              condition {
                path_pattern {
                  values = ["/old/*"]
                }
              }
              action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.blue.arn
              }
              lifecycle {
                ignore_changes = ["priority"]
              }
            }
            resource "aws_lb_target_group" "tagged" {
              name = "tagged"
              lifecycle {
                ignore_changes = [tags]
              }
            }
            """;

    @Test
    void eachWayOfIgnoringWhatRoutesIsSaidAndTagsAreNot() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", BASE).evaluate();
        List<String> said = e.diagnostics().stream().filter(d -> d.code().equals("tf-ignore-changes"))
                .map(Diagnostic::message).map(m -> m.substring(0, m.indexOf(": terraform apply"))).toList();
        assertThat(said).containsExactlyInAnyOrder(
                "aws_lb_listener.http: lifecycle ignore_changes covers default_action",
                "aws_lb_listener_rule.swapped: lifecycle ignore_changes covers action",
                "aws_lb_listener_rule.everything: lifecycle ignore_changes covers action, condition, listener_arn, "
                        + "priority",
                "aws_lb_listener_rule.legacy: lifecycle ignore_changes covers priority");
        assertThat(e.diagnostics()).filteredOn(d -> d.code().equals("tf-ignore-changes"))
                .allMatch(d -> !d.isError());
        assertThat(e.complete()).isTrue();
    }
}

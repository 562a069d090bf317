package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Listener;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.resources.TerraformSnapshotBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate moves no request and no finding judges it: an unknown one leaves the analysis complete (a warning
 * says what was not read) and the snapshot says it is unknown (seen in public root modules: a certificate from an
 * aws_acm_certificate data source). A health check moves no request either, but LBG005 and LBG012 judge it, so an
 * unknown one is an error, shown unknown rather than as the default; the same unknown in what routes (a rule's
 * condition) makes the analysis incomplete too.
 */
class HarmlessUnknownsTest {
    @TempDir
    Path dir;

    private static final String MAIN = """
            variable "health_path" {}
            data "aws_acm_certificate" "c" {
              domain = "example.com"
            }
            resource "aws_lb" "web" {
              name = "web"
            }
            resource "aws_lb_target_group" "app" {
              name     = "app"
              port     = 80
              protocol = "HTTP"
              health_check {
                path = "/${var.health_path}"
              }
            }
            resource "aws_lb_listener" "https" {
              load_balancer_arn = aws_lb.web.arn
              port              = 443
              protocol          = "HTTPS"
              certificate_arn   = data.aws_acm_certificate.c.arn
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.app.arn
              }
            }
            resource "aws_lb_listener_certificate" "extra" {
              listener_arn    = aws_lb_listener.https.arn
              certificate_arn = data.aws_acm_certificate.c.arn
            }
            """;

    @Test
    void anUnknownCertificateIsAWarningAndAnUnknownHealthCheckAnErrorBothShownUnknown() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", MAIN).evaluate();
        RoutingSnapshot s = new TerraformSnapshotBuilder().build(e, SnapshotOrigin.other("test"));
        assertThat(s.diagnostics()).anyMatch(d -> !d.isError() && d.message().contains("aws_acm_certificate.c"))
                .noneMatch(d -> d.isError() && d.message().contains("aws_acm_certificate.c"))
                .anyMatch(d -> d.isError() && d.message().contains("health_path"));
        TargetGroup tg = s.targetGroups().get(0);
        assertThat(tg.healthCheck().path()).isNotEqualTo("/").contains("health_path");
        Listener https = s.loadBalancers().get(0).listeners().get(0);
        assertThat(https.certificates()).isNotEmpty().allMatch(c -> !c.startsWith("arn:"));
    }

    @Test
    void theSameUnknownInARuleConditionStillMakesItIncomplete() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", MAIN + """
                resource "aws_lb_listener_rule" "health" {
                  listener_arn = aws_lb_listener.https.arn
                  priority     = 10
                  condition {
                    path_pattern {
                      values = ["/${var.health_path}"]
                    }
                  }
                  action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.app.arn
                  }
                }
                """).evaluate();
        RoutingSnapshot s = new TerraformSnapshotBuilder().build(e, SnapshotOrigin.other("test"));
        assertThat(s.diagnostics()).anyMatch(d -> d.isError() && d.message().contains("health_path"));
    }
}

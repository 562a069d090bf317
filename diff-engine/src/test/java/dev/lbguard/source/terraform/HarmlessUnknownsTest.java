package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
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
 * aws_acm_certificate data source). A health check moves no request either: an unknown setting is a warning too, and
 * the model carries it as unknown (what judges health checks says it cannot tell), never as the default; the same
 * unknown in what routes (a rule's condition) makes the analysis incomplete.
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
    void anUnknownCertificateOrHealthCheckIsAWarningAndShownUnknown() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", MAIN).evaluate();
        RoutingSnapshot s = new TerraformSnapshotBuilder().build(e, SnapshotOrigin.other("test"));
        assertThat(s.diagnostics()).anyMatch(d -> !d.isError() && d.message().contains("aws_acm_certificate.c"))
                .anyMatch(d -> !d.isError() && d.message().contains("health_path"))
                .noneMatch(Diagnostic::isError);
        assertThat(s.complete()).isTrue();
        TargetGroup tg = s.targetGroups().get(0);
        assertThat(tg.healthCheck().path()).isNotEqualTo("/").contains("health_path");
        assertThat(tg.healthCheck().unknown()).containsOnlyKeys("path");
        assertThat(tg.healthCheck().unknown().get("path")).contains("health_path");
        Listener https = s.loadBalancers().get(0).listeners().get(0);
        assertThat(https.certificates()).isNotEmpty().allMatch(c -> !c.startsWith("arn:"));
    }

    @Test
    void aHealthCheckWhollyUnknownHasEverySettingUnknownAndOthersKnown() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                variable "checks" {}
                variable "enabled" {}
                resource "aws_lb_target_group" "whole" {
                  name     = "whole"
                  port     = 80
                  protocol = "HTTP"
                  dynamic "health_check" {
                    for_each = var.checks
                    content {
                      path = health_check.value
                    }
                  }
                }
                resource "aws_lb_target_group" "flag" {
                  name     = "flag"
                  port     = 80
                  protocol = "HTTP"
                  health_check {
                    enabled = var.enabled
                    path    = "/health"
                  }
                }
                """).evaluate();
        RoutingSnapshot s = new TerraformSnapshotBuilder().build(e, SnapshotOrigin.other("test"));
        assertThat(s.targetGroup(dev.lbguard.model.ElementId.of("aws_lb_target_group.whole")).orElseThrow()
                .healthCheck().unknown()).containsOnlyKeys("enabled", "protocol", "port", "path", "matcher",
                "intervalSeconds", "timeoutSeconds", "healthyThreshold", "unhealthyThreshold");
        var flag = s.targetGroup(dev.lbguard.model.ElementId.of("aws_lb_target_group.flag")).orElseThrow()
                .healthCheck();
        assertThat(flag.unknown()).containsOnlyKeys("enabled");
        assertThat(flag.path()).isEqualTo("/health");
        assertThat(s.complete()).isTrue();
    }

    @Test
    void onlyARootVariableUsedAsItIsIsOneInputAtBothRevisionsAndAnUnknownProtocolLeavesItsDefaultsUnknown() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                variable "svc" {}
                variable "hcp" {}
                resource "aws_lb_target_group" "bare" {
                  name     = "bare"
                  port     = 80
                  protocol = "HTTP"
                  health_check {
                    path = var.svc
                  }
                }
                resource "aws_lb_target_group" "computed" {
                  name     = "computed"
                  port     = 80
                  protocol = "HTTP"
                  health_check {
                    path = "/${var.svc}/health"
                  }
                }
                resource "aws_lb_target_group" "proto" {
                  name     = "proto"
                  port     = 80
                  protocol = "TCP"
                  health_check {
                    protocol = var.hcp
                    port     = 8080
                  }
                }
                """).evaluate();
        RoutingSnapshot s = new TerraformSnapshotBuilder().build(e, SnapshotOrigin.other("test"));
        var bare = s.targetGroup(dev.lbguard.model.ElementId.of("aws_lb_target_group.bare")).orElseThrow().healthCheck();
        var computed = s.targetGroup(dev.lbguard.model.ElementId.of("aws_lb_target_group.computed")).orElseThrow()
                .healthCheck();
        assertThat(dev.lbguard.model.HealthCheck.sameUnread(bare.unknown().get("path"), bare.unknown().get("path")))
                .isTrue();
        assertThat(computed.unknown().get("path")).contains("svc");
        assertThat(dev.lbguard.model.HealthCheck.sameUnread(computed.unknown().get("path"),
                computed.unknown().get("path"))).isFalse();
        var proto = s.targetGroup(dev.lbguard.model.ElementId.of("aws_lb_target_group.proto")).orElseThrow()
                .healthCheck();
        assertThat(proto.unknown()).containsOnlyKeys("protocol", "path", "matcher", "timeoutSeconds");
        assertThat(proto.port()).isEqualTo("8080");
        assertThat(proto.path()).isNotEqualTo("/").contains("protocol");
    }

    @Test
    void aListenerPortThatIsNoPortIsAnErrorNotASilentQuestionMark() {
        for (String port : java.util.List.of("80.5", "99999999999", "0", "\"http\"")) {
            TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                    resource "aws_lb" "web" {
                      name = "web"
                    }
                    resource "aws_lb_listener" "http" {
                      load_balancer_arn = aws_lb.web.arn
                      port              = %s
                      protocol          = "HTTP"
                      default_action {
                        type = "fixed-response"
                        fixed_response {
                          content_type = "text/plain"
                          status_code  = "404"
                        }
                      }
                    }
                    """.formatted(port)).evaluate();
            RoutingSnapshot s = new TerraformSnapshotBuilder().build(e, SnapshotOrigin.other("test"));
            assertThat(s.complete()).as(port).isFalse();
            assertThat(s.diagnostics()).as(port).anySatisfy(d -> assertThat(d.code()).isEqualTo("tf-invalid-port"));
            assertThat(s.loadBalancers().get(0).listeners().get(0).port()).isZero();
        }
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

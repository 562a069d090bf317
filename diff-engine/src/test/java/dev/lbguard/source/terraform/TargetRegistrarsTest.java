package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.resources.TerraformSnapshotBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target group that an Auto Scaling group or ECS service of the configuration fills knows what fills it, however
 * the link is written (as public code writes it: a list of ARNs, a traffic source, an attachment, a service's
 * load_balancer block, through a module); what does not link to a group of the configuration fills nothing.
 */
class TargetRegistrarsTest {
    @TempDir
    Path dir;

    private static final String GROUPS = """
            resource "aws_lb_target_group" "asg" {
              name = "asg"
            }
            resource "aws_lb_target_group" "source" {
              name = "source"
            }
            resource "aws_lb_target_group" "attached" {
              name = "attached"
            }
            resource "aws_lb_target_group" "older" {
              name = "older"
            }
            resource "aws_lb_target_group" "service" {
              name = "service"
            }
            resource "aws_lb_target_group" "lattice" {
              name = "lattice"
            }
            resource "aws_lb_target_group" "empty" {
              name = "empty"
            }
            """;

    private static final String FILLERS = """
            resource "aws_autoscaling_group" "web" {
              max_size          = 2
              min_size          = 1
              target_group_arns = [aws_lb_target_group.asg.arn]
            }
            resource "aws_autoscaling_group" "other" {
              max_size = 2
              min_size = 1
              traffic_source {
                identifier = aws_lb_target_group.source.arn
                type       = "elbv2"
              }
              traffic_source {
                identifier = aws_lb_target_group.lattice.arn
                type       = "vpc-lattice"
              }
            }
            resource "aws_autoscaling_attachment" "a" {
              autoscaling_group_name = "by-name"
              lb_target_group_arn    = aws_lb_target_group.attached.arn
            }
            resource "aws_autoscaling_attachment" "b" {
              autoscaling_group_name = "by-name"
              alb_target_group_arn   = aws_lb_target_group.older.arn
            }
            module "svc" {
              source           = "./modules/service"
              target_group_arn = aws_lb_target_group.service.arn
            }
            resource "aws_autoscaling_group" "elsewhere" {
              max_size          = 2
              min_size          = 1
              target_group_arns = ["arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/not-here/1"]
            }
            """;

    private static final String SERVICE = """
            variable "target_group_arn" {}
            resource "aws_ecs_service" "this" {
              name = "svc"
              load_balancer {
                target_group_arn = var.target_group_arn
                container_name   = "app"
                container_port   = 8080
              }
            }
            """;

    @Test
    void eachWayOfFillingAGroupIsSeenAndNothingElseFillsOne() {
        TerraformEvaluation e = new TfFixture(dir).file("groups.tf", GROUPS).file("fillers.tf", FILLERS)
                .file("modules/service/main.tf", SERVICE).evaluate();
        RoutingSnapshot s = new TerraformSnapshotBuilder().build(e, SnapshotOrigin.other("test"));
        Map<String, Object> filled = s.targetGroups().stream()
                .collect(Collectors.toMap(TargetGroup::name, tg -> tg.registeredBy()));
        assertThat(filled).containsEntry("asg", java.util.List.of("aws_autoscaling_group.web"))
                .containsEntry("source", java.util.List.of("aws_autoscaling_group.other"))
                .containsEntry("attached", java.util.List.of("aws_autoscaling_attachment.a"))
                .containsEntry("older", java.util.List.of("aws_autoscaling_attachment.b"))
                .containsEntry("service", java.util.List.of("module.svc.aws_ecs_service.this"))
                .containsEntry("lattice", java.util.List.of())
                .containsEntry("empty", java.util.List.of());
        assertThat(s.diagnostics()).noneMatch(d -> d.isError());
    }

    @Test
    void twoFillersOfOneGroupAreBothNamedInOrder() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_lb_target_group" "tg" {
                  name = "tg"
                }
                resource "aws_autoscaling_group" "b" {
                  max_size          = 1
                  min_size          = 1
                  target_group_arns = [aws_lb_target_group.tg.arn]
                }
                resource "aws_autoscaling_group" "a" {
                  count             = 2
                  max_size          = 1
                  min_size          = 1
                  target_group_arns = [aws_lb_target_group.tg.arn]
                }
                """).evaluate();
        RoutingSnapshot s = new TerraformSnapshotBuilder().build(e, SnapshotOrigin.other("test"));
        assertThat(s.targetGroups().get(0).registeredBy())
                .containsExactly("aws_autoscaling_group.a[0]", "aws_autoscaling_group.a[1]", "aws_autoscaling_group.b");
    }

    @Test
    void anUnknownFillerIsNoErrorAndFillsNothing() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                variable "tg_arn" {}
                resource "aws_lb_target_group" "tg" {
                  name = "tg"
                }
                resource "aws_autoscaling_group" "a" {
                  max_size          = 1
                  min_size          = 1
                  target_group_arns = [var.tg_arn]
                }
                """).evaluate();
        RoutingSnapshot s = new TerraformSnapshotBuilder().build(e, SnapshotOrigin.other("test"));
        assertThat(s.targetGroups().get(0).registeredBy()).isEmpty();
        // The variable without a value reaches no routing: the group's targets are not routing.
        assertThat(e.complete()).isTrue();
    }
}

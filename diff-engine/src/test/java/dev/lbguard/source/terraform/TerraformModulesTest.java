package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.resources.MovedBlock;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.value.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformModulesTest {
    @TempDir
    Path dir;

    @Test
    void nestedModulesWithForEachAndOutputs() {
        TerraformEvaluation e = new TfFixture(dir).file("env/prod/main.tf", """
                module "edge" {
                  source = "../../modules/edge"
                  name   = "edge"
                }
                module "svc" {
                  source   = "../../modules/svc"
                  for_each = { api = 10, web = 20 }
                  priority = each.value
                  listener = module.edge.listener_arn
                }
                resource "aws_lb_listener_rule" "extra" {
                  listener_arn = module.edge.listener_arn
                  tg           = module.svc["api"].tg_arn
                  all          = [for k, m in module.svc : m.tg_name]
                  where        = module.edge.where
                }
                moved {
                  from = aws_lb_listener_rule.old
                  to   = aws_lb_listener_rule.extra
                }
                """).file("modules/edge/main.tf", """
                variable "name" {
                  type = string
                }
                resource "aws_lb" "main" {
                  name = var.name
                }
                resource "aws_lb_listener" "http" {
                  load_balancer_arn = aws_lb.main.arn
                  port              = 80
                }
                output "listener_arn" {
                  value = aws_lb_listener.http.arn
                }
                output "where" {
                  value = path.module
                }
                """).file("modules/svc/main.tf", """
                variable "priority" {
                  type = number
                }
                variable "listener" {
                }
                module "tg" {
                  source = "./tg"
                  name   = "tg-${var.priority}"
                }
                resource "aws_lb_listener_rule" "rule" {
                  listener_arn = var.listener
                  priority     = var.priority
                  action {
                    type             = "forward"
                    target_group_arn = module.tg.arn
                  }
                }
                moved {
                  from = aws_lb_listener_rule.r
                  to   = aws_lb_listener_rule.rule
                }
                output "tg_arn" {
                  value = module.tg.arn
                }
                output "tg_name" {
                  value = module.tg.name
                }
                """).file("modules/svc/tg/main.tf", """
                variable "name" {
                }
                resource "aws_lb_target_group" "tg" {
                  name = var.name
                }
                output "arn" {
                  value = aws_lb_target_group.tg.arn
                }
                output "name" {
                  value = aws_lb_target_group.tg.name
                }
                """).evaluate("env/prod", TerraformInputs.none());
        assertClean(e);
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactly(
                "aws_lb_listener_rule.extra",
                "module.edge.aws_lb.main",
                "module.edge.aws_lb_listener.http",
                "module.svc[\"api\"].aws_lb_listener_rule.rule",
                "module.svc[\"api\"].module.tg.aws_lb_target_group.tg",
                "module.svc[\"web\"].aws_lb_listener_rule.rule",
                "module.svc[\"web\"].module.tg.aws_lb_target_group.tg");
        ResourceInstance rule = resource(e, "module.svc[\"web\"].aws_lb_listener_rule.rule");
        assertThat(rule.module()).isEqualTo("module.svc[\"web\"]");
        assertThat(rule.source().path()).isEqualTo("modules/svc/main.tf");
        assertThat(rule.attributes().get("priority")).isEqualTo(num(20));
        assertThat(rule.attributes().get("listener_arn")).isEqualTo(ref("module.edge.aws_lb_listener.http", "arn"));
        assertThat(rule.attributes().get("action")).isEqualTo(list(obj("type", str("forward"),
                "target_group_arn", ref("module.svc[\"web\"].module.tg.aws_lb_target_group.tg", "arn"))));
        assertThat(attr(e, "module.edge.aws_lb_listener.http", "load_balancer_arn"))
                .isEqualTo(ref("module.edge.aws_lb.main", "arn"));
        assertThat(attr(e, "aws_lb_listener_rule.extra", "tg"))
                .isEqualTo(ref("module.svc[\"api\"].module.tg.aws_lb_target_group.tg", "arn"));
        assertThat(attr(e, "aws_lb_listener_rule.extra", "all")).isEqualTo(tuple(str("tg-10"), str("tg-20")));
        assertThat(attr(e, "aws_lb_listener_rule.extra", "where")).isEqualTo(str("../../modules/edge"));
        assertThat(e.moved()).extracting(MovedBlock::from, MovedBlock::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple("aws_lb_listener_rule.old", "aws_lb_listener_rule.extra"),
                org.assertj.core.groups.Tuple.tuple("module.svc[\"api\"].aws_lb_listener_rule.r",
                        "module.svc[\"api\"].aws_lb_listener_rule.rule"),
                org.assertj.core.groups.Tuple.tuple("module.svc[\"web\"].aws_lb_listener_rule.r",
                        "module.svc[\"web\"].aws_lb_listener_rule.rule"));
        assertThat(e.moved().get(0).source().line()).isEqualTo(17);
    }

    @Test
    void countOnModule() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                module "m" {
                  count  = 2
                  source = "./m"
                  n      = count.index
                }
                resource "aws_lb" "x" {
                  names = module.m[*].name
                  first = module.m[0].name
                }
                """).file("m/main.tf", """
                variable "n" {
                  type = string
                }
                resource "aws_lb_target_group" "tg" {
                  name = "tg-${var.n}"
                }
                output "name" {
                  value = aws_lb_target_group.tg.name
                }
                """).evaluate();
        assertClean(e);
        assertThat(attr(e, "aws_lb.x", "names")).isEqualTo(tuple(str("tg-0"), str("tg-1")));
        assertThat(attr(e, "aws_lb.x", "first")).isEqualTo(str("tg-0"));
        assertThat(resource(e, "module.m[1].aws_lb_target_group.tg").module()).isEqualTo("module.m[1]");
    }

    @Test
    void remoteModuleIsOneDiagnosticAndNoResources() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                module "alb" {
                  source  = "terraform-aws-modules/alb/aws"
                  version = "9.0.0"
                }
                resource "aws_lb_listener_rule" "r" {
                  listener_arn = module.alb.listener_arns[0]
                }
                """).evaluate();
        single(e, "main.tf:1:", "remote module alb (terraform-aws-modules/alb/aws) is not installed in .terraform/modules/modules.json, and lbguard never downloads modules");
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactly("aws_lb_listener_rule.r");
        assertThat(attr(e, "aws_lb_listener_rule.r", "listener_arn")).isInstanceOf(Value.Unknown.class);
    }

    @Test
    void missingModuleInputAndUnknownOutput() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                module "m" {
                  source = "./m"
                }
                resource "aws_lb" "x" {
                  name = module.m.nope
                }
                """).file("m/main.tf", """
                variable "required" {
                }
                output "name" {
                  value = "n"
                }
                """).evaluate();
        assertThat(rendered(e)).containsExactly(
                "main.tf:1:1: error: module m does not set its required variable required [tf-module]",
                "main.tf:5:10: error: module m has no output nope [tf-reference]");
    }
}

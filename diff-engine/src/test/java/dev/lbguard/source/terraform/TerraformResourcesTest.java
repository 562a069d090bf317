package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.value.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformResourcesTest {
    @TempDir
    Path dir;

    @Test
    void countAndForEachGiveTerraformAddressesAndKeys() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_lb_target_group" "svc" {
                  for_each = toset(["orders", "cart"])
                  name     = "tg-${each.key}"
                  port     = 8080
                }
                resource "aws_lb_listener_rule" "r" {
                  count    = 2
                  priority = 10 + count.index
                }
                resource "aws_lb_target_group" "m" {
                  for_each = { a = 1, b = 2 }
                  port     = each.value
                }
                """).evaluate();
        assertClean(e);
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactly(
                "aws_lb_listener_rule.r[0]", "aws_lb_listener_rule.r[1]",
                "aws_lb_target_group.m[\"a\"]", "aws_lb_target_group.m[\"b\"]",
                "aws_lb_target_group.svc[\"cart\"]", "aws_lb_target_group.svc[\"orders\"]");
        assertThat(attr(e, "aws_lb_target_group.svc[\"orders\"]", "name")).isEqualTo(str("tg-orders"));
        assertThat(attr(e, "aws_lb_listener_rule.r[1]", "priority")).isEqualTo(num(11));
        assertThat(attr(e, "aws_lb_target_group.m[\"b\"]", "port")).isEqualTo(num(2));
        assertThat(resource(e, "aws_lb_listener_rule.r[1]").indexKey()).isEqualTo(num(1));
        assertThat(resource(e, "aws_lb_target_group.m[\"b\"]").indexKey()).isEqualTo(str("b"));
        ResourceInstance tg = resource(e, "aws_lb_target_group.svc[\"cart\"]");
        assertThat(tg.attributes().fields()).containsOnlyKeys("name", "port");
        assertThat(tg.resourceAddress()).isEqualTo("aws_lb_target_group.svc");
        assertThat(tg.source().line()).isEqualTo(1);
        assertThat(tg.attributeSources().get("port").line()).isEqualTo(4);
    }

    @Test
    void referencesGiveConfiguredValuesOrSymbolicUnknowns() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_vpc" "main" {
                  cidr_block = "10.0.0.0/16"
                }
                resource "aws_lb_target_group" "tg" {
                  for_each = toset(["blue", "green"])
                  name     = each.key
                  vpc_id   = aws_vpc.main.id
                }
                resource "aws_lb_target_group" "single" {
                  name = "single"
                }
                resource "aws_lb_listener_rule" "api" {
                  listener_arn = aws_lb_listener.http.arn
                  tags = {
                    cidr  = aws_vpc.main.cidr_block
                    other = aws_vpc.main.default_route_table_id
                    names = [for k, tg in aws_lb_target_group.tg : tg.name]
                    arns  = aws_lb_target_group.tg["blue"].arn
                    splat = aws_lb_target_group.single[*].arn
                  }
                }
                resource "aws_lb_listener" "http" {
                  port = 80
                }
                """).evaluate();
        assertClean(e);
        assertThat(attr(e, "aws_lb_target_group.tg[\"blue\"]", "vpc_id")).isEqualTo(ref("aws_vpc.main", "id"));
        assertThat(attr(e, "aws_lb_listener_rule.api", "listener_arn"))
                .isEqualTo(ref("aws_lb_listener.http", "arn"));
        assertThat(attr(e, "aws_lb_listener_rule.api", "tags")).isEqualTo(obj(
                "cidr", str("10.0.0.0/16"),
                "other", ref("aws_vpc.main", "default_route_table_id"),
                "names", tuple(str("blue"), str("green")),
                "arns", ref("aws_lb_target_group.tg[\"blue\"]", "arn"),
                "splat", tuple(ref("aws_lb_target_group.single", "arn"))));
    }

    @Test
    void splatOverCountedResources() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_lb_target_group" "tg" {
                  count = 2
                  port  = 8080 + count.index
                }
                resource "aws_lb" "x" {
                  full   = aws_lb_target_group.tg[*].arn
                  legacy = aws_lb_target_group.tg.*.port
                  none   = length(aws_lb_target_group.tg)
                }
                """).evaluate();
        assertClean(e);
        assertThat(attr(e, "aws_lb.x", "full")).isEqualTo(tuple(
                ref("aws_lb_target_group.tg[0]", "arn"), ref("aws_lb_target_group.tg[1]", "arn")));
        assertThat(attr(e, "aws_lb.x", "legacy")).isEqualTo(tuple(num(8080), num(8081)));
        assertThat(attr(e, "aws_lb.x", "none")).isEqualTo(num(2));
    }

    @Test
    void nestedBlocksBecomeListsAndMetaArgumentsDisappear() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_lb_listener_rule" "api" {
                  priority   = 10
                  provider   = aws.west
                  depends_on = [aws_lb.x]
                  lifecycle {
                    create_before_destroy = true
                  }
                  condition {
                    host_header {
                      values = ["api.example.com"]
                    }
                  }
                  condition {
                    path_pattern {
                      values = ["/v2/*"]
                    }
                  }
                }
                resource "aws_lb" "x" {
                }
                """).evaluate();
        assertClean(e);
        ResourceInstance r = resource(e, "aws_lb_listener_rule.api");
        assertThat(r.attributes().fields()).containsOnlyKeys("priority", "condition");
        assertThat(r.attributes().get("condition")).isEqualTo(list(
                obj("host_header", list(obj("values", tuple(str("api.example.com"))))),
                obj("path_pattern", list(obj("values", tuple(str("/v2/*")))))));
        assertThat(r.attributeSources().get("condition").line()).isEqualTo(8);
        assertThat(r.attributeSources()).doesNotContainKeys("provider", "lifecycle", "depends_on");
    }

    @Test
    void dynamicBlocksExpandNestedWithIterators() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                locals {
                  rules = {
                    api = { hosts = ["api.example.com"], paths = ["/a", "/b"] }
                  }
                }
                resource "aws_lb_listener_rule" "r" {
                  for_each = local.rules
                  dynamic "condition" {
                    for_each = each.value.paths
                    iterator = p
                    content {
                      path_pattern {
                        values = [p.value]
                      }
                      dynamic "host_header" {
                        for_each = each.value.hosts
                        content {
                          values = [host_header.value, "${p.key}"]
                        }
                      }
                    }
                  }
                  dynamic "action" {
                    for_each = []
                    content {
                      type = "forward"
                    }
                  }
                }
                """).evaluate();
        assertClean(e);
        assertThat(attr(e, "aws_lb_listener_rule.r[\"api\"]", "condition")).isEqualTo(list(
                obj("path_pattern", list(obj("values", tuple(str("/a")))),
                        "host_header", list(obj("values", tuple(str("api.example.com"), num(0))))),
                obj("path_pattern", list(obj("values", tuple(str("/b")))),
                        "host_header", list(obj("values", tuple(str("api.example.com"), num(1)))))));
        assertThat(attr(e, "aws_lb_listener_rule.r[\"api\"]", "action")).isEqualTo(list());
    }

    @Test
    void referenceToMissingResourceIsOneDiagnostic() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_lb_listener" "http" {
                  load_balancer_arn = aws_lb.missing.arn
                }
                """).evaluate();
        single(e, "main.tf:2:", "error", "reference to undeclared resource aws_lb.missing");
        assertThat(attr(e, "aws_lb_listener.http", "load_balancer_arn")).isInstanceOf(Value.Unknown.class);
    }

    @Test
    void dataSourceIsAnErrorOnlyWhereItReachesALoadBalancerResource() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                data "aws_vpc" "main" {
                  default = true
                }
                resource "aws_security_group" "sg" {
                  vpc_id = data.aws_vpc.main.id
                }
                resource "aws_lb_target_group" "tg" {
                  count  = 2
                  name   = "tg-${data.aws_vpc.main.id}"
                  vpc_id = data.aws_vpc.main.id
                }
                """).evaluate();
        // The name routes (it names the group in every report); the VPC does not.
        assertThat(rendered(e)).containsExactly(
                "main.tf:9:3: error: data source aws_vpc.main is read at plan time; lbguard cannot read it [tf-data-source]",
                "main.tf:10:3: not read: data source aws_vpc.main is read at plan time; lbguard cannot read it (vpc_id)"
                        + " [tf-data-source]");
        assertThat(e.complete()).isFalse();
        assertThat(attr(e, "aws_security_group.sg", "vpc_id")).isInstanceOf(Value.Unknown.class);
    }

    @Test
    void unknownCountIsReported() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_vpc" "v" {
                }
                resource "aws_lb" "x" {
                  count = aws_vpc.v.id == "" ? 0 : 1
                }
                """).evaluate();
        single(e, "main.tf:4:", "count of aws_lb.x depends on aws_vpc.v");
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactly("aws_vpc.v");
    }

    @Test
    void resourceCycleIsReported() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_lb" "a" {
                  name = aws_lb.b.name
                }
                resource "aws_lb" "b" {
                  name = aws_lb.a.name
                }
                """).evaluate();
        assertThat(rendered(e)).anySatisfy(d -> assertThat(d).contains("reference cycle: aws_lb.a -> aws_lb.b -> aws_lb.a"));
        assertThat(e.diagnostics()).hasSize(1);
    }

    @Test
    void countIsConvertedToANumberAndForEachNeedsAMapOrSet() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                variable "n" {
                  default = "2"
                }
                resource "aws_lb" "x" {
                  count = var.n
                }
                resource "aws_lb" "y" {
                  for_each = ["a", "b"]
                }
                """).evaluate();
        single(e, "main.tf:8:", "for_each of aws_lb.y must be a map or a set of strings, not a tuple; convert a list with toset()");
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactly("aws_lb.x[0]", "aws_lb.x[1]");
    }

    @Test
    void computedValuesAreKnownAfterApplyButNotTheAttributeTheyCameFrom() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_lb_target_group" "a" {
                }
                resource "aws_lb_target_group" "b" {
                }
                resource "aws_lb_listener_rule" "r" {
                  picked  = element([aws_lb_target_group.a.arn, aws_lb_target_group.b.arn], 1)
                  same    = coalesce(aws_lb_target_group.a.arn, "x")
                  lowered = lower(aws_lb_target_group.a.arn)
                  summed  = aws_lb_target_group.a.port + 1
                  deeper  = aws_lb_target_group.a.health_check[0].path
                }
                """).evaluate();
        assertClean(e);
        assertThat(attr(e, "aws_lb_listener_rule.r", "picked")).isEqualTo(ref("aws_lb_target_group.b", "arn"));
        assertThat(attr(e, "aws_lb_listener_rule.r", "same")).isEqualTo(ref("aws_lb_target_group.a", "arn"));
        assertThat(attr(e, "aws_lb_listener_rule.r", "lowered")).isEqualTo(new Value.Unknown(
                "aws_lb_target_group.a", "", "computed from aws_lb_target_group.a.arn"));
        assertThat(((Value.Unknown) attr(e, "aws_lb_listener_rule.r", "summed")).attribute()).isEmpty();
        assertThat(attr(e, "aws_lb_listener_rule.r", "deeper"))
                .isEqualTo(ref("aws_lb_target_group.a", "health_check[0].path"));
    }
}

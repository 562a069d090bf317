package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.value.ValueJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A root module in Terraform's JSON syntax evaluates to what the same module in native syntax does. */
class JsonSyntaxEvaluationTest {
    @TempDir
    Path dir;

    /** {@code fixtures/terraform/json-syntax/main.tf.json}, written in native syntax. */
    private static final String TWIN = """
            variable "hosts" {
              description = "Each host gets a rule; ${this} is no template in a description"
              type        = map(object({ priority = number, paths = list(string) }))
              default = {
                "api.example.com" = { priority = 10, paths = ["/v1/*", "/v2/*"] }
                "www.example.com" = { priority = 20, paths = [] }
              }
            }

            variable "replicas" {
              type    = number
              default = 2
            }

            locals {
              name          = "edge"
              vpc_id        = "vpc-0a1b2c3d4e5f60789"
              canary_weight = 100 - 80
              tags          = { Name = "${local.name}-alb", Stack = "json" }
            }

            resource "aws_lb" "edge" {
              name               = local.name
              load_balancer_type = "application"
              internal           = false
              subnets            = ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"]
              tags               = local.tags
            }

            resource "aws_lb_target_group" "app" {
              count    = var.replicas
              name     = "app-${count.index}"
              port     = 8080
              protocol = "HTTP"
              vpc_id   = local.vpc_id
              health_check {
                path     = "/healthz"
                matcher  = "200-299"
                interval = 15
              }
              stickiness {
                type    = "lb_cookie"
                enabled = false
              }
            }

            resource "aws_lb_target_group" "static" {
              name     = "static"
              port     = 80
              protocol = "HTTP"
              vpc_id   = local.vpc_id
            }

            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.edge.arn
              port              = 80
              protocol          = "HTTP"
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.static.arn
              }
            }

            resource "aws_lb_listener_rule" "host" {
              for_each     = var.hosts
              listener_arn = aws_lb_listener.http.arn
              priority     = each.value.priority
              condition {
                host_header {
                  values = [each.key]
                }
              }
              dynamic "condition" {
                for_each = length(each.value.paths) > 0 ? [each.value.paths] : []
                iterator = paths
                content {
                  path_pattern {
                    values = paths.value
                  }
                }
              }
              action {
                type = "forward"
                forward {
                  target_group {
                    arn    = aws_lb_target_group.app[0].arn
                    weight = 80
                  }
                  target_group {
                    arn    = aws_lb_target_group.app[1].arn
                    weight = local.canary_weight
                  }
                  stickiness {
                    enabled  = true
                    duration = 600
                  }
                }
              }
              depends_on = [aws_lb_target_group.static]
              lifecycle {
                create_before_destroy = true
              }
            }

            resource "aws_lb_listener_rule" "maintenance" {
              listener_arn = aws_lb_listener.http.arn
              priority     = 1
              condition {
                http_header {
                  http_header_name = "X-Maintenance"
                  values           = ["on"]
                }
              }
              condition {
                query_string {
                  key   = "debug"
                  value = "1"
                }
                query_string {
                  value = "$${literal}"
                }
              }
              action {
                type = "fixed-response"
                fixed_response {
                  content_type = "text/plain"
                  message_body = "down for ${local.name}: $${not_interpolated} %%{not_a_directive}"
                  status_code  = "503"
                }
              }
            }
            """;

    @Test
    void theJsonFixtureAndItsNativeTwinEvaluateAlike() throws IOException {
        Path fixtures = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"), "terraform", "json-syntax");
        String json = Files.readString(fixtures.resolve("main.tf.json"));
        TerraformEvaluation fromJson = new TfFixture(dir).file("json/main.tf.json", json).evaluate("json",
                TerraformInputs.none());
        TerraformEvaluation fromHcl = new TfFixture(dir).file("hcl/main.tf", TWIN).evaluate("hcl",
                TerraformInputs.none());
        TfFixture.assertClean(fromJson);
        TfFixture.assertClean(fromHcl);
        assertThat(fromJson.resources()).hasSize(8);
        assertThat(valuesOf(fromJson)).isEqualTo(valuesOf(fromHcl));
    }

    /** Each instance's address and attribute values, as {@code terraform show -json} would print them. */
    static Map<String, String> valuesOf(TerraformEvaluation e) {
        Map<String, String> out = new LinkedHashMap<>();
        e.resources().forEach(r -> out.put(r.address(), ValueJson.toJson(r.attributes()).toString()));
        return out;
    }
}

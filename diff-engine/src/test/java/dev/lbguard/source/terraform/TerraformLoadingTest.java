package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.value.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformLoadingTest {
    @TempDir
    Path dir;

    private static final String LB = """
            resource "aws_lb" "x" {
              name = "x"
            }
            """;

    @Test
    void emptyDirectoryIsOneDiagnostic() {
        TerraformEvaluation e = new TfFixture(dir).file("infra/README.md", "nothing").evaluate("infra",
                TerraformInputs.none());
        single(e, "infra: error: no Terraform files in infra [tf-no-files]");
        assertThat(e.resources()).isEmpty();
    }

    @Test
    void syntaxErrorNamesFileLineAndColumnAndTheRestIsRead() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB)
                .file("b.tf", "resource \"aws_lb\" \"y\" {\n  name = \n}\n").evaluate();
        single(e, "b.tf:", "error", "[hcl-syntax]");
        assertThat(e.diagnostics().get(0).source().line()).isBetween(2, 3);
        assertThat(e.diagnostics().get(0).source().column()).isPositive();
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactly("aws_lb.x");
    }

    @Test
    void binaryAndInvalidUtf8FilesAreReportedAndSkipped() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB)
                .bytes("blob.tf", new byte[] {'r', 0, 1, 2})
                .bytes("latin1.tf", new byte[] {'#', ' ', (byte) 0xE9, '\n'})
                .evaluate();
        assertThat(rendered(e)).containsExactly(
                "blob.tf: error: blob.tf is a binary file (it contains NUL bytes); not read [tf-unreadable-file]",
                "latin1.tf: error: latin1.tf is not valid UTF-8; not read [tf-unreadable-file]");
        assertThat(e.resources()).hasSize(1);
    }

    @Test
    void overrideFilesMergeAsInTerraform() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", """
                resource "aws_lb_listener_rule" "r" {
                  priority = 10
                  tags     = { a = "b" }
                  condition {
                    host_header {
                      values = ["a.example.com"]
                    }
                  }
                  action {
                    type = "forward"
                  }
                }
                locals {
                  x = "base"
                }
                """).file("z_override.tf", """
                resource "aws_lb_listener_rule" "r" {
                  priority = local.x == "over" ? 20 : 0
                  dynamic "condition" {
                    for_each = ["/x"]
                    content {
                      path_pattern {
                        values = [condition.value]
                      }
                    }
                  }
                }
                locals {
                  x = "over"
                }
                resource "aws_lb" "ghost" {
                }
                """).evaluate();
        single(e, "z_override.tf:15:", "override of resource aws_lb.ghost, which no other file declares");
        ResourceInstance r = resource(e, "aws_lb_listener_rule.r");
        assertThat(r.attributes().get("priority")).isEqualTo(num(20));
        assertThat(r.attributes().get("tags")).isEqualTo(obj("a", str("b")));
        assertThat(r.attributes().get("condition")).isEqualTo(list(obj("path_pattern", list(obj("values", tuple(str("/x")))))));
        assertThat(r.attributes().get("action")).isEqualTo(list(obj("type", str("forward"))));
        assertThat(r.attributeSources().get("priority").path()).isEqualTo("z_override.tf");
        assertThat(r.source().path()).isEqualTo("a.tf");
    }

    @Test
    void jsonAndNativeFilesOfOneDirectoryAreOneModule() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB).file("listener.tf.json", """
                {
                  "resource": {
                    "aws_lb_listener": {
                      "http": {
                        "load_balancer_arn": "${aws_lb.x.arn}",
                        "port": "${local.port}",
                        "protocol": "HTTP",
                        "default_action": {"type": "fixed-response",
                          "fixed_response": {"content_type": "text/plain", "status_code": "404"}}
                      }
                    }
                  }
                }
                """).file("locals.tf", "locals {\n  port = 8080\n}\n").evaluate();
        assertClean(e);
        assertThat(attr(e, "aws_lb_listener.http", "port")).isEqualTo(num(8080));
        assertThat(attr(e, "aws_lb_listener.http", "load_balancer_arn")).isEqualTo(ref("aws_lb.x", "arn"));
        assertThat(resource(e, "aws_lb_listener.http").source().line()).isEqualTo(4);
        assertThat(resource(e, "aws_lb_listener.http").attributeSources().get("port").line()).isEqualTo(6);
    }

    @Test
    void jsonOverrideFilesMergeAsNativeOnesDo() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", """
                resource "aws_lb_target_group" "web" {
                  name     = "web"
                  port     = 80
                  protocol = "HTTP"
                  health_check {
                    path = "/"
                  }
                }
                """).file("override.tf.json", """
                {"resource": {"aws_lb_target_group": {"web": {"port": 8080, "health_check": {"path": "/healthz"}}}}}
                """).evaluate();
        assertClean(e);
        assertThat(attr(e, "aws_lb_target_group.web", "port")).isEqualTo(num(8080));
        assertThat(attr(e, "aws_lb_target_group.web", "name")).isEqualTo(str("web"));
        assertThat(attr(e, "aws_lb_target_group.web", "health_check")).isEqualTo(list(obj("path", str("/healthz"))));
    }

    @Test
    void invalidJsonIsASyntaxErrorAtItsLineAndTheRestIsRead() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB)
                .file("broken.tf.json", "{\n  \"resource\": {\n    \"aws_lb\": {\"y\": {\"name\": \"y\",}}\n  }\n}\n")
                .evaluate();
        Diagnostic d = single(e, "broken.tf.json:3:", "error: invalid JSON", "[hcl-syntax]");
        assertThat(d.source().column()).isPositive();
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactly("aws_lb.x");
    }

    @Test
    void aDuplicateAcrossSyntaxesIsReportedAtTheJsonLine() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB)
                .file("b.tf.json", "{\n  \"resource\": {\n    \"aws_lb\": {\n      \"x\": {\"name\": \"x\"}\n    }\n  }\n}\n")
                .evaluate();
        single(e, "b.tf.json:4:", "duplicate resource aws_lb.x");
    }

    @Test
    void aClassicLoadBalancerIsNotReadAndSaysSoOncePerBlock() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB).file("classic.tf", """
                resource "aws_elb" "legacy" {
                  count              = 2
                  name               = "legacy-${count.index}"
                  availability_zones = ["eu-west-1a"]
                  listener {
                    lb_port           = 80
                    lb_protocol       = "http"
                    instance_port     = 8080
                    instance_protocol = "http"
                  }
                }
                """).evaluate();
        assertThat(e.complete()).isFalse();
        single(e, "classic.tf:1:1: error: aws_elb.legacy[0]: lbguard does not read aws_elb (Classic Load Balancer)",
                "[tf-unsupported-resource]");
        assertThat(RootModuleFinder.find(new dev.lbguard.source.DiskTree(dir))).containsExactly("");
    }

    @Test
    void duplicateResourceIsReported() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB).file("b.tf", LB).evaluate();
        single(e, "b.tf:1:", "duplicate resource aws_lb.x");
    }

    @Test
    void revisionAndPathsComeFromTheTree() {
        TerraformEvaluation e = new TfFixture(dir).file("stacks/edge/lb.tf", LB)
                .evaluate("stacks/edge", TerraformInputs.none());
        assertClean(e);
        ResourceInstance r = resource(e, "aws_lb.x");
        assertThat(r.source().path()).isEqualTo("stacks/edge/lb.tf");
        assertThat(r.indexKey()).isEqualTo(Value.Values.NULL);
        assertThat(r.attributeSources().get("name")).satisfies(s -> {
            assertThat(s.line()).isEqualTo(2);
            assertThat(s.column()).isEqualTo(3);
            assertThat(s.revision()).isEmpty();
        });
        assertThat(e.moduleDir()).isEqualTo("stacks/edge");
    }

    @Test
    void directoryOutsideTheTreeIsADiagnostic() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB).evaluate("../elsewhere", TerraformInputs.none());
        single(e, "module directory ../elsewhere is outside the tree");
    }

    @Test
    void aModuleCallingItsOwnDirectoryIsAnErrorAndNothingUnderTheCallIsRead() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB + """
                module "again" {
                  source = "./"
                }
                """).evaluate();
        // Terraform cannot build an endless tree: no load balancer of the 32 levels it once showed is real.
        single(e, "a.tf:4:", "module again calls . from inside it (. -> .)", "break the loop");
        assertThat(e.resources()).extracting(r -> r.address()).containsExactly("aws_lb.x");
    }

    @Test
    void aLoopThroughAnotherModuleIsFoundAtTheCallThatClosesIt() {
        TerraformEvaluation e = new TfFixture(dir).file("live/main.tf", """
                module "a" {
                  source = "../modules/a"
                }
                """).file("modules/a/main.tf", LB + """
                module "b" {
                  source = "../b"
                }
                """).file("modules/b/main.tf", """
                module "a" {
                  source = "../a"
                }
                """).evaluate("live", TerraformInputs.none());
        single(e, "modules/b/main.tf:1:", "module a calls modules/a from inside it "
                + "(modules/a -> modules/b -> modules/a)", "break the loop", "[tf-module]");
        assertThat(e.resources()).extracting(r -> r.address()).containsExactly("module.a.aws_lb.x");
    }

    @Test
    void aModuleCalledTwiceWithoutALoopIsNoLoop() {
        TerraformEvaluation e = new TfFixture(dir).file("live/main.tf", """
                module "a" {
                  source = "../modules/a"
                }
                module "b" {
                  source = "../modules/b"
                }
                """).file("modules/a/main.tf", """
                module "lb" {
                  source = "../lb"
                }
                """).file("modules/b/main.tf", """
                module "lb" {
                  source = "../lb"
                }
                """).file("modules/lb/main.tf", LB).evaluate("live", TerraformInputs.none());
        assertThat(e.diagnostics()).isEmpty();
        assertThat(e.resources()).extracting(r -> r.address())
                .containsExactly("module.a.module.lb.aws_lb.x", "module.b.module.lb.aws_lb.x");
    }

    @Test
    void aBareRelativeSourceIsAnErrorThatSaysHowToWriteIt() {
        TerraformEvaluation e = new TfFixture(dir).file("live/main.tf", """
                module "alb" {
                  source = "modules/alb"
                }
                """).file("live/modules/alb/main.tf", LB).evaluate("live", TerraformInputs.none());
        // Terraform 0.11 read it as ./modules/alb; Terraform 0.12 and later refuse it, and init cannot mend it.
        single(e, "live/main.tf:2:", "the source of module alb, \"modules/alb\", is neither a relative path nor a "
                + "registry address", "write \"./modules/alb\"", "[tf-module]");
        assertThat(e.resources()).isEmpty();
    }
}

package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.resources.TerraformSnapshotBuilder;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The values an evaluation learns are sensitive (a sensitive variable, the argument of sensitive()) travel on its
 * result and on the snapshot built from it, and on nothing else: a second evaluation starts with none.
 */
class SensitiveValuesOnSnapshotTest {
    @TempDir
    Path dir;

    private static final String MAIN = """
            variable "origin_secret" {
              type      = string
              sensitive = true
              default   = "from-the-variable"
            }
            locals {
              header = sensitive("from-the-function")
            }
            resource "aws_lb" "web" {
              name = "web"
            }
            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.web.arn
              port              = 80
              default_action {
                type = "fixed-response"
                fixed_response {
                  content_type = "text/plain"
                  message_body = "${var.origin_secret}-${local.header}"
                  status_code  = "200"
                }
              }
            }
            """;

    @Test
    void aSensitiveVariableAndSensitiveTravelOnTheEvaluationAndTheSnapshot() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", MAIN).evaluate();
        assertThat(e.secrets().values()).contains("from-the-variable", "from-the-function");
        RoutingSnapshot s = new TerraformSnapshotBuilder().build(e, SnapshotOrigin.other("test"));
        assertThat(s.secrets()).isEqualTo(e.secrets());
        RoutingSnapshot read = new TerraformSource().read(new DiskTree(dir), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other("test"));
        assertThat(read.secrets().values()).contains("from-the-variable", "from-the-function");
    }

    @Test
    void anEvaluationWithoutSensitiveValuesHasNoneLeftFromAnother() {
        new TfFixture(dir).file("main.tf", MAIN).evaluate();
        TerraformEvaluation plain = new TfFixture(dir).file("main.tf", MAIN.replace("sensitive = true", "")
                .replace("sensitive(\"from-the-function\")", "\"from-the-function\"")).evaluate();
        assertThat(plain.secrets().isEmpty()).isTrue();
    }
}

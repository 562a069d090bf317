package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.rendered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.resources.TerraformEvaluation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data source of a load-balancer type stands for what it finds by its ARN or id only: any other of its
 * attributes is read at plan time, so where routing reads it the analysis is incomplete, and a count over it
 * says that Terraform reads it at plan time (not that Terraform cannot plan it).
 */
class DataSourceLookupTest {
    @TempDir
    Path dir;

    @Test
    void aLookupsNameInWhatRoutingReadsIsAnErrorItsArnIsNot() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                data "aws_lb_target_group" "x" {
                  arn = "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/x/1"
                }
                resource "aws_lb_target_group" "copy" {
                  name     = data.aws_lb_target_group.x.name
                  port     = 80
                  protocol = "HTTP"
                  vpc_id   = data.aws_lb_target_group.x.vpc_id
                }
                resource "aws_lb_target_group_attachment" "a" {
                  target_group_arn = data.aws_lb_target_group.x.arn
                  target_id        = "10.0.0.1"
                }
                """).evaluate();
        assertThat(rendered(e)).containsExactly(
                "main.tf:5:3: error: data source data.aws_lb_target_group.x.name is read at plan time; lbguard cannot"
                        + " read it [tf-data-source]",
                "main.tf:8:3: not read: data source data.aws_lb_target_group.x.vpc_id is read at plan time; lbguard"
                        + " cannot read it (vpc_id) [tf-data-source]");
    }

    @Test
    void aCountOverALookupIsReadAtPlanTime() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                data "aws_lb" "edge" {
                  name = "edge"
                }
                resource "aws_lb_target_group" "tg" {
                  count    = data.aws_lb.edge.internal ? 1 : 2
                  name     = "tg"
                  port     = 80
                  protocol = "HTTP"
                }
                """).evaluate();
        assertThat(e.complete()).isFalse();
        assertThat(rendered(e)).singleElement().asString().contains("main.tf:5:",
                "count reads data.aws_lb.edge", "a data source Terraform reads at plan time and lbguard cannot");
    }

    @Test
    void aLookupWhoseArgumentIsAnotherLookupsAttributeIsNotRead() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                data "aws_lb_listener" "http" {
                  arn = "arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/edge/1/2"
                }
                data "aws_lb_listener" "https" {
                  load_balancer_arn = data.aws_lb_listener.http.load_balancer_arn
                  port              = 443
                }
                resource "aws_lb_listener_rule" "r" {
                  listener_arn = data.aws_lb_listener.https.arn
                  priority     = 1
                }
                """).evaluate();
        assertThat(e.complete()).isFalse();
        assertThat(rendered(e)).anySatisfy(d -> assertThat(d).contains("main.tf:5:",
                "data.aws_lb_listener.http.load_balancer_arn is read at plan time"));
    }
}

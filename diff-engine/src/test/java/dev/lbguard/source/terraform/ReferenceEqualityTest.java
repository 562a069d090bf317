package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.attr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.value.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is certain of ARNs known only after apply: one equals itself, two resources' differ, none is empty or
 * null. Public code filters and dedupes them (distinct() over an ECS service's load_balancer objects,
 * {@code arn != "" ? arn : null}); those now come out as they will after apply. What is not certain stays unknown:
 * two data sources' ARNs (one same thing may be found twice), and other attributes (an arn_suffix, say).
 */
class ReferenceEqualityTest {
    @TempDir
    Path dir;

    @Test
    void arnsCompareAsTheyWillAfterApply() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_lb_target_group" "one" {
                  name = "one"
                }
                resource "aws_lb_target_group" "two" {
                  name = "two"
                }
                data "aws_lb_target_group" "x" {
                  name = "x"
                }
                data "aws_lb_target_group" "y" {
                  name = "y"
                }
                locals {
                  lbs = [
                    { arn = aws_lb_target_group.one.arn, port = 80 },
                    { arn = aws_lb_target_group.two.arn, port = 81 },
                    { arn = aws_lb_target_group.one.arn, port = 80 },
                  ]
                }
                resource "aws_ecs_service" "s" {
                  name         = "s"
                  deduped      = length(distinct(local.lbs))
                  same         = aws_lb_target_group.one.arn == aws_lb_target_group.one.arn
                  different    = aws_lb_target_group.one.arn == aws_lb_target_group.two.arn
                  filled       = aws_lb_target_group.one.arn != "" ? aws_lb_target_group.one.arn : null
                  not_null     = aws_lb_target_group.one.arn == null
                  lookups      = data.aws_lb_target_group.x.arn == data.aws_lb_target_group.y.arn
                  suffixes     = aws_lb_target_group.one.arn_suffix == aws_lb_target_group.two.arn_suffix
                }
                """).evaluate();
        assertThat(attr(e, "aws_ecs_service.s", "deduped")).isEqualTo(Value.Num.of(2));
        assertThat(attr(e, "aws_ecs_service.s", "same")).isEqualTo(new Value.Bool(true));
        assertThat(attr(e, "aws_ecs_service.s", "different")).isEqualTo(new Value.Bool(false));
        assertThat(attr(e, "aws_ecs_service.s", "filled"))
                .isEqualTo(Value.Unknown.reference("aws_lb_target_group.one", "arn"));
        assertThat(attr(e, "aws_ecs_service.s", "not_null")).isEqualTo(new Value.Bool(false));
        assertThat(attr(e, "aws_ecs_service.s", "lookups")).isInstanceOf(Value.Unknown.class);
        assertThat(attr(e, "aws_ecs_service.s", "suffixes")).isInstanceOf(Value.Unknown.class);
    }
}

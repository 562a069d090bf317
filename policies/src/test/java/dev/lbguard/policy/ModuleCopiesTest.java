package dev.lbguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.policy.rules.BuiltInRules;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.terraform.TerraformSource;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version bump read from one --module-dir copy on both sides is never reviewed as "no change". */
class ModuleCopiesTest {
    private static final String MODULE = """
            resource "aws_lb" "edge" {
              name = "edge"
            }
            resource "aws_lb_target_group" "web" {
              name     = "web"
              port     = 80
              protocol = "HTTP"
            }
            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.edge.arn
              port              = 80
              protocol          = "HTTP"
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.web.arn
              }
            }
            """;

    @TempDir
    Path repo;

    @TempDir
    Path copy;

    private RoutingSnapshot read(String side, String version) throws IOException {
        Files.createDirectories(repo.resolve(side));
        Files.writeString(repo.resolve(side).resolve("main.tf"), """
                module "alb" {
                  source  = "acme/alb/aws"
                  version = "%s"
                }
                """.formatted(version));
        TerraformInputs inputs = TerraformInputs.none().withModuleDirs(List.of(new TerraformInputs.ModuleDir("alb",
                copy)));
        return new TerraformSource().read(new DiskTree(repo), List.of(side), inputs, SnapshotOrigin.other(side));
    }

    @Test
    void aVersionBumpReadFromOneCopyIsInconclusiveAndTheSameVersionIsNot() throws IOException {
        Files.writeString(copy.resolve("main.tf"), MODULE);
        Review review = BuiltInRules.review();
        ReviewResult bumped = review.review(read("base", "1.0.0"), read("head", "2.0.0"));
        assertThat(bumped.routes().changes()).isEmpty();
        assertThat(bumped.complete()).isFalse();
        assertThat(bumped.inconclusives()).singleElement().satisfies(i -> assertThat(i.reason())
                .contains("module alb is read from one copy before and after the change")
                .contains("\"1.0.0\"").contains("\"2.0.0\""));
        ReviewResult same = review.review(read("base", "1.0.0"), read("head", "1.0.0"));
        assertThat(same.complete()).as("%s", same.inconclusives()).isTrue();
    }
}

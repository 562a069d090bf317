package dev.lbguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.route.Request;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.terraform.TerraformSource;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** timeline --request follows a request as the route diff does: a target group renamed with moved is no move. */
class RequestProbeTest {
    private static final String ALB = """
            resource "aws_lb" "edge" {
              name = "edge"
            }
            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.edge.arn
              port              = 80
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.%1$s.arn
              }
            }
            resource "aws_lb_target_group" "%1$s" {
              name     = "%2$s"
              port     = 8080
              protocol = "HTTP"
            }
            """;

    @TempDir
    Path dir;

    private RoutingSnapshot read(String name, String text) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.writeString(root.resolve("main.tf"), text);
        return new TerraformSource().read(new DiskTree(root), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other(name));
    }

    @Test
    void aTargetGroupRenamedWithMovedIsNoMoveAndAnotherGroupIs() throws Exception {
        RoutingSnapshot base = read("base", ALB.formatted("web", "web"));
        RoutingSnapshot renamed = read("renamed", ALB.formatted("site", "web") + """
                moved {
                  from = aws_lb_target_group.web
                  to   = aws_lb_target_group.site
                }
                """);
        RoutingSnapshot other = read("other", ALB.formatted("site", "site"));
        RequestProbe probe = new RequestProbe(Request.of("shop.test", "/"), Optional.empty(), OptionalInt.empty());
        assertThat(probe.follow(base, renamed)).singleElement().satisfies(m -> assertThat(m.moved()).isFalse());
        assertThat(probe.moved(base, other)).hasSize(1);
    }
}

package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.route.RouteResult;
import dev.lbguard.source.DiskTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules on a listener managed elsewhere are shown on a placeholder whose default action is unknown. */
class ExternalListenerTest {
    private static final String ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/platform/8e4497da625e2d8a/9ab28ade35828f96";

    @Test
    void rulesOnAnExternalListenerKeepTheirRoutingAndTheRestIsUnknown(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "aws_lb_target_group" "api" {
                  name     = "api"
                  port     = 80
                  protocol = "HTTP"
                  vpc_id   = "vpc-1"
                }
                resource "aws_lb_listener_rule" "api" {
                  listener_arn = "%s"
                  priority     = 10
                  action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.api.arn
                  }
                  condition {
                    path_pattern {
                      values = ["/api/*"]
                    }
                  }
                }
                """.formatted(ARN));
        RoutingSnapshot s = new TerraformSource().read(new DiskTree(dir), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other("test"));
        assertThat(s.complete()).isTrue();
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("tf-external-listener");
            assertThat(d.source().line()).isEqualTo(8);
        });
        LoadBalancer lb = s.loadBalancers().get(0);
        assertThat(lb.name()).isEqualTo("platform (external)");
        Listener l = lb.listeners().get(0);
        RouteEvaluator evaluator = new RouteEvaluator();
        RouteResult api = evaluator.evaluate(l, Request.of("x.example.com", "/api/orders"));
        assertThat(api.isMatched()).isTrue();
        assertThat(api.ruleId().orElseThrow().value()).isEqualTo("aws_lb_listener_rule.api");
        RouteResult other = evaluator.evaluate(l, Request.of("x.example.com", "/web"));
        assertThat(other.isMatched()).isFalse();
        assertThat(other.reason()).contains("not managed by this configuration");
    }
}

package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.DiskTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root modules that hang rules on one listener of another stack are seen together, as AWS evaluates them. */
class SharedListenerTest {
    @TempDir
    Path dir;

    private void stack(String name, int priority) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.writeString(root.resolve("main.tf"), """
                data "aws_lb" "platform" {
                  name = "platform-edge"
                }
                data "aws_lb_listener" "https" {
                  load_balancer_arn = data.aws_lb.platform.arn
                  port              = 443
                }
                resource "aws_lb_listener_rule" "%1$s" {
                  listener_arn = data.aws_lb_listener.https.arn
                  priority     = %2$d
                  condition {
                    host_header {
                      values = ["%1$s.shop.test"]
                    }
                  }
                  action {
                    type = "fixed-response"
                    fixed_response {
                      content_type = "text/plain"
                      status_code  = "200"
                    }
                  }
                }
                """.formatted(name, priority));
    }

    private RoutingSnapshot read() {
        return new TerraformSource().read(new DiskTree(dir), List.of("cart", "orders"), TerraformInputs.none(),
                SnapshotOrigin.other("test"));
    }

    @Test
    void rulesOfTwoStacksOnOneLookedUpListenerAreOneListener() throws Exception {
        stack("orders", 100);
        stack("cart", 200);
        RoutingSnapshot s = read();
        assertThat(s.complete()).as("%s", s.diagnostics()).isTrue();
        assertThat(s.loadBalancers()).singleElement().satisfies(lb -> assertThat(lb.listeners()).singleElement()
                .satisfies(l -> assertThat(l.rulesInEvaluationOrder()).extracting(r -> r.id().value())
                        .containsExactly("aws_lb_listener_rule.orders", "aws_lb_listener_rule.cart")));
    }

    @Test
    void twoStacksTakingOnePriorityAreAnErrorNamingBoth() throws Exception {
        stack("orders", 100);
        stack("cart", 100);
        RoutingSnapshot s = read();
        assertThat(s.complete()).isFalse();
        assertThat(s.diagnostics()).filteredOn(d -> d.code().equals("priority-in-use")).singleElement()
                .satisfies(d -> assertThat(d.render()).contains("priority 100", "cart/main.tf:8", "orders/main.tf:8",
                        "PriorityInUse"));
    }
}

package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root modules that hang rules on one listener of another stack are seen together, as AWS evaluates them. */
class SharedListenerTest {
    @TempDir
    Path dir;

    private static final String BY_ARN = """
            data "aws_lb_listener" "https" {
              load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/platform-edge/50dc"
              port              = 443
            }
            """;

    private static final String BY_NAME = """
            data "aws_lb" "platform" {
              name = "platform-edge"
            }
            data "aws_lb_listener" "https" {
              load_balancer_arn = data.aws_lb.platform.arn
              port              = 443
            }
            """;

    private void stack(String name, int priority) throws Exception {
        stack(name, priority, BY_ARN, "data.aws_lb_listener.https.arn");
    }

    private void stack(String name, int priority, String lookup, String listener) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.writeString(root.resolve("main.tf"), lookup + """
                resource "aws_lb_listener_rule" "%1$s" {
                  listener_arn = %3$s
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
                """.formatted(name, priority, listener));
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
                .satisfies(d -> assertThat(d.render()).contains("priority 100", "cart/main.tf:5", "orders/main.tf:5",
                        "PriorityInUse"));
    }

    /**
     * A load balancer's name is unique only in one region and account, and a remote state's address means what
     * its root module configures: lookups by them in two root modules are never taken for one listener.
     */
    @Test
    void lookupsByNameOrStateOutputInTwoRootsStayApart() throws Exception {
        stack("orders", 100, BY_NAME, "data.aws_lb_listener.https.arn");
        stack("cart", 100, """
                data "terraform_remote_state" "platform" {
                  backend = "local"
                  config = {
                    path = "../platform-prod.tfstate"
                  }
                }
                """, "data.terraform_remote_state.platform.outputs.https_listener_arn");
        RoutingSnapshot s = read();
        assertThat(s.complete()).as("%s", s.diagnostics()).isTrue();
        assertThat(s.loadBalancers()).flatExtracting(lb -> lb.listeners()).hasSize(2)
                .allSatisfy(l -> assertThat(l.rules()).hasSize(1));
    }

    /** Within one root, a lookup through another provider configuration (another region) is another listener. */
    @Test
    void lookupsThroughTwoProvidersOfOneRootStayApart() throws Exception {
        Path root = Files.createDirectories(dir.resolve("orders"));
        Files.writeString(root.resolve("main.tf"), """
                data "aws_lb" "east" {
                  name = "edge"
                }
                data "aws_lb" "west" {
                  provider = aws.west
                  name     = "edge"
                }
                data "aws_lb_listener" "east" {
                  load_balancer_arn = data.aws_lb.east.arn
                  port              = 443
                }
                data "aws_lb_listener" "west" {
                  provider          = aws.west
                  load_balancer_arn = data.aws_lb.west.arn
                  port              = 443
                }
                """ + RULE.formatted("east", 5, "data.aws_lb_listener.east.arn")
                + RULE.formatted("west", 10, "data.aws_lb_listener.west.arn"));
        RoutingSnapshot s = new TerraformSource().read(new DiskTree(dir), List.of("orders"), TerraformInputs.none(),
                SnapshotOrigin.other("test"));
        assertThat(s.loadBalancers()).flatExtracting(lb -> lb.listeners()).hasSize(2);
    }

    private static final String RULE = """
            resource "aws_lb_listener_rule" "%1$s" {
              listener_arn = %3$s
              priority     = %2$d
              condition {
                host_header {
                  values = ["app.example.com"]
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
            """;
}

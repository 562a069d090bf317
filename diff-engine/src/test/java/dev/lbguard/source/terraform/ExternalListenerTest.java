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
import dev.lbguard.source.terraform.eval.TerraformInputs;
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
        assertThat(other.reason()).startsWith("not taken by these rules");
    }

    private static final String RULE = """
            resource "aws_lb_listener_rule" "%s" {
              listener_arn = %s
              priority     = %d
              action {
                type = "fixed-response"
                fixed_response {
                  content_type = "text/plain"
                  status_code  = "200"
                }
              }
              condition {
                host_header {
                  values = ["%s.shop.test"]
                }
              }
            }
            """;

    @Test
    void aListenerLookedUpByLoadBalancerAndPortIsNamedByThemAndItsRulesAreRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                data "aws_lb_listener" "shared" {
                  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shared/50dc"
                  port              = 443
                }
                """ + RULE.formatted("team", "data.aws_lb_listener.shared.arn", 42, "team"));
        RoutingSnapshot s = read(dir);
        assertThat(s.complete()).as("%s", s.diagnostics()).isTrue();
        LoadBalancer lb = s.loadBalancers().get(0);
        assertThat(lb.name()).isEqualTo("shared (external)");
        // --listener shared:443 and an invariant's listener find it by the name it was looked up by.
        assertThat(s.loadBalancersNamed("shared")).containsExactly(lb);
        assertThat(s.loadBalancersNamed("shar")).isEmpty();
        Listener l = lb.listeners().get(0);
        assertThat(l.port()).isEqualTo(443);
        assertThat(l.id().value()).isEqualTo(
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shared/50dc:443");
        assertThat(l.rules()).extracting(r -> r.id().value()).containsExactly("aws_lb_listener_rule.team");
        assertThat(s.diagnostics()).singleElement().satisfies(d -> assertThat(d.message())
                .contains("data.aws_lb_listener.shared (port 443 of load balancer shared)", "not seen"));
    }

    @Test
    void twoLookupsOfOneLoadBalancerAndPortAreOneListener(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                data "aws_lb" "platform" {
                  name = "platform-edge"
                }
                data "aws_lb_listener" "a" {
                  load_balancer_arn = data.aws_lb.platform.arn
                  port              = 443
                }
                data "aws_lb_listener" "b" {
                  load_balancer_arn = data.aws_lb.platform.arn
                  port              = 443
                }
                """ + RULE.formatted("orders", "data.aws_lb_listener.a.arn", 10, "orders")
                + RULE.formatted("cart", "data.aws_lb_listener.b.arn", 20, "cart"));
        RoutingSnapshot s = read(dir);
        assertThat(s.complete()).isTrue();
        assertThat(s.loadBalancers()).singleElement().satisfies(lb -> {
            assertThat(lb.name()).isEqualTo("platform-edge (external)");
            assertThat(lb.listeners()).singleElement().satisfies(l -> assertThat(l.rules())
                    .extracting(r -> r.id().value())
                    .containsExactlyInAnyOrder("aws_lb_listener_rule.orders", "aws_lb_listener_rule.cart"));
        });
    }

    @Test
    void whatTheLookupCannotReadReachesRouting(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                variable "port" {
                  type = number
                }
                data "aws_lb_listener" "shared" {
                  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shared/50dc"
                  port              = var.port
                }
                """ + RULE.formatted("team", "data.aws_lb_listener.shared.arn", 42, "team"));
        RoutingSnapshot s = read(dir);
        assertThat(s.complete()).isFalse();
        assertThat(s.diagnostics()).anySatisfy(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).contains("variable port has no value");
        });
    }

    @Test
    void anOutputOfAnotherStacksStateWhereAnArnGoesNamesItsListenerAndNothingElse(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                data "terraform_remote_state" "platform" {
                  backend = "local"
                  config = {
                    path = "../platform/terraform.tfstate"
                  }
                }
                """ + RULE.formatted("team", "data.terraform_remote_state.platform.outputs.https_listener_arn", 42,
                "team") + RULE.formatted("computed",
                "\"${data.terraform_remote_state.platform.outputs.https_listener_arn}-copy\"", 43, "computed")
                + RULE.formatted("host", "data.terraform_remote_state.platform.outputs.https_listener_arn", 44,
                "${data.terraform_remote_state.platform.outputs.zone}"));
        RoutingSnapshot s = read(dir);
        Listener l = s.loadBalancers().get(0).listeners().get(0);
        assertThat(l.id().value()).isEqualTo("data.terraform_remote_state.platform.outputs.https_listener_arn");
        assertThat(l.rules()).extracting(r -> r.id().value())
                .containsExactlyInAnyOrder("aws_lb_listener_rule.team", "aws_lb_listener_rule.host");
        // A value computed from the output is not the listener; an output used as a host is not read.
        assertThat(s.complete()).isFalse();
        assertThat(s.diagnostics()).filteredOn(d -> d.isError()).extracting(d -> d.source().line())
                .containsOnly(24, 49);
    }

    @Test
    void aLoadBalancersArnWhereAListenersGoesIsNeverLinked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                data "aws_lb" "edge" {
                  name = "edge"
                }
                """ + RULE.formatted("team", "data.aws_lb.edge.arn", 42, "team"));
        RoutingSnapshot s = read(dir);
        assertThat(s.complete()).isFalse();
        assertThat(s.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo("tf-unlinked-listener-rule"));
    }

    private static RoutingSnapshot read(Path dir) {
        return new TerraformSource().read(new DiskTree(dir), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other("test"));
    }

    @Test
    void aListenerGivenByAVariableWithoutAValueIsAnExternalListenerNamedByIt(@TempDir Path dir) throws Exception {
        String rule = """
                variable "listener_arn" {
                  type = string
                }
                variable "host" {
                  type = string
                }
                module "svc" {
                  source       = "./svc"
                  listener_arn = LISTENER
                  host         = HOST
                }
                """;
        Files.createDirectories(dir.resolve("svc"));
        Files.writeString(dir.resolve("svc/main.tf"), """
                variable "listener_arn" { type = string }
                variable "host" { type = string }
                resource "aws_lb_listener_rule" "api" {
                  listener_arn = var.listener_arn
                  priority     = 10
                  action {
                    type             = "forward"
                    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/1"
                  }
                  condition {
                    host_header {
                      values = [var.host]
                    }
                  }
                }
                """);
        // Through a module, the variable unchanged: the rule hangs on the listener the variable names, complete.
        Files.writeString(dir.resolve("main.tf"), rule.replace("LISTENER", "var.listener_arn")
                .replace("HOST", "\"api.shop.test\""));
        RoutingSnapshot s = read(dir);
        assertThat(s.complete()).as("%s", s.diagnostics()).isTrue();
        assertThat(s.loadBalancers()).singleElement().satisfies(lb -> {
            assertThat(lb.managedElsewhere()).isTrue();
            assertThat(lb.listeners().get(0).rules()).extracting(r -> r.id().value())
                    .containsExactly("module.svc.aws_lb_listener_rule.api");
        });
        assertThat(s.diagnostics()).anySatisfy(d -> assertThat(d.message())
                .contains("listener var.listener_arn (a variable without a value here)"));
        // The same variable as a host moves requests: incomplete.
        Files.writeString(dir.resolve("main.tf"), rule.replace("LISTENER", "var.listener_arn")
                .replace("HOST", "var.listener_arn"));
        assertThat(read(dir).complete()).isFalse();
        // A value computed from it is no listener's ARN: the rule is unlinked, incomplete.
        Files.writeString(dir.resolve("main.tf"), rule.replace("LISTENER", "\"${var.listener_arn}/x\"")
                .replace("HOST", "\"api.shop.test\""));
        RoutingSnapshot computed = read(dir);
        assertThat(computed.complete()).isFalse();
        assertThat(computed.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo("tf-unlinked-listener-rule"));
    }
}

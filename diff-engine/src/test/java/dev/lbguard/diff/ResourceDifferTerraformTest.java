package dev.lbguard.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.Move;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.terraform.TerraformSource;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource diff end to end: two Terraform trees read from disk by the real evaluator. */
class ResourceDifferTerraformTest {
    private static final ResourceDiffer DIFFER = new ResourceDiffer();

    private static final String LB = """
            resource "aws_lb" "edge" {
              name               = "edge"
              load_balancer_type = "application"
              subnets            = ["subnet-1", "subnet-2"]
            }

            resource "aws_lb_listener" "https" {
              load_balancer_arn = aws_lb.edge.arn
              port              = 443
              protocol          = "HTTPS"
              ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
              certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/a"

              default_action {
                type = "fixed-response"
                fixed_response {
                  content_type = "text/plain"
                  message_body = "not found"
                  status_code  = "404"
                }
              }
            }
            """;

    private static final String GROUPS = """
            resource "aws_lb_target_group" "api" {
              name        = "shop-api"
              port        = 8080
              protocol    = "HTTP"
              target_type = "ip"
              vpc_id      = "vpc-1"
              health_check {
                path = "/health"
              }
            }

            resource "aws_lb_target_group" "web" {
              name     = "shop-web"
              port     = 80
              protocol = "HTTP"
              vpc_id   = "vpc-1"
            }

            resource "aws_lb_target_group_attachment" "api_a" {
              target_group_arn = aws_lb_target_group.api.arn
              target_id        = "10.0.1.5"
              port             = 8080
            }
            """;

    private static final String RULES = """
            resource "aws_lb_listener_rule" "api" {
              listener_arn = aws_lb_listener.https.arn
              priority     = 10
              condition {
                host_header {
                  values = ["api.shop.test"]
                }
              }
              action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.api.arn
              }
            }

            resource "aws_lb_listener_rule" "web" {
              listener_arn = aws_lb_listener.https.arn
              priority     = 20
              condition {
                path_pattern {
                  values = ["/*"]
                }
              }
              action {
                type = "forward"
                forward {
                  target_group {
                    arn    = aws_lb_target_group.web.arn
                    weight = 80
                  }
                  target_group {
                    arn    = aws_lb_target_group.api.arn
                    weight = 20
                  }
                }
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void identicalTreesHaveNoChanges() throws IOException {
        RoutingSnapshot base = read("base", tree());
        assertThat(base.complete()).as(base.diagnostics().toString()).isTrue();
        assertThat(base.loadBalancers()).hasSize(1);
        assertThat(DIFFER.diff(base, read("head", tree())).changes()).isEmpty();
    }

    @Test
    void blocksReorderedAndMovedToAnotherFileAreNoChange() throws IOException {
        Map<String, String> head = new LinkedHashMap<>();
        head.put("rules.tf", RULES.substring(RULES.indexOf("resource \"aws_lb_listener_rule\" \"web\"")));
        head.put("main.tf", "\n\n" + GROUPS + "\n" + RULES.substring(0, RULES.indexOf("resource \"aws_lb_listener_rule\" \"web\""))
                + "\n" + LB);
        assertThat(DIFFER.diff(read("base", tree()), read("head", head)).changes()).isEmpty();
    }

    @Test
    void oneGroupForwardSpelledAsAForwardBlockIsNoChange() throws IOException {
        String spelled = RULES.replace("""
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.api.arn
                """, """
                    type = "forward"
                    forward {
                      target_group {
                        arn = aws_lb_target_group.api.arn
                      }
                      stickiness {
                        enabled  = false
                        duration = 60
                      }
                    }
                """);
        assertThat(spelled).isNotEqualTo(RULES);
        assertThat(DIFFER.diff(read("base", tree()), read("head", tree(LB, GROUPS, spelled))).changes()).isEmpty();
    }

    @Test
    void attributeChangesAcrossKinds() throws IOException {
        String rules = RULES.replace("priority     = 10", "priority     = 5")
                .replace("values = [\"api.shop.test\"]", "values = [\"API.shop.test\", \"m.shop.test\"]")
                .replace("weight = 80", "weight = 50").replace("weight = 20", "weight = 50");
        String groups = GROUPS.replace("path = \"/health\"", "path = \"/healthz\"") + """

                resource "aws_lb_target_group_attachment" "api_b" {
                  target_group_arn = aws_lb_target_group.api.arn
                  target_id        = "10.0.1.6"
                }
                """;
        ResourceDiff diff = DIFFER.diff(read("base", tree()), read("head", tree(LB, groups, rules)));
        assertThat(diff.changes()).extracting(ResourceChange::kind, ResourceChange::id, ResourceChange::change)
                .containsExactly(
                        tuple(ElementKind.RULE, ElementId.of("aws_lb_listener_rule.api"), ChangeType.MODIFIED),
                        tuple(ElementKind.RULE, ElementId.of("aws_lb_listener_rule.web"), ChangeType.MODIFIED),
                        tuple(ElementKind.TARGET_GROUP, ElementId.of("aws_lb_target_group.api"), ChangeType.MODIFIED),
                        tuple(ElementKind.TARGET, ElementId.of("aws_lb_target_group_attachment.api_b"), ChangeType.ADDED));
        assertThat(diff.changes().get(0).attributes()).containsExactly(
                TestAttributes.change("conditions[host-header].values", "[\"api.shop.test\"]",
                        "[\"api.shop.test\",\"m.shop.test\"]"),
                TestAttributes.change("priority", "10", "5"));
        assertThat(diff.changes().get(1).attributes()).containsExactly(
                TestAttributes.change("action.forward.targets[shop-api].weight", "20", "50"),
                TestAttributes.change("action.forward.targets[shop-web].weight", "80", "50"));
        assertThat(diff.changes().get(2).attributes()).containsExactly(
                TestAttributes.change("healthCheck.path", "\"/health\"", "\"/healthz\""));
        assertThat(diff.changes().get(0).source().path()).isEqualTo("rules.tf");
    }

    @Test
    void renameWithMovedBlockIsDeclared() throws IOException {
        String groups = GROUPS.replace("\"aws_lb_target_group\" \"api\"", "\"aws_lb_target_group\" \"shop_api\"")
                .replace("aws_lb_target_group.api.arn", "aws_lb_target_group.shop_api.arn") + """

                moved {
                  from = aws_lb_target_group.api
                  to   = aws_lb_target_group.shop_api
                }
                """;
        String rules = RULES.replace("aws_lb_target_group.api.arn", "aws_lb_target_group.shop_api.arn");
        RoutingSnapshot head = read("head", tree(LB, groups, rules));
        assertThat(head.moves()).extracting(Move::from, Move::to).containsExactly(
                tuple(ElementId.of("aws_lb_target_group.api"), ElementId.of("aws_lb_target_group.shop_api")));
        assertThat(DIFFER.diff(read("base", tree()), head).changes())
                .extracting(ResourceChange::kind, ResourceChange::id, ResourceChange::change,
                        ResourceChange::renamedFrom, ResourceChange::declaredMove, ResourceChange::attributes)
                .containsExactly(tuple(ElementKind.TARGET_GROUP, ElementId.of("aws_lb_target_group.shop_api"),
                        ChangeType.RENAMED, Optional.of(ElementId.of("aws_lb_target_group.api")), true, List.of()));
    }

    @Test
    void renameWithoutMovedButEqualContentIsUndeclared() throws IOException {
        String rules = RULES.replace("\"aws_lb_listener_rule\" \"api\"", "\"aws_lb_listener_rule\" \"api_v2\"");
        assertThat(DIFFER.diff(read("base", tree()), read("head", tree(LB, GROUPS, rules))).changes())
                .extracting(ResourceChange::id, ResourceChange::change, ResourceChange::declaredMove)
                .containsExactly(tuple(ElementId.of("aws_lb_listener_rule.api_v2"), ChangeType.RENAMED, false));
    }

    @Test
    void renamePlusContentChangeWithMovedBlock() throws IOException {
        String rules = RULES.replace("\"aws_lb_listener_rule\" \"api\"", "\"aws_lb_listener_rule\" \"api_v2\"")
                .replace("priority     = 10", "priority     = 15") + """

                moved {
                  from = aws_lb_listener_rule.api
                  to   = aws_lb_listener_rule.api_v2
                }
                """;
        assertThat(DIFFER.diff(read("base", tree()), read("head", tree(LB, GROUPS, rules))).changes())
                .extracting(ResourceChange::id, ResourceChange::change, ResourceChange::declaredMove,
                        ResourceChange::attributes)
                .containsExactly(tuple(ElementId.of("aws_lb_listener_rule.api_v2"), ChangeType.RENAMED, true,
                        List.of(TestAttributes.change("priority", "10", "15"))));
    }

    @Test
    void aWholeResourceMoveCoversItsInstances() throws IOException {
        String counted = GROUPS.replace("resource \"aws_lb_target_group\" \"web\" {",
                "resource \"aws_lb_target_group\" \"web\" {\n  for_each = toset([\"blue\"])");
        String base = RULES.replace("aws_lb_target_group.web.arn", "aws_lb_target_group.web[\"blue\"].arn");
        String renamed = counted.replace("\"aws_lb_target_group\" \"web\"", "\"aws_lb_target_group\" \"site\"") + """

                moved {
                  from = aws_lb_target_group.web
                  to   = aws_lb_target_group.site
                }
                """;
        String head = RULES.replace("aws_lb_target_group.web.arn", "aws_lb_target_group.site[\"blue\"].arn");
        assertThat(DIFFER.diff(read("base", tree(LB, counted, base)), read("head", tree(LB, renamed, head))).changes())
                .extracting(ResourceChange::id, ResourceChange::change, ResourceChange::renamedFrom, ResourceChange::declaredMove)
                .containsExactly(tuple(ElementId.of("aws_lb_target_group.site[\"blue\"]"), ChangeType.RENAMED,
                        Optional.of(ElementId.of("aws_lb_target_group.web[\"blue\"]")), true));
    }

    @Test
    void aFileThatNoLongerParsesIsUnknownNotRemoved() throws IOException {
        RoutingSnapshot base = read("base", tree());
        RoutingSnapshot head = read("head", tree(LB, GROUPS, RULES.replace("priority     = 10", "priority = = 10")));
        assertThat(head.complete()).isFalse();
        // The rules of rules.tf are unknown at head: not removed, and no request is said to go anywhere for sure:
        // where they may take requests, those may move (unknown at head); the read error says why.
        assertThat(DIFFER.diff(base, head).changes()).isEmpty();
        assertThat(new RouteDiffer().diff(base, head).changes()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.after().kind()).isEqualTo(Destination.Kind.UNKNOWN));
        // Everything else is still compared.
        RoutingSnapshot widened = read("widened", tree(LB.replace("404", "503"),
                GROUPS, RULES.replace("priority     = 10", "priority = = 10")));
        assertThat(DIFFER.diff(base, widened).changes()).extracting(c -> c.id().value())
                .containsExactly("aws_lb_listener.https");
    }

    @Test
    void aRuleWhoseInstancesAreUnknownAtOneRevisionLeavesTheOthersFactsStanding() throws IOException {
        String alt = """

                variable "alt" {}
                resource "aws_lb_listener_rule" "alt" {
                  count        = var.alt != "" ? 1 : 0
                  listener_arn = aws_lb_listener.https.arn
                  priority     = 5
                  condition {
                    host_header {
                      values = [var.alt]
                    }
                  }
                  action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.api.arn
                  }
                }
                """;
        RoutingSnapshot base = read("base", tree(LB, GROUPS, RULES + alt));
        RoutingSnapshot head = read("head", tree(LB, GROUPS, RULES + alt.replace("var.alt != \"\" ? 1 : 0", "1")
                .replace("[var.alt]", "[\"alt.shop.test\"]")));
        assertThat(base.complete()).isFalse();
        // The head's rule is a fact there; at the base it may or may not exist, anywhere: no request is said to
        // have gone anywhere for sure before, and alt.shop.test goes to api after.
        RouteDiff d = new RouteDiffer().diff(base, head);
        assertThat(d.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.before().kind())
                .isEqualTo(Destination.Kind.UNKNOWN));
        assertThat(d.changes()).filteredOn(c -> c.match().contains(dev.lbguard.route.Request.of("alt.shop.test", "/")))
                .singleElement().satisfies(c -> assertThat(c.after().rule()).isEqualTo(
                        java.util.Optional.of(ElementId.of("aws_lb_listener_rule.alt[0]"))));
    }

    @Test
    void aModuleCallThatCannotBeReadIsUnknownNotRemoved() throws IOException {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("main.tf", "module \"edge\" {\n  source = \"./edge\"\n}\n");
        base.put("edge/lb.tf", LB);
        base.put("edge/groups.tf", GROUPS);
        base.put("edge/rules.tf", RULES);
        Map<String, String> head = new LinkedHashMap<>();
        head.put("main.tf", "module \"edge\" {\n  source  = \"acme/edge/aws\"\n  version = \"1.0.0\"\n}\n");
        RoutingSnapshot before = read("module-base", base);
        assertThat(before.loadBalancers()).isNotEmpty();
        RoutingSnapshot after = read("module-head", head);
        assertThat(after.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo("tf-remote-module"));
        assertThat(DIFFER.diff(before, after).changes()).isEmpty();
        assertThat(new RouteDiffer().diff(before, after).changes()).isEmpty();
    }

    private static Map<String, String> tree() {
        return tree(LB, GROUPS, RULES);
    }

    private static Map<String, String> tree(String lb, String groups, String rules) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("lb.tf", lb);
        files.put("groups.tf", groups);
        files.put("rules.tf", rules);
        return files;
    }

    private RoutingSnapshot read(String name, Map<String, String> files) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.createDirectories(root.resolve(f.getKey()).getParent());
            Files.writeString(root.resolve(f.getKey()), f.getValue());
        }
        return new TerraformSource().read(new DiskTree(root), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other(name));
    }
}

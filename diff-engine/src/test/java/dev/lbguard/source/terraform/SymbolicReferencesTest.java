package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.resources.TfValues;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value Terraform knows only after apply keeps its reference and attribute wherever Terraform would hand that
 * very value on: through {@code try}, {@code coalesce}, {@code lookup}, {@code one}, conditionals, splats and
 * {@code for} expressions. What is computed from it, or may be something else, keeps only the resource.
 */
class SymbolicReferencesTest {
    private static final String LISTENERS = """
            resource "aws_lb" "edge" {
              name = "edge"
            }
            resource "aws_lb_listener" "this" {
              for_each          = { http = 80, https = 443 }
              load_balancer_arn = aws_lb.edge.arn
              port              = each.value
              protocol          = "HTTP"
              default_action {
                type = "fixed-response"
                fixed_response {
                  content_type = "text/plain"
                  status_code  = "404"
                }
              }
            }
            resource "aws_lb_target_group" "tg" {
              count    = 2
              name     = "tg-${count.index}"
              port     = 80
              protocol = "HTTP"
              vpc_id   = "vpc-1"
            }
            """;
    private static final String EXTERNAL =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/platform/8e4497da625e2d8a/9ab28ade35828f96";

    @TempDir
    Path dir;

    private TerraformEvaluation eval(String hcl) {
        return new TfFixture(dir).file("main.tf", LISTENERS + hcl).evaluate();
    }

    private static Value https() {
        return ref("aws_lb_listener.this[\"https\"]", "arn");
    }

    private static Value computedFrom(String address, String attribute) {
        return ValueOps.derived(Value.Unknown.reference(address, attribute));
    }

    @Test
    void tryInTheCommunityModulesShapeLinksEveryRuleToItsListener() {
        TerraformEvaluation e = eval("""
                locals {
                  listeners = {
                    https = {
                      rules = {
                        api = { priority = 10, host = "api.example.com" }
                        ext = { priority = 20, host = "ext.example.com", listener_arn = "%s" }
                      }
                    }
                  }
                  rules = flatten([
                    for lk, l in local.listeners : [
                      for rk, r in l.rules : merge(r, { listener_key = lk, rule_key = rk })
                    ]
                  ])
                }
                resource "aws_lb_listener_rule" "this" {
                  for_each     = { for r in local.rules : "${r.listener_key}/${r.rule_key}" => r }
                  listener_arn = try(each.value.listener_arn, aws_lb_listener.this[each.value.listener_key].arn)
                  priority     = each.value.priority
                  action {
                    type             = "forward"
                    target_group_arn = try(each.value.target_group_arn, aws_lb_target_group.tg[0].arn, null)
                  }
                  condition {
                    host_header {
                      values = [each.value.host]
                    }
                  }
                }
                """.formatted(EXTERNAL));
        assertClean(e);
        // each.value has no listener_arn: that is an error, so try() goes on to the listener's ARN.
        assertThat(attr(e, "aws_lb_listener_rule.this[\"https/api\"]", "listener_arn")).isEqualTo(https());
        assertThat(attr(e, "aws_lb_listener_rule.this[\"https/ext\"]", "listener_arn")).isEqualTo(str(EXTERNAL));
        Value.Obj action = TfValues.blocks(attr(e, "aws_lb_listener_rule.this[\"https/api\"]", "action")).get(0);
        assertThat(action.get("target_group_arn")).isEqualTo(ref("aws_lb_target_group.tg[0]", "arn"));

        RoutingSnapshot snapshot = new TerraformSource().read(new DiskTree(dir), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other("test"));
        assertThat(snapshot.diagnostics()).extracting(Diagnostic::code).doesNotContain(
                "tf-unlinked-listener-rule", "tf-unlinked-target-group");
        Listener https = snapshot.loadBalancers().stream().flatMap(lb -> lb.listeners().stream())
                .filter(l -> l.id().value().equals("aws_lb_listener.this[\"https\"]")).findFirst().orElseThrow();
        assertThat(https.rules()).extracting(r -> r.id().value()).containsExactly("aws_lb_listener_rule.this[\"https/api\"]");
        Rule api = https.rules().get(0);
        assertThat(api.action().toString()).contains("aws_lb_target_group.tg[0]");
    }

    @Test
    void tryReturnsTheFirstArgumentThatEvaluatesAndKeepsOnlyStableReferences() {
        TerraformEvaluation e = eval("""
                locals {
                  cfg = { port = 80, arn = aws_lb.edge.arn }
                }
                resource "aws_lb_listener_rule" "r" {
                  first    = try(aws_lb_listener.this["https"].arn, "fallback")
                  missing  = try(local.cfg.nope, aws_lb_listener.this["http"].arn)
                  through  = try(local.cfg.arn, "fallback")
                  nested   = try([aws_lb_target_group.tg[0].arn, aws_lb_target_group.tg[1].arn], [])
                  object   = try(aws_lb_listener.this["https"], null).arn
                  port     = try(aws_lb_listener.this["https"], null).port
                  lowered  = try(lower(aws_lb.edge.arn), "fallback")
                  deeper   = try(aws_lb.edge.access_logs[0].bucket, "none")
                  counted  = try(length(aws_lb_target_group.tg), 0)
                  known    = try(local.cfg.port, 8080)
                  splatted = try(aws_lb_target_group.tg[*].arn, [])
                }
                """);
        assertClean(e);
        String r = "aws_lb_listener_rule.r";
        assertThat(attr(e, r, "first")).isEqualTo(https());
        assertThat(attr(e, r, "missing")).isEqualTo(ref("aws_lb_listener.this[\"http\"]", "arn"));
        assertThat(attr(e, r, "through")).isEqualTo(ref("aws_lb.edge", "arn"));
        assertThat(attr(e, r, "nested")).isEqualTo(tuple(ref("aws_lb_target_group.tg[0]", "arn"),
                ref("aws_lb_target_group.tg[1]", "arn")));
        // A resource object keeps its identity: its unset attributes stay its references, its set ones their values.
        assertThat(attr(e, r, "object")).isEqualTo(https());
        assertThat(attr(e, r, "port")).isEqualTo(num(443));
        // Computed from a reference, or a path into a block that may be absent: it may fail after apply, when try()
        // would take the fallback, so only the resource is kept, as Terraform keeps only "unknown".
        assertThat(attr(e, r, "lowered")).isEqualTo(computedFrom("aws_lb.edge", "arn"));
        assertThat(attr(e, r, "deeper")).isEqualTo(computedFrom("aws_lb.edge", "access_logs[0].bucket"));
        // Terraform plans a try() that depends on an unknown as unknown, even when lbguard could count.
        assertThat(attr(e, r, "counted")).isInstanceOfSatisfying(Value.Unknown.class,
                u -> assertThat(u.isReference()).isTrue());
        assertThat(attr(e, r, "known")).isEqualTo(num(80));
        assertThat(attr(e, r, "splatted")).isEqualTo(tuple(ref("aws_lb_target_group.tg[0]", "arn"),
                ref("aws_lb_target_group.tg[1]", "arn")));
    }

    @Test
    void coalesceKeepsTheReferenceOnlyWhenItIsNecessarilyTheAnswer() {
        TerraformEvaluation e = eval("""
                variable "arn" {
                  default = null
                }
                resource "aws_lb_listener_rule" "r" {
                  after_nulls = coalesce(null, "", var.arn, aws_lb_listener.this["https"].arn)
                  identity    = coalesce(aws_lb_listener.this["https"].arn, "arn:fallback")
                  only        = coalesce(aws_lb.edge.dns_name)
                  either      = coalesce(aws_lb.edge.dns_name, "edge.example.com")
                  known       = coalesce("", "x", aws_lb.edge.arn)
                  lists       = coalescelist([], [aws_lb.edge.arn])
                }
                """);
        assertClean(e);
        String r = "aws_lb_listener_rule.r";
        assertThat(attr(e, r, "after_nulls")).isEqualTo(https());
        // An ARN is never null or empty once its resource exists: nothing after it can be chosen.
        assertThat(attr(e, r, "identity")).isEqualTo(https());
        assertThat(attr(e, r, "only")).isEqualTo(ref("aws_lb.edge", "dns_name"));
        // dns_name might be empty as far as lbguard knows, and then the literal is chosen.
        assertThat(attr(e, r, "either")).isInstanceOfSatisfying(Value.Unknown.class, u -> {
            assertThat(u.ref()).isEqualTo("aws_lb.edge");
            assertThat(u.attribute()).isEmpty();
            assertThat(u.reason()).contains("aws_lb.edge.dns_name or", "coalesce");
        });
        assertThat(attr(e, r, "known")).isEqualTo(str("x"));
        assertThat(attr(e, r, "lists")).isEqualTo(tuple(ref("aws_lb.edge", "arn")));
    }

    @Test
    void lookupAndOneReturnTheReferenceTheyPick() {
        TerraformEvaluation e = eval("""
                locals {
                  by_name = { for k, l in aws_lb_listener.this : k => l.arn }
                }
                resource "aws_lb_listener_rule" "r" {
                  found     = lookup(local.by_name, "https", null)
                  defaulted = lookup(local.by_name, "admin", aws_lb_listener.this["http"].arn)
                  object    = lookup(aws_lb_listener.this, "https").arn
                  unsure    = lookup(local.by_name, aws_lb.edge.dns_name, null)
                  one       = one([aws_lb_listener.this["https"].arn])
                  splat     = one(aws_lb.edge[*].arn)
                  none      = one([])
                  picked    = element(aws_lb_target_group.tg[*].arn, 1)
                  guessed   = element(aws_lb_target_group.tg[*].arn, length(aws_lb.edge.arn))
                  joined    = join(",", [aws_lb.edge.arn])
                }
                """);
        assertClean(e);
        String r = "aws_lb_listener_rule.r";
        assertThat(attr(e, r, "found")).isEqualTo(https());
        assertThat(attr(e, r, "defaulted")).isEqualTo(ref("aws_lb_listener.this[\"http\"]", "arn"));
        assertThat(attr(e, r, "object")).isEqualTo(https());
        assertThat(attr(e, r, "one")).isEqualTo(https());
        assertThat(attr(e, r, "splat")).isEqualTo(ref("aws_lb.edge", "arn"));
        assertThat(attr(e, r, "none")).isEqualTo(Value.Values.NULL);
        assertThat(attr(e, r, "picked")).isEqualTo(ref("aws_lb_target_group.tg[1]", "arn"));
        // A key or index known only after apply picks no particular element.
        assertThat(((Value.Unknown) attr(e, r, "unsure")).attribute()).isEmpty();
        assertThat(((Value.Unknown) attr(e, r, "guessed")).attribute()).isEmpty();
        // join() merely depends on the ARN inside its list: the result is not that ARN.
        assertThat(attr(e, r, "joined")).isEqualTo(computedFrom("aws_lb.edge", "arn"));
    }

    /** Found in a public module that trims every ARN it is given: trimming an identifier leaves it as it is. */
    @Test
    void trimmingAnArnOrIdKeepsTheReferenceButNotAnyOtherAttribute() {
        TerraformEvaluation e = eval("""
                resource "aws_lb_listener_rule" "r" {
                  trimmed  = trimspace(aws_lb_listener.this["https"].arn)
                  chomped  = chomp(aws_lb.edge.id)
                  dns      = trimspace(aws_lb.edge.dns_name)
                  trimmedx = trim(aws_lb.edge.arn, "a")
                }
                """);
        assertClean(e);
        String r = "aws_lb_listener_rule.r";
        assertThat(attr(e, r, "trimmed")).isEqualTo(https());
        assertThat(attr(e, r, "chomped")).isEqualTo(ref("aws_lb.edge", "id"));
        assertThat(attr(e, r, "dns")).isEqualTo(computedFrom("aws_lb.edge", "dns_name"));
        assertThat(attr(e, r, "trimmedx")).isEqualTo(computedFrom("aws_lb.edge", "arn"));
    }

    @Test
    void conditionalsKeepTheReferenceOfTheBranchTheyTake() {
        TerraformEvaluation e = eval("""
                variable "external" {
                  default = ""
                }
                resource "aws_lb_listener_rule" "r" {
                  taken     = var.external != "" ? var.external : aws_lb_listener.this["https"].arn
                  literal   = var.external == "" ? "arn:x" : aws_lb_listener.this["https"].arn
                  object    = (var.external == "" ? aws_lb_listener.this["https"] : aws_lb_listener.this["http"]).arn
                  both_same = aws_lb.edge.dns_name == "x" ? aws_lb.edge.arn : aws_lb.edge.arn
                  both_null = aws_lb.edge.dns_name == "x" ? null : null
                  different = aws_lb.edge.dns_name == "x" ? aws_lb_listener.this["http"].arn : aws_lb_listener.this["https"].arn
                }
                """);
        assertClean(e);
        String r = "aws_lb_listener_rule.r";
        assertThat(attr(e, r, "taken")).isEqualTo(https());
        assertThat(attr(e, r, "literal")).isEqualTo(str("arn:x"));
        assertThat(attr(e, r, "object")).isEqualTo(https());
        // With the condition unknown, the same reference either way is still that reference, two nulls are null,
        // and two different references are neither: only the condition's resource is kept.
        assertThat(attr(e, r, "both_same")).isEqualTo(ref("aws_lb.edge", "arn"));
        assertThat(attr(e, r, "both_null")).isEqualTo(Value.Values.NULL);
        assertThat(attr(e, r, "different")).isEqualTo(computedFrom("aws_lb.edge", "dns_name"));
    }

    @Test
    void splatsAndForExpressionsCarryReferencesElementByElement() {
        TerraformEvaluation e = eval("""
                locals {
                  arns    = aws_lb_target_group.tg[*].arn
                  by_key  = { for k, l in aws_lb_listener.this : k => l.arn }
                  objects = [for l in aws_lb_listener.this : l if l.port == 443]
                  ports   = [for tg in aws_lb_target_group.tg : tg.port]
                }
                resource "aws_lb_listener_rule" "r" {
                  listener_arn = local.objects[0].arn
                  second       = local.arns[1]
                  by_key       = local.by_key["http"]
                  ports        = local.ports
                  values       = values(aws_lb_listener.this)[*].arn
                }
                """);
        assertClean(e);
        String r = "aws_lb_listener_rule.r";
        assertThat(attr(e, r, "listener_arn")).isEqualTo(https());
        assertThat(attr(e, r, "second")).isEqualTo(ref("aws_lb_target_group.tg[1]", "arn"));
        assertThat(attr(e, r, "by_key")).isEqualTo(ref("aws_lb_listener.this[\"http\"]", "arn"));
        assertThat(attr(e, r, "ports")).isEqualTo(tuple(num(80), num(80)));
        assertThat(attr(e, r, "values")).isEqualTo(tuple(ref("aws_lb_listener.this[\"http\"]", "arn"), https()));
    }

    @Test
    void aValueComputedFromAnArnIsReportedAsSuchWhereItLinksNothing() {
        new TfFixture(dir).file("main.tf", LISTENERS + """
                resource "aws_lb_listener_rule" "r" {
                  listener_arn = lower(aws_lb_listener.this["https"].arn)
                  priority     = 10
                  action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.tg[0].arn
                  }
                  condition {
                    path_pattern {
                      values = ["/x"]
                    }
                  }
                }
                """);
        RoutingSnapshot snapshot = new TerraformSource().read(new DiskTree(dir), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other("test"));
        assertThat(snapshot.diagnostics()).extracting(Diagnostic::render).containsExactly(
                "main.tf:25:3: error: aws_lb_listener_rule.r: listener_arn names a value computed from "
                        + "aws_lb_listener.this[\"https\"].arn, which is not the ARN of an aws_lb_listener here "
                        + "[tf-unlinked-listener-rule]");
    }

    @Test
    void anIndexKnownOnlyAfterApplyIsNotItsKey() {
        TerraformEvaluation e = eval("""
                locals {
                  names = { a = "x" }
                }
                resource "aws_lb_listener_rule" "r" {
                  by_unknown_key = local.names[aws_lb.edge.id]
                }
                """);
        assertClean(e);
        assertThat(attr(e, "aws_lb_listener_rule.r", "by_unknown_key")).isEqualTo(computedFrom("aws_lb.edge", "id"));
    }
}

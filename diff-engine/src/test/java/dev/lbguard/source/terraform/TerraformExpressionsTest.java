package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformExpressionsTest {
    @TempDir
    Path dir;

    private TerraformEvaluation eval(String hcl) {
        return new TfFixture(dir).file("main.tf", hcl).evaluate();
    }

    @Test
    void localsResolveInAnyOrder() {
        TerraformEvaluation e = eval("""
                resource "aws_lb" "x" {
                  name = local.full
                }
                locals {
                  full = "${local.prefix}-${local.env}"
                }
                locals {
                  prefix = upper(local.env)
                  env    = terraform.workspace
                  where  = path.module
                }
                """);
        assertClean(e);
        assertThat(attr(e, "aws_lb.x", "name")).isEqualTo(str("DEFAULT-default"));
    }

    @Test
    void localCycleIsOneDiagnostic() {
        TerraformEvaluation e = eval("""
                locals {
                  a = local.b
                  b = "${local.a}x"
                }
                resource "aws_lb" "x" {
                  name = local.a
                }
                """);
        single(e, "main.tf:2:", "reference cycle: local.a -> local.b -> local.a");
        assertThat(attr(e, "aws_lb.x", "name")).isInstanceOf(Value.Unknown.class);
    }

    @Test
    void templatesHeredocsAndTemplateDirectives() {
        TerraformEvaluation e = eval("""
                locals {
                  hosts = ["a", "b"]
                }
                resource "aws_lb" "x" {
                  typed  = "${8080}"
                  joined = "%{for h in local.hosts}${h}.example.com,%{endfor}"
                  cond   = "%{if length(local.hosts) > 1}many%{else}one%{endif}"
                  doc    = <<-EOT
                    hosts: ${join(",", local.hosts)}
                    EOT
                }
                """);
        assertClean(e);
        assertThat(attr(e, "aws_lb.x", "typed")).isEqualTo(num(8080));
        assertThat(attr(e, "aws_lb.x", "joined")).isEqualTo(str("a.example.com,b.example.com,"));
        assertThat(attr(e, "aws_lb.x", "cond")).isEqualTo(str("many"));
        assertThat(attr(e, "aws_lb.x", "doc")).isEqualTo(str("hosts: a,b\n"));
    }

    @Test
    void conditionalsWithUnknownConditionsStayUnknown() {
        TerraformEvaluation e = eval("""
                resource "aws_vpc" "v" {
                }
                resource "aws_lb" "x" {
                  known   = 1 > 0 ? "yes" : "no"
                  unified = 1 > 0 ? 443 : "80"
                  lazy    = 1 > 0 ? "ok" : tolist("not a list")
                  unknown = aws_vpc.v.id != "" ? "yes" : "no"
                  partial = "${aws_vpc.v.id}/suffix"
                }
                """);
        assertClean(e);
        assertThat(attr(e, "aws_lb.x", "known")).isEqualTo(str("yes"));
        assertThat(attr(e, "aws_lb.x", "unified")).isEqualTo(str("443"));
        assertThat(attr(e, "aws_lb.x", "lazy")).isEqualTo(str("ok"));
        Value unknown = attr(e, "aws_lb.x", "unknown");
        assertThat(unknown).isInstanceOf(Value.Unknown.class);
        assertThat(((Value.Unknown) unknown).ref()).isEqualTo("aws_vpc.v");
        assertThat(attr(e, "aws_lb.x", "partial")).isInstanceOf(Value.Unknown.class);
        assertThat(ValueJson.unevaluated(attr(e, "aws_lb.x", "partial"))).isEmpty();
    }

    @Test
    void forExpressionsFilterAndGroup() {
        TerraformEvaluation e = eval("""
                locals {
                  svcs = { api = 10, web = 20, admin = 30 }
                  envs = [{ n = "a", t = "x" }, { n = "b", t = "y" }, { n = "c", t = "x" }]
                }
                resource "aws_lb" "x" {
                  list    = [for k, v in local.svcs : "${k}:${v}" if v > 10]
                  object  = { for k, v in local.svcs : v => k }
                  grouped = { for e in local.envs : e.t => e.n... }
                  splat   = local.envs[*].n
                  nulls   = null[*]
                  single  = local.svcs[*]
                }
                """);
        assertClean(e);
        assertThat(attr(e, "aws_lb.x", "list")).isEqualTo(tuple(str("admin:30"), str("web:20")));
        assertThat(attr(e, "aws_lb.x", "object")).isEqualTo(obj("10", str("api"), "20", str("web"), "30", str("admin")));
        assertThat(attr(e, "aws_lb.x", "grouped")).isEqualTo(obj("x", tuple(str("a"), str("c")), "y", tuple(str("b"))));
        assertThat(attr(e, "aws_lb.x", "splat")).isEqualTo(tuple(str("a"), str("b"), str("c")));
        assertThat(attr(e, "aws_lb.x", "nulls")).isEqualTo(tuple());
        assertThat(attr(e, "aws_lb.x", "single")).isEqualTo(tuple(obj("admin", num(30), "api", num(10), "web", num(20))));
    }

    @Test
    void duplicateForKeyIsAnError() {
        TerraformEvaluation e = eval("""
                resource "aws_lb" "x" {
                  object = { for v in ["a", "a"] : v => v }
                }
                """);
        single(e, "main.tf:2:", "duplicate key \"a\"");
    }

    @Test
    void tryAndCan() {
        TerraformEvaluation e = eval("""
                locals {
                  cfg = { port = 80 }
                }
                resource "aws_vpc" "v" {
                }
                resource "aws_lb" "x" {
                  present = try(local.cfg.port, 8080)
                  absent  = try(local.cfg.missing, 8080)
                  can_yes = can(local.cfg.port)
                  can_no  = can(local.cfg.missing)
                  spread  = max([3, 9, 4]...)
                  later   = try(aws_vpc.v.id, "fallback")
                }
                """);
        assertClean(e);
        assertThat(attr(e, "aws_lb.x", "present")).isEqualTo(num(80));
        assertThat(attr(e, "aws_lb.x", "absent")).isEqualTo(num(8080));
        assertThat(attr(e, "aws_lb.x", "can_yes")).isEqualTo(Value.Values.TRUE);
        assertThat(attr(e, "aws_lb.x", "can_no")).isEqualTo(Value.Values.FALSE);
        assertThat(attr(e, "aws_lb.x", "spread")).isEqualTo(num(9));
        assertThat(attr(e, "aws_lb.x", "later")).isInstanceOf(Value.Unknown.class);
    }

    @Test
    void unknownFunctionIsOneDiagnosticEvenInsideTry() {
        TerraformEvaluation e = eval("""
                resource "aws_lb" "x" {
                  name = "a"

                  other = try(frobnicate("x"), "y")
                }
                """);
        single(e, "main.tf:4:", "unknown function frobnicate", "[tf-unknown-function]");
        assertThat(attr(e, "aws_lb.x", "name")).isEqualTo(str("a"));
        assertThat(attr(e, "aws_lb.x", "other")).isInstanceOf(Value.Unknown.class);
    }

    @Test
    void evaluationErrorIsReportedAtTheFailingExpressionOnly() {
        TerraformEvaluation e = eval("""
                locals {
                  m = { a = 1 }
                }
                resource "aws_lb" "x" {
                  tags = {
                    ok  = "fine"
                    bad = local.m["b"]
                  }
                }
                """);
        // Tags route nothing: the error is listed, not read, and the evaluation stays complete.
        single(e, "main.tf:7:", "not read");
        assertThat(e.complete()).isTrue();
        Value tags = attr(e, "aws_lb.x", "tags");
        assertThat(((Value.Obj) tags).get("ok")).isEqualTo(str("fine"));
        assertThat(ValueJson.unevaluated(tags)).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("bad"));
    }

    @Test
    void logicalOperatorsShortCircuitLikeTerraform111() {
        TerraformEvaluation e = eval("""
                variable "cfg" {
                  default = null
                }
                resource "aws_lb" "x" {
                  guarded = var.cfg != null && var.cfg.enabled
                  either  = var.cfg == null || var.cfg.enabled
                }
                """);
        assertClean(e);
        assertThat(attr(e, "aws_lb.x", "guarded")).isEqualTo(Value.Values.FALSE);
        assertThat(attr(e, "aws_lb.x", "either")).isEqualTo(Value.Values.TRUE);
    }

    @Test
    void everyExpressionKind() {
        TerraformEvaluation e = eval("""
                locals {
                  k     = "dyn"
                  list  = [{ b = [{ c = 1 }, { c = 2 }] }, { b = [{ c = 3 }] }]
                  hosts = ["a", "b"]
                }
                resource "aws_lb" "x" {
                  keys    = { (local.k) = 1, "quoted" = 2, bare = 3, "${local.k}2" = 4 }
                  legacy  = local.hosts.1
                  neg     = -5 + 2 * 3
                  not     = !(1 > 2)
                  nested  = local.list[*].b[*].c
                  strip   = "%{for h in local.hosts~} ${h} %{~endfor}"
                  heredoc = <<EOT
                  indented ${local.k}
                EOT
                  mod     = 7 % 3
                  nullish = null
                }
                """);
        assertClean(e);
        assertThat(attr(e, "aws_lb.x", "keys")).isEqualTo(obj("dyn", num(1), "quoted", num(2), "bare", num(3),
                "dyn2", num(4)));
        assertThat(attr(e, "aws_lb.x", "legacy")).isEqualTo(str("b"));
        assertThat(attr(e, "aws_lb.x", "neg")).isEqualTo(num(1));
        assertThat(attr(e, "aws_lb.x", "not")).isEqualTo(Value.Values.TRUE);
        assertThat(attr(e, "aws_lb.x", "nested")).isEqualTo(tuple(tuple(num(1), num(2)), tuple(num(3))));
        assertThat(attr(e, "aws_lb.x", "strip")).isEqualTo(str("ab"));
        assertThat(attr(e, "aws_lb.x", "heredoc")).isEqualTo(str("  indented dyn\n"));
        assertThat(attr(e, "aws_lb.x", "mod")).isEqualTo(num(1));
        assertThat(attr(e, "aws_lb.x", "nullish")).isEqualTo(Value.Values.NULL);
    }

    @Test
    void realisticSyntax() {
        TerraformEvaluation e = eval("""
                # comment
                // another
                /* block
                   comment */
                variable "svcs" {
                  default = {
                    api = { enabled = true, prio = 10 },
                    old = { enabled = false, prio = 20 }
                  }
                }
                resource "aws_lb_listener_rule" "r" {
                  for_each = {
                    for k, v in var.svcs : k => v
                    if v.enabled
                  }
                  priority = (
                    each.value.prio
                    + 1
                  )
                  values = [
                    "a",
                    -1,
                  ]
                  nested  = each.key == "api" ? each.value.prio > 5 ? "hi" : "lo" : "none"
                  escapes = "q\\"\\u00e9$${lit}%%{x}\\\\"
                }
                """);
        assertClean(e);
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactly("aws_lb_listener_rule.r[\"api\"]");
        assertThat(attr(e, "aws_lb_listener_rule.r[\"api\"]", "priority")).isEqualTo(num(11));
        assertThat(attr(e, "aws_lb_listener_rule.r[\"api\"]", "values")).isEqualTo(tuple(str("a"), num(-1)));
        assertThat(attr(e, "aws_lb_listener_rule.r[\"api\"]", "nested")).isEqualTo(str("hi"));
        assertThat(attr(e, "aws_lb_listener_rule.r[\"api\"]", "escapes")).isEqualTo(str("q\"\u00e9${lit}%{x}\\"));
    }
}

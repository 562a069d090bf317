package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.TempDirs;
import dev.lbguard.source.resources.TerraformEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * An error that lbguard cannot evaluate makes the analysis incomplete exactly when it can reach routing: one
 * injected where it flows into a rule, a listener, a target group or their count is always incomplete; one
 * injected into something routing never reads never is, and is still listed.
 */
class ErrorReachProperties {

    /** Errors that depend on values or on what lbguard knows, not on Terraform rejecting the configuration. */
    enum Fault {
        UNKNOWN_FUNCTION("nosuchfunction(\"a\")", true),
        MISSING_VARIABLE("var.missing", true),
        DATA_SOURCE("data.aws_caller_identity.me.account_id", false),
        INVALID_INDEX("local.table[\"nope\"]", true);

        final String expression;
        /** False where the fault is no error by itself, only where routing reads it (a data source). */
        final boolean listedEverywhere;

        Fault(String expression, boolean listedEverywhere) {
            this.expression = expression;
            this.listedEverywhere = listedEverywhere;
        }
    }

    /** Where the faulty value goes: into what routing reads, or not. */
    enum Site {
        RULE_HOST(true), RULE_PRIORITY(true), RULE_FOR_EACH_KEY(true), LISTENER_PORT(true), TARGET_GROUP_NAME(true),
        MODULE_OUTPUT_TO_RULE(true), MODULE_INPUT_TO_RULE(true), LB_COUNT(true), LISTENER_LOOKUP(true),
        DNS_RECORD_NAME(false), DNS_RECORD_COUNT(false), IAM_POLICY(false), LB_SUBNETS(false), TARGET_GROUP_TAGS(false),
        ROOT_OUTPUT(false), UNUSED_LOCAL(false), MODULE_WITHOUT_LOAD_BALANCER(false);

        final boolean reachesRouting;

        Site(boolean reachesRouting) {
            this.reachesRouting = reachesRouting;
        }
    }

    @Property(tries = 200)
    void anErrorMakesTheAnalysisIncompleteExactlyWhereItReachesRouting(@ForAll Fault fault, @ForAll Site site,
                                                                          @ForAll @IntRange(max = 3) int chain)
            throws Exception {
        TerraformEvaluation e = evaluated(configuration(fault, site, chain));
        List<String> rendered = TfFixture.rendered(e);
        assertThat(rendered).noneMatch(d -> d.contains("tf-internal") || d.contains("tf-reference"));
        if (site.reachesRouting) {
            assertThat(e.complete()).as("%s into %s: %s", fault, site, rendered).isFalse();
        } else {
            assertThat(e.complete()).as("%s into %s: %s", fault, site, rendered).isTrue();
            if (fault.listedEverywhere) {
                assertThat(e.diagnostics()).as("%s into %s: %s", fault, site, rendered)
                        .anyMatch(d -> !d.affectsRouting());
            }
        }
        assertThat(e.diagnostics()).filteredOn(Diagnostic::isError).allMatch(Diagnostic::affectsRouting);
    }

    @Property(tries = 50)
    void withoutAFaultEveryShapeIsComplete(@ForAll Site site, @ForAll @IntRange(max = 3) int chain) throws Exception {
        TerraformEvaluation e = evaluated(configuration(null, site, chain));
        assertThat(e.complete()).as("%s: %s", site, TfFixture.rendered(e)).isTrue();
        assertThat(e.diagnostics()).as("%s: %s", site, TfFixture.rendered(e)).isEmpty();
    }

    /** The evaluation of {@code files}, written to a directory of their own that is removed afterwards. */
    private static TerraformEvaluation evaluated(Map<String, String> files) throws java.io.IOException {
        Path dir = Files.createTempDirectory("lbguard-reach");
        try {
            TfFixture fixture = new TfFixture(dir);
            files.forEach(fixture::file);
            return fixture.evaluate();
        } finally {
            TempDirs.delete(dir);
        }
    }

    @Provide
    Arbitrary<Fault> faults() {
        return Arbitraries.of(Fault.class);
    }

    /**
     * A load balancer with one listener, one rule and one target group, a DNS record and an IAM policy beside
     * it, and the fault (none when {@code fault} is null) flowing through {@code chain} locals into {@code site}.
     */
    static Map<String, String> configuration(Fault fault, Site site, int chain) {
        Map<String, String> slots = new LinkedHashMap<>();
        for (Site s : Site.values()) {
            slots.put(s.name(), "");
        }
        String value = fault == null ? "\"10\"" : "\"1${" + fault.expression + "}\"";
        StringBuilder locals = new StringBuilder("locals {\n  table = { a = \"b\" }\n");
        String ref = value;
        for (int i = 0; i < chain; i++) {
            locals.append("  step").append(i).append(" = ").append(ref).append("\n");
            ref = "local.step" + i;
        }
        locals.append("}\n");
        String v = ref;
        String host = "\"api.example.com\"";
        String priority = "10";
        String forEach = "\"api\"";
        String port = "80";
        String tgName = "\"api\"";
        String lbCount = "1";
        String moduleInput = "\"x\"";
        String moduleOutput = "\"api-${var.input}\"";
        switch (site) {
            case RULE_HOST -> host = "\"h${" + v + "}.example.com\"";
            case RULE_PRIORITY -> priority = v;
            case RULE_FOR_EACH_KEY -> forEach = v;
            case LISTENER_PORT -> port = v;
            case TARGET_GROUP_NAME -> tgName = "\"tg-${" + v + "}\"";
            case MODULE_OUTPUT_TO_RULE -> moduleOutput = fault == null ? "\"api\"" : "\"api-${" + fault.expression + "}\"";
            case MODULE_INPUT_TO_RULE -> moduleInput = v;
            case LB_COUNT -> lbCount = "length(" + v + ") > 0 ? 1 : 1";
            default -> {
            }
        }
        // A rule on a listener of another stack, found by a lookup whose port is the faulty value.
        String listenerArn = site == Site.LISTENER_LOOKUP ? "data.aws_lb_listener.shared.arn"
                : "aws_lb_listener.http.arn";
        String ruleHost = site == Site.MODULE_OUTPUT_TO_RULE || site == Site.MODULE_INPUT_TO_RULE
                ? "\"${module.names.host}.example.com\"" : host;
        String main = locals + """
                variable "missing" {
                  type = string
                }
                data "aws_caller_identity" "me" {}
                data "aws_lb_listener" "shared" {
                  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/shared/1"
                  port              = %s
                }
                resource "aws_lb" "edge" {
                  count   = %s
                  name    = "edge"
                  subnets = [%s]
                }
                resource "aws_lb_listener" "http" {
                  load_balancer_arn = aws_lb.edge[0].arn
                  port              = %s
                  default_action {
                    type = "fixed-response"
                    fixed_response {
                      content_type = "text/plain"
                      status_code  = "404"
                    }
                  }
                }
                resource "aws_lb_target_group" "api" {
                  name     = %s
                  port     = 80
                  protocol = "HTTP"
                  tags     = { owner = %s }
                }
                resource "aws_lb_listener_rule" "api" {
                  for_each     = toset([%s])
                  listener_arn = %s
                  priority     = %s
                  condition {
                    host_header {
                      values = [%s]
                    }
                  }
                  action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.api.arn
                  }
                }
                resource "aws_route53_record" "api" {
                  count   = %s
                  zone_id = "Z1"
                  name    = %s
                  type    = "CNAME"
                  records = ["edge.example.com"]
                }
                resource "aws_iam_policy" "ops" {
                  name   = "ops"
                  policy = jsonencode({ Statement = [{ Resource = %s }] })
                }
                module "names" {
                  source  = "./names"
                  input   = %s
                  missing = var.missing
                }
                module "dns" {
                  source = "./dns"
                  name   = %s
                }
                output "rule_arn" {
                  value = %s
                }
                """.formatted(site == Site.LISTENER_LOOKUP ? v : "443", lbCount, site == Site.LB_SUBNETS ? v : "\"subnet-1\"", port, tgName,
                site == Site.TARGET_GROUP_TAGS ? v : "\"ops\"", forEach, listenerArn, priority, ruleHost,
                site == Site.DNS_RECORD_COUNT ? "length(" + v + ") > 0 ? 1 : 1" : "1",
                site == Site.DNS_RECORD_NAME ? v : "\"api\"", site == Site.IAM_POLICY ? v : "\"*\"", moduleInput,
                site == Site.MODULE_WITHOUT_LOAD_BALANCER ? v : "\"dns\"",
                site == Site.ROOT_OUTPUT ? v : "\"none\"");
        if (site == Site.UNUSED_LOCAL) {
            main = main.replace("locals {\n", "locals {\n  unused = " + v + "\n");
        }
        // The module has the names a fault reads (a variable, a local table, a data source) of its own.
        String names = """
                variable "input" {}
                variable "missing" {
                  type = string
                }
                data "aws_caller_identity" "me" {}
                locals {
                  table = { a = "b" }
                }
                output "host" {
                  value = %s
                }
                """.formatted(moduleOutput);
        String dns = "variable \"name\" {}\nresource \"aws_route53_record\" \"r\" {\n  zone_id = \"Z1\"\n"
                + "  name    = var.name\n  type    = \"CNAME\"\n  records = [\"x\"]\n}\n";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("main.tf", main);
        files.put("names/main.tf", names);
        files.put("dns/main.tf", dns);
        files.put("terraform.tfvars", "missing = \"set\"\n");
        if (fault == Fault.MISSING_VARIABLE) {
            files.remove("terraform.tfvars");
        }
        return files;
    }
}

package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.resources.AwsProviderVersion;
import dev.lbguard.source.resources.KnownReadings;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.resources.TerraformSnapshotBuilder;
import dev.lbguard.source.terraform.eval.Reuse;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * An evaluation that takes over values from the previous one ({@link Reuse}) gives exactly what a full evaluation
 * of the same revision gives: over random sequences of edits of a root module (declarations changed, files added
 * and deleted, lines shifted, {@code .tfvars}, templates and local modules changed, a module tree's instances taken
 * over or not, errors and reference cycles made and mended), every resource instance, moved block, lookup, diagnostic, secret and the snapshot built from
 * them (reusing the previous build's conditions) are equal, element by element.
 */
class IncrementalEvaluationProperties {
    /** Declarations, each with a few variants; an edit picks another variant of one. */
    private static final List<Decl> DECLS = List.of(
            new Decl("main.tf", v -> """
                    variable "env" {
                      type    = string
                      default = "%s"
                    }
                    """.formatted(v % 2 == 0 ? "prod" : "staging")),
            new Decl("main.tf", v -> """
                    variable "secret" {
                      type      = string
                      sensitive = %s
                      default   = "s3cr3t-%d"
                    }
                    """.formatted(v % 3 != 2, v)),
            new Decl("locals.tf", v -> """
                    locals {
                      hosts = %s
                      base  = "example.com"
                    }
                    """.formatted(v % 3 == 0 ? "{ api = 1, web = 2 }" : v % 3 == 1 ? "{ api = 1, web = 2, img = 3 }"
                    : "{ api = 4 }")),
            new Decl("locals.tf", v -> switch (v % 4) {
                case 0 -> "locals {\n  svc_host = \"${keys(local.hosts)[0]}.${var.env}.${local.base}\"\n}\n";
                case 1 -> "locals {\n  svc_host = \"svc.${local.nowhere}\"\n}\n";
                case 2 -> "locals {\n  svc_host = local.loop\n  loop     = local.svc_host\n}\n";
                default -> "locals {\n  svc_host = upper(\"${var.env}.${local.base}\")\n}\n";
            }),
            new Decl("locals.tf", v -> v % 2 == 0
                    ? "locals {\n  tpl = templatefile(\"${path.module}/templates/host.tpl\", { env = var.env })\n}\n"
                    : "locals {\n  tpl = \"fixed.${var.env}.example.com\"\n}\n"),
            new Decl("main.tf", v -> """
                    resource "aws_lb" "edge" {
                      count   = var.env == "prod" ? 1 : %d
                      name    = "edge-%d"
                      subnets = [data.aws_caller_identity.me.account_id]
                    }
                    data "aws_caller_identity" "me" {}
                    """.formatted(1 + v % 2, v % 2)),
            new Decl("main.tf", v -> """
                    resource "aws_lb_listener" "https" {
                      load_balancer_arn = aws_lb.edge[0].arn
                      port              = %d
                      default_action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.svc["%s"].arn
                      }
                    }
                    """.formatted(v % 2 == 0 ? 443 : 8443, v % 3 == 2 ? "missing" : "api")),
            new Decl("tgs.tf", v -> """
                    resource "aws_lb_target_group" "svc" {
                      for_each = local.hosts
                      name     = "svc-${each.key}"
                      port     = %d
                      protocol = "HTTP"
                      tags     = { account = data.aws_caller_identity.me.account_id }
                    }
                    """.formatted(8080 + v % 3)),
            new Decl("rules_a.tf", v -> """
                    resource "aws_lb_listener_rule" "api" {
                      listener_arn = aws_lb_listener.https.arn
                      priority     = %d
                      condition {
                        host_header {
                          values = [local.svc_host]
                        }
                      }
                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.svc["api"].arn
                      }
                    }
                    """.formatted(10 + v % 3)),
            new Decl("rules_b.tf", v -> """
                    resource "aws_lb_listener_rule" "web" {
                      for_each     = local.hosts
                      listener_arn = aws_lb_listener.https.arn
                      priority     = 100 + each.value
                      condition {
                        host_header {
                          values = ["${each.key}.${local.base}"]
                        }
                      }
                      condition {
                        path_pattern {
                          values = ["/%s/*"]
                        }
                      }
                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.svc[each.key].arn
                      }
                    }
                    """.formatted(v % 2 == 0 ? "v1" : "v2")),
            new Decl("rules_b.tf", v -> """
                    resource "aws_lb_listener_rule" "tpl" {
                      listener_arn = aws_lb_listener.https.arn
                      priority     = 50
                      condition {
                        host_header {
                          values = [%s]
                        }
                      }
                      action {
                        type = "fixed-response"
                        fixed_response {
                          content_type = "text/plain"
                          status_code  = "404"
                        }
                      }
                    }
                    """.formatted(v % 2 == 0 ? "trimspace(local.tpl)" : "\"${terraform.workspace}.example.com\"")),
            new Decl("rules_a.tf", v -> """
                    module "names" {
                      source = "./modules/names"
                      input  = %s
                    }
                    resource "aws_lb_listener_rule" "named" {
                      listener_arn = aws_lb_listener.https.arn
                      priority     = 60
                      condition {
                        host_header {
                          values = [module.names.host]
                        }
                      }
                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.svc["api"].arn
                      }
                    }
                    """.formatted(v % 2 == 0 ? "var.env" : "\"fixed\"")),
            new Decl("rules_b.tf", v -> """
                    data "aws_lb_listener" "shared" {
                      %s
                    }
                    resource "aws_lb_listener_rule" "elsewhere" {
                      listener_arn = %s
                      priority     = %d
                      condition {
                        path_pattern {
                          values = ["/shared/*"]
                        }
                      }
                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.svc["api"].arn
                      }
                    }
                    """.formatted(v % 2 == 0 ? "arn = \"arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/s/1/2\""
                    : "load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/s/1\"\n  port = 443",
                    // The lookup read by nothing: an evaluation that took it over must not list it (a reviewer's catch).
                    v % 3 == 2 ? "\"arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/s/1/9\""
                            : "data.aws_lb_listener.shared.arn",
                    70 + v % 2)),
            // A second load balancer, for a build that takes one load balancer over and reads the other again:
            // an unset priority (a warning to replay), provider-2 syntax (it asks the provider's version), a port
            // the edge's listener may share (no clash: another load balancer).
            new Decl("inner.tf", v -> """
                    resource "aws_lb" "inner" {
                      name     = "inner"
                      internal = true
                    }
                    resource "aws_lb_listener" "inner" {
                      load_balancer_arn = aws_lb.inner.arn
                      port              = 443
                      default_action {
                        type = "fixed-response"
                        fixed_response {
                          content_type = "text/plain"
                          status_code  = "503"
                        }
                      }
                    }
                    resource "aws_lb_listener_rule" "inner" {
                      listener_arn = aws_lb_listener.inner.arn
                      %s
                      %s
                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.svc["api"].arn
                      }
                    }
                    """.formatted(v % 3 == 2 ? "" : "priority = " + (5 + v % 3),
                    v % 4 == 3 ? "condition {\n    field  = \"path-pattern\"\n    values = [\"/old/*\"]\n  }"
                            : "condition {\n    path_pattern {\n      values = [\"/inner-%d/*\"]\n    }\n  }".formatted(v % 4))),
            new Decl("outputs.tf", v -> """
                    output "dns" {
                      value = aws_lb.edge[0].dns_name
                    }
                    output "secret" {
                      value     = var.secret
                      sensitive = true
                    }
                    output "hosts" {
                      value = %s
                    }
                    """.formatted(v % 2 == 0 ? "keys(local.hosts)" : "local.svc_host")),
            new Decl("moved.tf", v -> v % 2 == 0 ? "" : """
                    moved {
                      from = aws_lb_listener_rule.old
                      to   = aws_lb_listener_rule.api
                    }
                    """),
            new Decl("terraform.tfvars", v -> switch (v % 3) {
                case 0 -> "";
                case 1 -> "env = \"prod\"\n";
                default -> "env = \"staging\"\n";
            }),
            new Decl("templates/host.tpl", v -> "tpl-%d.${env}.example.com\n".formatted(v % 2)),
            new Decl("modules/names/main.tf", v -> """
                    variable "input" {
                      type = string
                    }
                    output "host" {
                      value = "%s-${var.input}.example.com"
                    }
                    """.formatted(v % 2 == 0 ? "names" : "other")),
            // A module tree: an instance per host, each calling another module; taken over whole when its variables
            // are equal (see InstanceTakeover). The caller's listener goes in as a resource object, or as its ARN.
            new Decl("svc.tf", v -> """
                    module "svc" {
                      for_each = %s
                      source   = "./modules/svc"
                      name     = each.key
                      listener = %s
                      priority = 200 + each.value
                    }
                    output "svc_hosts" {
                      value = { for k, m in module.svc : k => m.host }
                    }
                    output "svc_listeners" {
                      value = [for m in values(module.svc) : m.listener.arn]
                    }
                    """.formatted(v % 3 == 2 ? "{ api = 1 }" : "local.hosts",
                    v % 2 == 0 ? "aws_lb_listener.https" : "{ arn = aws_lb_listener.https.arn }")),
            new Decl("modules/svc/main.tf", v -> """
                    variable "name" {
                      type = string
                    }
                    variable "listener" {
                      type = any
                    }
                    variable "priority" {
                      type = number
                    }
                    data "aws_lb_listener" "here" {
                      arn = var.listener.arn
                    }
                    module "inner" {
                      source = "../inner"
                      host   = "${var.name}.example.com"
                    }
                    locals {
                      host = %s
                    }
                    resource "aws_lb_listener_rule" "svc" {
                      listener_arn = data.aws_lb_listener.here.arn
                      priority     = var.priority
                      condition {
                        host_header {
                          values = [local.host]
                        }
                      }
                      action {
                        type             = "forward"
                        target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/svc-${var.name}/1"
                      }
                    }
                    output "host" {
                      value = local.host
                    }
                    output "listener" {
                      value = var.listener
                    }
                    """.formatted(switch (v % 4) {
                        case 0 -> "module.inner.host";
                        case 1 -> "trimspace(templatefile(\"${path.module}/host.tpl\", { name = var.name }))";
                        case 2 -> "local.nowhere";
                        default -> "\"${terraform.workspace}.${module.inner.host}\"";
                    })),
            new Decl("modules/svc/host.tpl", v -> "svc-%d.${name}.example.com\n".formatted(v % 2)),
            new Decl("modules/inner/main.tf", v -> """
                    variable "host" {
                      type = string
                    }
                    output "host" {
                      value = %s
                    }
                    """.formatted(v % 2 == 0 ? "var.host" : "upper(var.host)")));

    /** One declaration of the configuration, in a file, with its variants. */
    private record Decl(String file, java.util.function.IntFunction<String> text) {
    }

    /** An edit: another variant of a declaration, blank lines before a file's first line, or a file dropped. */
    private record Edit(int decl, int variant, int shift, boolean drop) {
    }

    @Property(tries = 60)
    void anIncrementalEvaluationIsAFullOne(@ForAll("edits") List<Edit> edits) {
        int[] variants = new int[DECLS.size()];
        Map<String, Integer> shifts = new TreeMap<>();
        java.util.Set<String> dropped = new java.util.TreeSet<>();
        Reuse reuse = new Reuse();
        int taken = 0;
        int instances = 0;
        for (int step = 0; step <= edits.size(); step++) {
            if (step > 0) {
                Edit e = edits.get(step - 1);
                Decl d = DECLS.get(e.decl());
                variants[e.decl()] = e.variant();
                shifts.merge(d.file(), e.shift(), Integer::sum);
                if (e.drop()) {
                    dropped.add(d.file());
                } else {
                    dropped.remove(d.file());
                }
            }
            SourceTree tree = tree(files(variants, shifts, dropped), "rev" + step);
            TerraformEvaluation full = new TerraformEvaluator().evaluate(tree, "", TerraformInputs.none());
            TerraformEvaluation incremental = new TerraformEvaluator().evaluate(tree, "", TerraformInputs.none(),
                    reuse);
            taken += reuse.taken();
            instances += reuse.instancesTaken();
            String at = "after " + edits.subList(0, step);
            assertThat(incremental.resources()).as(at).isEqualTo(full.resources());
            assertThat(incremental.moved()).as(at).isEqualTo(full.moved());
            assertThat(incremental.dataSources()).as(at).isEqualTo(full.dataSources());
            assertThat(incremental.diagnostics()).as(at).isEqualTo(full.diagnostics());
            assertThat(incremental.secrets()).as(at).isEqualTo(full.secrets());
            assertThat(snapshot(incremental, step, reuse.readings())).as(at)
                    .isEqualTo(snapshot(full, step, new KnownReadings()));
        }
        // Not vacuous: in most sequences values were taken over (an edit of .tfvars or of the template reads the
        // whole root module again, by design).
        Statistics.label("values taken over").collect(taken > 0);
        Statistics.label("values taken over").coverage(c -> c.check(true).percentage(p -> p > 50));
        Statistics.label("module instances taken over").collect(instances > 0);
        Statistics.label("module instances taken over").coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    @Test
    void anUnchangedRevisionIsTakenOverWholeAndAnEditReevaluatesWhatItReaches() {
        int[] variants = new int[DECLS.size()];
        Reuse reuse = new Reuse();
        TerraformEvaluator evaluator = new TerraformEvaluator();
        evaluator.evaluate(tree(files(variants, Map.of(), java.util.Set.of()), "a"), "",
                TerraformInputs.none(), reuse);
        assertThat(reuse.taken()).isZero();
        evaluator.evaluate(tree(files(variants, Map.of(), java.util.Set.of()), "b"), "",
                TerraformInputs.none(), reuse);
        int whole = reuse.taken();
        assertThat(whole).isPositive();
        variants[8] = 1; // the priority of aws_lb_listener_rule.api
        evaluator.evaluate(tree(files(variants, Map.of(), java.util.Set.of()), "c"), "",
                TerraformInputs.none(), reuse);
        assertThat(reuse.taken()).isEqualTo(whole - 1);
        variants[0] = 1; // var.env, which the load balancer's count, host names and outputs read
        evaluator.evaluate(tree(files(variants, Map.of(), java.util.Set.of()), "d"), "",
                TerraformInputs.none(), reuse);
        assertThat(reuse.taken()).isPositive().isLessThan(whole - 4);
    }

    @Test
    void anEditOfOneDeclarationLeavesTheOthersOfItsFileTakenOverUnlessTheirLinesMoved() {
        int[] variants = new int[DECLS.size()];
        TerraformEvaluator evaluator = new TerraformEvaluator();
        Reuse reuse = evaluatedTwice(evaluator, variants);
        int whole = reuse.taken();
        // rules_b.tf also declares the rules tpl and elsewhere and the lookup shared, after web: same lines.
        variants[9] = 1;
        TerraformEvaluation edited = evaluator.evaluate(tree(files(variants, Map.of(), java.util.Set.of()), "c"), "",
                TerraformInputs.none(), reuse);
        assertThat(reuse.taken()).isEqualTo(whole - 1);
        assertThat(edited.resources()).isEqualTo(new TerraformEvaluator().evaluate(
                tree(files(variants, Map.of(), java.util.Set.of()), "c"), "", TerraformInputs.none()).resources());
        // A line more above them: their ranges moved, so they are evaluated again (their diagnostics' lines too).
        evaluator.evaluate(tree(files(variants, Map.of("rules_b.tf", 1), java.util.Set.of()), "d"), "",
                TerraformInputs.none(), reuse);
        assertThat(reuse.taken()).isLessThanOrEqualTo(whole - 3);
    }

    @Test
    void aLookupThatNothingReadsAnyMoreIsNotListedThoughItsDeclarationWasTakenOver() {
        int[] variants = new int[DECLS.size()];
        TerraformEvaluator evaluator = new TerraformEvaluator();
        Reuse reuse = evaluatedTwice(evaluator, variants);
        variants[12] = 2; // the same lookup; the rule beside it names a listener by its ARN instead
        SourceTree tree = tree(files(variants, Map.of(), java.util.Set.of()), "c");
        TerraformEvaluation incremental = evaluator.evaluate(tree, "", TerraformInputs.none(), reuse);
        TerraformEvaluation full = new TerraformEvaluator().evaluate(tree, "", TerraformInputs.none());
        assertThat(full.dataSources()).filteredOn(d -> d.module().isEmpty()).isEmpty();
        assertThat(incremental.dataSources()).isEqualTo(full.dataSources());
        assertThat(incremental.diagnostics()).isEqualTo(full.diagnostics());
    }

    @Test
    void aModuleInstanceWhoseVariablesAreEqualIsTakenOverWholeAndOnlyThen() {
        int[] variants = new int[DECLS.size()];
        TerraformEvaluator evaluator = new TerraformEvaluator();
        // module.svc["api"] and ["web"], each with its module.inner; not module.names, whose output a resource of
        // the root module reads before the instance is evaluated whole.
        assertThat(evaluatedTwice(evaluator, variants).instancesTaken()).isEqualTo(4);
        Reuse reuse = evaluatedTwice(evaluator, variants);
        List<Integer> taken = new java.util.ArrayList<>();
        // Each of these makes the root module evaluate its listener again: an equal value, but another resource
        // object, which the svc instances get as a variable, and their local reads module.inner's output early.
        variants[2] = 1; // local.hosts gains img
        taken.add(evaluatedBothWays(evaluator, variants, reuse, "c"));
        variants[0] = 1; // var.env
        taken.add(evaluatedBothWays(evaluator, variants, reuse, "d"));
        variants[7] = 1; // the target groups
        taken.add(evaluatedBothWays(evaluator, variants, reuse, "e"));
        variants[19] = 1; // the svc instances get the listener's ARN instead: other variables, then the same
        taken.add(evaluatedBothWays(evaluator, variants, reuse, "f"));
        taken.add(evaluatedBothWays(evaluator, variants, reuse, "g"));
        variants[22] = 1; // module inner changed: what calls it is evaluated again
        taken.add(evaluatedBothWays(evaluator, variants, reuse, "h"));
        // The svc module reads a template: its instances never taken over, their module.inner instances are.
        variants[20] = 1;
        taken.add(evaluatedBothWays(evaluator, variants, reuse, "i"));
        taken.add(evaluatedBothWays(evaluator, variants, reuse, "j"));
        assertThat(taken).containsExactly(0, 0, 0, 0, 6, 0, 3, 3);
    }

    /** Evaluates {@code variants} with {@code reuse} and in full, asserts the same; how many instances were taken. */
    private static int evaluatedBothWays(TerraformEvaluator evaluator, int[] variants, Reuse reuse, String rev) {
        SourceTree tree = tree(files(variants, Map.of(), java.util.Set.of()), rev);
        TerraformEvaluation incremental = evaluator.evaluate(tree, "", TerraformInputs.none(), reuse);
        TerraformEvaluation full = new TerraformEvaluator().evaluate(tree, "", TerraformInputs.none());
        assertThat(incremental.resources()).isEqualTo(full.resources());
        assertThat(incremental.dataSources()).isEqualTo(full.dataSources());
        assertThat(incremental.diagnostics()).isEqualTo(full.diagnostics());
        assertThat(incremental.secrets()).isEqualTo(full.secrets());
        return reuse.instancesTaken();
    }

    /** A reuse that evaluated the configuration of {@code variants} at two revisions: all of it taken over. */
    private static Reuse evaluatedTwice(TerraformEvaluator evaluator, int[] variants) {
        Reuse reuse = new Reuse();
        for (String rev : List.of("a", "b")) {
            evaluator.evaluate(tree(files(variants, Map.of(), java.util.Set.of()), rev), "", TerraformInputs.none(),
                    reuse);
        }
        return reuse;
    }

    @Test
    void rootsUnderTheMinimumSizeAreNotKept() {
        int[] variants = new int[DECLS.size()];
        Reuse.Roots small = new Reuse.Roots(8, 1_000_000);
        Reuse.Roots all = new Reuse.Roots();
        for (String rev : List.of("a", "b")) {
            SourceTree tree = tree(files(variants, Map.of(), java.util.Set.of()), rev);
            new TerraformEvaluator().evaluate(tree, "", TerraformInputs.none(), small.of(""));
            new TerraformEvaluator().evaluate(tree, "", TerraformInputs.none(), all.of(""));
        }
        assertThat(small.of("").taken()).isZero();
        assertThat(all.of("").taken()).isPositive();
    }

    @Test
    void aTreeWithoutContentIdsIsEvaluatedInFull() {
        int[] variants = new int[DECLS.size()];
        Reuse reuse = new Reuse();
        for (String rev : List.of("a", "b")) {
            new TerraformEvaluator().evaluate(new MemoryTree(files(variants, Map.of(), java.util.Set.of()), rev),
                    "", TerraformInputs.none(), reuse);
            assertThat(reuse.taken()).isZero();
        }
    }

    /** The files at a revision, with content ids as a git revision has. */
    private static SourceTree tree(Map<String, String> files, String revision) {
        return new IdentifiedTree(new MemoryTree(files, revision));
    }

    private static RoutingSnapshot snapshot(TerraformEvaluation e, int step, KnownReadings known) {
        return new TerraformSnapshotBuilder().build(e, new SnapshotOrigin(SnapshotOrigin.Kind.GIT_REVISION,
                "rev" + step, "rev" + step), () -> AwsProviderVersion.UNSAID, known);
    }

    private static Map<String, String> files(int[] variants, Map<String, Integer> shifts, java.util.Set<String> dropped) {
        Map<String, StringBuilder> files = new TreeMap<>();
        for (int i = 0; i < DECLS.size(); i++) {
            Decl d = DECLS.get(i);
            files.computeIfAbsent(d.file(), f -> new StringBuilder("\n".repeat(shifts.getOrDefault(f, 0))))
                    .append(d.text().apply(variants[i])).append('\n');
        }
        Map<String, String> out = new TreeMap<>();
        files.forEach((f, s) -> {
            if (!dropped.contains(f)) {
                out.put(f, s.toString());
            }
        });
        return out;
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, DECLS.size() - 1),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 9)).as((d, v, s, x) -> new Edit(d, v, s == 0 ? 1 : 0, x == 0));
        return edit.list().ofMinSize(1).ofMaxSize(8);
    }

}

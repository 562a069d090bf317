package dev.lbguard.source.terraform.terragrunt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.RootModuleFinder;
import dev.lbguard.source.terraform.TerraformSource;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.terragrunt.TerragruntConfig;
import dev.lbguard.source.terraform.terragrunt.TerragruntUnits;
import dev.lbguard.source.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Terragrunt units read as root modules: their configuration evaluated, their module run with their inputs. */
class TerragruntTest {
    private static final String SERVICE = """
            variable "name" {
              type = string
            }
            variable "listener_arn" {
              type = string
            }
            variable "priority" {
              type = number
            }
            variable "hosts" {
              type = list(string)
            }
            variable "tags" {
              type    = map(string)
              default = {}
            }
            resource "aws_lb_target_group" "this" {
              name     = var.name
              port     = 8080
              protocol = "HTTP"
              tags     = var.tags
            }
            resource "aws_lb_listener_rule" "this" {
              listener_arn = var.listener_arn
              priority     = var.priority
              condition {
                host_header {
                  values = var.hosts
                }
              }
              action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.this.arn
              }
            }
            """;

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private TerraformEvaluation evaluate(String unit) {
        return evaluate(unit, Map.of());
    }

    private TerraformEvaluation evaluate(String unit, Map<String, String> environment) {
        return TerragruntUnits.evaluate(new DiskTree(dir), unit, TerraformInputs.none(), environment).evaluation();
    }

    private static Value attribute(TerraformEvaluation e, String address, String name) {
        return e.resources().stream().filter(r -> r.address().equals(address)).findFirst().orElseThrow()
                .attributes().get(name);
    }

    private void parentAndModule() throws IOException {
        write("modules/service/main.tf", SERVICE);
        write("live/root.hcl", """
                locals {
                  env = split("/", path_relative_to_include())[0]
                }
                inputs = {
                  name = "svc-${local.env}"
                  tags = { env = local.env, path = path_relative_to_include() }
                }
                """);
    }

    @Test
    void includeFoundInParentFoldersGivesItsInputsWithPathsOfTheUnit() throws IOException {
        parentAndModule();
        write("live/prod/api/terragrunt.hcl", """
                include "root" {
                  path = find_in_parent_folders("root.hcl")
                }
                terraform {
                  source = "../../../modules//service"
                }
                inputs = {
                  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/1/2"
                  priority     = 10
                  hosts        = ["api.test"]
                }
                """);
        TerraformEvaluation e = evaluate("live/prod/api");
        assertThat(e.complete()).as(e.diagnostics().toString()).isTrue();
        assertThat(e.moduleDir()).isEqualTo("live/prod/api");
        String tg = "unit[\"live/prod/api\"].aws_lb_target_group.this";
        assertThat(attribute(e, tg, "name")).isEqualTo(new Value.Str("svc-prod"));
        assertThat(attribute(e, tg, "tags")).isEqualTo(Value.Obj.map(Map.of(
                "env", new Value.Str("prod"), "path", new Value.Str("prod/api"))));
        assertThat(attribute(e, "unit[\"live/prod/api\"].aws_lb_listener_rule.this", "priority"))
                .isEqualTo(Value.Num.of(10));
    }

    @Test
    void localsReferenceEachOtherAndAnExposedIncludesLocals() throws IOException {
        parentAndModule();
        write("live/prod/api/terragrunt.hcl", """
                include "root" {
                  path   = find_in_parent_folders("root.hcl")
                  expose = true
                }
                locals {
                  host  = "${local.short}.${include.root.locals.env}.test"
                  short = "api"
                }
                terraform {
                  source = "${get_repo_root()}/modules/service"
                }
                inputs = {
                  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/1/2"
                  priority     = 10
                  hosts        = [local.host, "${basename(get_terragrunt_dir())}.x"]
                }
                """);
        TerraformEvaluation e = evaluate("live/prod/api");
        assertThat(e.complete()).as(e.diagnostics().toString()).isTrue();
        Value hosts = attribute(e, "unit[\"live/prod/api\"].aws_lb_listener_rule.this", "condition");
        assertThat(hosts.toString()).contains("api.prod.test").contains("api.x");
    }

    @Test
    void readTerragruntConfigGivesTheLocalsOfAnotherFile() throws IOException {
        write("modules/service/main.tf", SERVICE);
        write("live/env.hcl", """
                locals {
                  zone = "shop.test"
                }
                """);
        write("live/prod/api/terragrunt.hcl", """
                locals {
                  env = read_terragrunt_config(find_in_parent_folders("env.hcl"))
                }
                terraform {
                  source = "../../../modules/service"
                }
                inputs = {
                  name         = "api"
                  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/1/2"
                  priority     = 10
                  hosts        = ["api.${local.env.locals.zone}"]
                }
                """);
        TerraformEvaluation e = evaluate("live/prod/api");
        assertThat(e.complete()).as(e.diagnostics().toString()).isTrue();
        assertThat(attribute(e, "unit[\"live/prod/api\"].aws_lb_listener_rule.this", "condition").toString())
                .contains("api.shop.test");
    }

    @Test
    void getEnvTakesTheDefaultUnlessLbguardIsGivenTheVariable() throws IOException {
        write("modules/service/main.tf", SERVICE);
        write("live/api/terragrunt.hcl", """
                terraform {
                  source = "../../modules/service"
                }
                inputs = {
                  name         = get_env("SERVICE_NAME", "api")
                  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/1/2"
                  priority     = 10
                  hosts        = ["api.test"]
                  tags         = { owner = get_env("OWNER") }
                }
                """);
        TerraformEvaluation e = evaluate("live/api");
        assertThat(attribute(e, "unit[\"live/api\"].aws_lb_target_group.this", "name")).isEqualTo(new Value.Str("api"));
        // OWNER has no default and reaches only tags: a warning that cannot affect routing.
        assertThat(e.complete()).isTrue();
        assertThat(e.diagnostics()).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo("tg-env");
            assertThat(d.affectsRouting()).isFalse();
            assertThat(d.source().path()).isEqualTo("live/api/terragrunt.hcl");
            assertThat(d.source().line()).isEqualTo(9);
        });
        TerraformEvaluation given = evaluate("live/api", Map.of("SERVICE_NAME", "orders"));
        assertThat(attribute(given, "unit[\"live/api\"].aws_lb_target_group.this", "name"))
                .isEqualTo(new Value.Str("orders"));
    }

    @Test
    void aDependencyWithoutAnUsableMockHangsTheRuleOnAnExternalListenerNamedByTheUnit() throws IOException {
        write("modules/service/main.tf", SERVICE);
        write("live/platform/terragrunt.hcl", """
                terraform {
                  source = "../../modules/platform"
                }
                """);
        String unit = """
                terraform {
                  source = "../../modules/service"
                }
                dependency "edge" {
                  config_path  = "../platform"
                  mock_outputs = {
                    https_listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/mock/1/2"
                    zone               = "mock.test"
                  }
                }
                inputs = {
                  name         = "%s"
                  listener_arn = dependency.edge.outputs.https_listener_arn
                  priority     = %d
                  hosts        = ["%s.${dependency.edge.outputs.zone}"]
                }
                """;
        write("live/orders/terragrunt.hcl", unit.formatted("orders", 10, "orders"));
        write("live/cart/terragrunt.hcl", unit.formatted("cart", 20, "cart"));
        RoutingSnapshot s = new TerraformSource().read(new DiskTree(dir), List.of("live/cart", "live/orders"),
                TerraformInputs.none(), SnapshotOrigin.other("test"));
        assertThat(s.complete()).as(s.diagnostics().toString()).isTrue();
        LoadBalancer lb = s.loadBalancers().get(0);
        assertThat(lb.name()).isEqualTo("live/platform (external)");
        Listener l = lb.listeners().get(0);
        assertThat(l.id().value()).isEqualTo("terragrunt:live/platform:https_listener_arn");
        // Both units read one output of one unit: one listener, their rules together.
        assertThat(l.rules()).extracting(r -> r.id().value()).containsExactlyInAnyOrder(
                "unit[\"live/orders\"].aws_lb_listener_rule.this", "unit[\"live/cart\"].aws_lb_listener_rule.this");
        // The mock of a plain value is used, and said to be one.
        assertThat(s.diagnostics()).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo("tg-mock-output");
            assertThat(d.message()).contains("dependency.edge.outputs.zone");
        });
    }

    @Test
    void anOutputWithoutAMockUsedAsAHostIsUnread() throws IOException {
        write("modules/service/main.tf", SERVICE);
        write("live/api/terragrunt.hcl", """
                terraform {
                  source = "../../modules/service"
                }
                dependency "platform" {
                  config_path = "../platform"
                }
                inputs = {
                  name         = "api"
                  listener_arn = dependency.platform.outputs.https_listener_arn
                  priority     = 10
                  hosts        = [dependency.platform.outputs.zone]
                }
                """);
        TerraformEvaluation e = evaluate("live/api");
        assertThat(e.complete()).isFalse();
        assertThat(e.diagnostics()).filteredOn(Diagnostic::isError).isNotEmpty()
                .allSatisfy(d -> assertThat(d.message()).contains("outputs.zone")
                        .startsWith("Terragrunt dependency output ").doesNotContain("data source"));
    }

    @Test
    void mergeStrategiesDecideHowTheParentsInputsJoinTheUnits() throws IOException {
        write("modules/service/main.tf", SERVICE);
        write("live/root.hcl", """
                inputs = {
                  name = "parent"
                  tags = { team = "web", env = "prod" }
                }
                """);
        String unit = """
                include {
                  path           = find_in_parent_folders("root.hcl")
                  merge_strategy = "%s"
                }
                terraform {
                  source = "../../modules/service"
                }
                inputs = {
                  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/1/2"
                  priority     = 10
                  hosts        = ["api.test"]
                  tags         = { team = "api" }
                }
                """;
        write("live/deep/terragrunt.hcl", unit.formatted("deep"));
        write("live/shallow/terragrunt.hcl", unit.formatted("shallow"));
        write("live/none/terragrunt.hcl", unit.formatted("no_merge"));
        TerraformEvaluation deep = evaluate("live/deep");
        assertThat(attribute(deep, "unit[\"live/deep\"].aws_lb_target_group.this", "tags")).isEqualTo(
                Value.Obj.map(Map.of("team", new Value.Str("api"), "env", new Value.Str("prod"))));
        TerraformEvaluation shallow = evaluate("live/shallow");
        assertThat(attribute(shallow, "unit[\"live/shallow\"].aws_lb_target_group.this", "tags")).isEqualTo(
                Value.Obj.map(Map.of("team", new Value.Str("api"))));
        assertThat(attribute(shallow, "unit[\"live/shallow\"].aws_lb_target_group.this", "name"))
                .isEqualTo(new Value.Str("parent"));
        TerraformEvaluation none = evaluate("live/none");
        assertThat(none.complete()).isFalse();
        assertThat(none.diagnostics()).anySatisfy(d -> assertThat(d.message())
                .contains("variable name has no value; give it in the inputs of live/none/terragrunt.hcl"));
    }

    @Test
    void anScpStyleGitSourceIsRemoteNotAPath() {
        // go-getter reads git@host:path as git, with or without git::.
        assertThat(TerragruntConfig.isRemote("git@github.com:acme/modules.git//alb?ref=v1")).isTrue();
        assertThat(TerragruntConfig.isRemote("git::git@github.com:acme/modules.git//alb?ref=v1")).isTrue();
        assertThat(TerragruntConfig.isRemote("../../modules//alb")).isFalse();
        assertThat(TerragruntConfig.isRemote("${get_repo_root()}/modules/alb")).isFalse();
    }

    @Test
    void aRemoteSourceIsAnIncompleteRootNamingIt() throws IOException {
        write("live/api/terragrunt.hcl", """
                terraform {
                  source = "tfr:///terraform-aws-modules/alb/aws?version=9.0.0"
                }
                """);
        TerraformEvaluation e = evaluate("live/api");
        assertThat(e.complete()).isFalse();
        assertThat(e.diagnostics()).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo("tg-remote-source");
            assertThat(d.message()).contains("tfr:///terraform-aws-modules/alb/aws?version=9.0.0");
            assertThat(d.source().line()).isEqualTo(2);
        });
        assertThat(RootModuleFinder.find(new DiskTree(dir))).containsExactly("live/api");
    }

    @Test
    void aRemoteSourceIsReadFromTheCopyGivenWithModuleDir(@TempDir Path copy) throws IOException {
        write("live/api/terragrunt.hcl", """
                terraform {
                  source = "git::https://github.com/acme/modules.git//service?ref=v1.4.0"
                }
                inputs = {
                  name         = "api"
                  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/50dc/f2f7"
                  priority     = 20
                  hosts        = ["api.example.com"]
                }
                """);
        Files.writeString(copy.resolve("main.tf"), SERVICE);
        TerraformInputs given = TerraformInputs.none().withModuleDirs(List.of(new TerraformInputs.ModuleDir(
                "git::https://github.com/acme/modules.git//service?ref=v1.4.0", copy)));
        TerraformEvaluation e = TerragruntUnits.evaluate(new DiskTree(dir), "live/api", given, Map.of()).evaluation();
        assertThat(e.complete()).as("%s", e.diagnostics()).isTrue();
        assertThat(attribute(e, "unit[\"live/api\"].aws_lb_listener_rule.this", "priority"))
                .isEqualTo(Value.Num.of(20));
        assertThat(e.diagnostics()).anySatisfy(d -> assertThat(d.message())
                .contains("read from the copy given by --module-dir"));
        // Without the copy, the unit stays unread, and says how to give one.
        TerraformEvaluation unread = evaluate("live/api");
        assertThat(unread.complete()).isFalse();
        assertThat(unread.diagnostics()).anySatisfy(d -> assertThat(d.message())
                .contains("--module-dir git::https://github.com/acme/modules.git//service?ref=v1.4.0=DIR"));
        // A copy of another revision does not answer for this one: a ref bump is never "no change".
        TerraformInputs older = TerraformInputs.none().withModuleDirs(List.of(new TerraformInputs.ModuleDir(
                "git::https://github.com/acme/modules.git//service?ref=v1.3.0", copy)));
        assertThat(TerragruntUnits.evaluate(new DiskTree(dir), "live/api", older, Map.of()).evaluation().complete())
                .isFalse();
        // A registry source matches its copy as written, version included.
        write("live/edge/terragrunt.hcl", """
                terraform {
                  source = "tfr:///acme/service/aws?version=2.1.0"
                }
                inputs = {
                  name         = "edge"
                  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/50dc/f2f7"
                  priority     = 30
                  hosts        = ["edge.example.com"]
                }
                """);
        TerraformInputs registry = TerraformInputs.none().withModuleDirs(List.of(new TerraformInputs.ModuleDir(
                "tfr:///acme/service/aws?version=2.1.0", copy)));
        assertThat(TerragruntUnits.evaluate(new DiskTree(dir), "live/edge", registry, Map.of()).evaluation()
                .complete()).isTrue();
    }

    @Test
    void aModuleOnlyUnitsApplyIsNoRootAndAParentIsNoUnit() throws IOException {
        parentAndModule();
        write("live/terragrunt.hcl", """
                remote_state {
                  backend = "s3"
                }
                """);
        write("live/prod/api/terragrunt.hcl", """
                include "root" {
                  path = find_in_parent_folders()
                }
                terraform {
                  source = "../../../modules//service"
                }
                """);
        // The empty backend block that Terragrunt fills in makes no root of the module it applies.
        write("modules/service/backend.tf", "terraform {\n  backend \"s3\" {}\n}\n");
        RootModuleFinder.Layout layout = new RootModuleFinder().layout(new DiskTree(dir));
        assertThat(layout.roots()).containsExactly("live/prod/api");
        assertThat(layout.moduleDirs().get("live/prod/api")).containsExactly("live/prod/api", "modules/service");
    }

    @Test
    void aGenerateBlockWritingALoadBalancerIsAnError() throws IOException {
        write("modules/service/main.tf", SERVICE);
        write("live/api/terragrunt.hcl", """
                terraform {
                  source = "../../modules/service"
                }
                generate "extra" {
                  path     = "extra.tf"
                  contents = <<EOF
                resource "aws_lb_listener_rule" "extra" {
                  priority = 1
                }
                EOF
                }
                inputs = {
                  name         = "api"
                  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/1/2"
                  priority     = 10
                  hosts        = ["api.test"]
                }
                """);
        TerraformEvaluation e = evaluate("live/api");
        assertThat(e.complete()).isFalse();
        assertThat(e.diagnostics()).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo("tg-generate");
            assertThat(d.source().line()).isEqualTo(4);
        });
    }
}

package dev.lbguard.source.terraform.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.git.GitRepository;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.TfFixture;
import dev.lbguard.source.terraform.eval.InstalledModules;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.eval.TerraformWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry and git modules read from where {@code terraform init} installed them: a real repository made by JGit
 * holds the root module, its work tree holds {@code .terraform/modules} (never committed) as terraform writes it,
 * and each revision read from git sees the installed copy when its call asks for that copy.
 */
class InstalledModulesTest {
    private static final String MODULE = """
            variable "hosts" { type = list(string) }
            variable "priority" { type = number }
            resource "aws_lb_listener_rule" "this" {
              listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/1/2"
              priority     = var.priority
              action {
                type             = "forward"
                target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/1"
              }
              condition {
                host_header { values = var.hosts }
              }
            }
            module "tags" {
              source = "./modules/tags"
            }
            output "where" { value = path.module }
            output "tag" { value = module.tags.name }
            """;

    @TempDir
    Path repo;

    @BeforeEach
    void install() throws IOException {
        write(".gitignore", ".terraform/\n");
        write("stack/.terraform/modules/rules/main.tf", MODULE);
        write("stack/.terraform/modules/rules/modules/tags/main.tf", "output \"name\" { value = \"tagged\" }\n");
        write("stack/.terraform/modules/modules.json", """
                {"Modules":[{"Key":"","Source":"","Dir":"."},
                 {"Key":"rules","Source":"registry.terraform.io/acme/rules/aws","Version":"2.1.3",
                  "Dir":".terraform/modules/rules"},
                 {"Key":"rules.tags","Source":"./modules/tags","Dir":".terraform/modules/rules/modules/tags"}]}
                """);
    }

    @Test
    void aRegistryModuleIsReadFromItsInstalledCopyAtACommittedRevision() throws Exception {
        TerraformEvaluation e = evaluateCommitted(call("acme/rules/aws", "~> 2.1"), installedInputs());
        assertThat(e.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(TfFixture.attr(e, "module.rules.aws_lb_listener_rule.this", "priority")).isEqualTo(TfFixture.num(10));
        assertThat(e.diagnostics()).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo("tf-module-outside-repository");
            assertThat(d.message()).contains("stack/.terraform/modules/rules", "version 2.1.3");
            assertThat(d.source().path()).isEqualTo("stack/main.tf");
        });
        // The resource's file is the installed one, by the path a user sees in the work tree.
        assertThat(TfFixture.resource(e, "module.rules.aws_lb_listener_rule.this").source().path())
                .isEqualTo("stack/.terraform/modules/rules/main.tf");
    }

    @Test
    void pathModuleAndLocalCallsInsideTheInstalledModuleAreTerraformsOwn() throws Exception {
        String root = call("acme/rules/aws", "2.1.3") + """
                output "where" { value = module.rules.where }
                output "tag" { value = module.rules.tag }
                resource "aws_lb_target_group" "probe" {
                  name     = "${replace(module.rules.where, "/", "-")}-${module.rules.tag}"
                  port     = 80
                  protocol = "HTTP"
                  vpc_id   = "vpc-1"
                }
                """;
        TerraformEvaluation e = evaluateCommitted(root, installedInputs());
        assertThat(e.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(TfFixture.attr(e, "aws_lb_target_group.probe", "name"))
                .isEqualTo(TfFixture.str(".terraform-modules-rules-tagged"));
    }

    @Test
    void aVersionTheInstalledCopyDoesNotMeetIsIncompleteNamingBothAndTheCommand() throws Exception {
        TerraformEvaluation e = evaluateCommitted(call("acme/rules/aws", "~> 3.0"), installedInputs());
        Diagnostic d = TfFixture.single(e, "tf-remote-module");
        assertThat(d.isError()).isTrue();
        assertThat(d.message()).contains("rules", "~> 3.0", "2.1.3", "terraform init in stack", "--module-dir rules=");
        assertThat(e.resources()).noneMatch(r -> r.address().startsWith("module.rules"));
    }

    @Test
    void aPreReleaseIsReadOnlyWhereTheConstraintNamesIt() throws Exception {
        write("stack/.terraform/modules/modules.json", read("stack/.terraform/modules/modules.json")
                .replace("\"2.1.3\"", "\"2.2.0-beta1\""));
        TerraformEvaluation loose = evaluateCommitted(call("acme/rules/aws", "~> 2.1"), installedInputs());
        assertThat(TfFixture.single(loose, "tf-remote-module").message()).contains("2.2.0-beta1");
        TerraformEvaluation exact = evaluateCommitted(call("acme/rules/aws", "2.2.0-beta1"), installedInputs());
        assertThat(exact.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    }

    @Test
    void anotherSourceThanTheInstalledOneIsNotRead() throws Exception {
        TerraformEvaluation e = evaluateCommitted(call("other/rules/aws", "~> 2.1"), installedInputs());
        assertThat(TfFixture.single(e, "tf-remote-module").message())
                .contains("asks for other/rules/aws", "registry.terraform.io/acme/rules/aws");
    }

    @Test
    void withoutAnInstalledCopyNothingIsDownloaded() throws Exception {
        TerraformEvaluation e = evaluateCommitted(call("acme/rules/aws", "~> 2.1"), TerraformInputs.none());
        assertThat(TfFixture.single(e, "tf-remote-module").message())
                .contains("not installed in stack/.terraform/modules/modules.json", "never downloads");
    }

    @Test
    void aModuleDirOutsideTheWorkTreeStandsInForTheInstalledCopy(@TempDir Path vendor) throws Exception {
        Files.writeString(vendor.resolve("main.tf"), MODULE.replace("var.priority", "var.priority + 1"));
        Files.createDirectories(vendor.resolve("modules/tags"));
        Files.writeString(vendor.resolve("modules/tags/main.tf"), "output \"name\" { value = \"v\" }\n");
        for (String named : List.of("rules", "acme/rules/aws", "registry.terraform.io/acme/rules/aws")) {
            TerraformInputs inputs = TerraformInputs.none()
                    .withModuleDirs(List.of(new TerraformInputs.ModuleDir(named, vendor)));
            TerraformEvaluation e = evaluateCommitted(call("acme/rules/aws", "~> 9.0"), inputs);
            assertThat(e.diagnostics()).as(named).filteredOn(Diagnostic::isError).isEmpty();
            assertThat(TfFixture.attr(e, "module.rules.aws_lb_listener_rule.this", "priority"))
                    .isEqualTo(TfFixture.num(11));
            assertThat(TfFixture.single(e, "tf-module-outside-repository").message())
                    .contains("--module-dir " + named, "does not check it against version \"~> 9.0\"");
        }
    }

    @Test
    void aBrokenManifestIsSaidAndNotGuessedAround() throws Exception {
        write("stack/.terraform/modules/modules.json", "{\"Modules\": [");
        TerraformEvaluation e = evaluateCommitted(call("acme/rules/aws", "~> 2.1"), installedInputs());
        assertThat(TfFixture.single(e, "tf-remote-module").message())
                .contains("cannot read stack/.terraform/modules/modules.json", "terraform init");
    }

    @Test
    void anInstalledDirectoryThatIsGoneNamesTerraformInit() throws Exception {
        Files.walk(repo.resolve("stack/.terraform/modules/rules")).sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        TerraformEvaluation e = evaluateCommitted(call("acme/rules/aws", "~> 2.1"), installedInputs());
        assertThat(TfFixture.single(e, "tf-remote-module").message())
                .contains("stack/.terraform/modules/rules, which does not exist", "run terraform init in stack");
    }

    @Test
    void pathCwdIsTheRootModulesDirectoryInTheWorkTree() throws Exception {
        String root = """
                resource "aws_lb_target_group" "probe" {
                  name     = basename(path.cwd)
                  port     = 80
                  protocol = "HTTP"
                  vpc_id   = "vpc-1"
                }
                """;
        TerraformEvaluation e = evaluateCommitted(root, installedInputs());
        assertThat(TfFixture.attr(e, "aws_lb_target_group.probe", "name")).isEqualTo(TfFixture.str("stack"));
        // Without a work tree the directory terraform runs in is unknown: said, never guessed.
        TerraformEvaluation unknown = evaluateCommitted(root, TerraformInputs.none());
        assertThat(TfFixture.single(unknown, "tf-path-cwd").isError()).isTrue();
    }

    @Test
    void sourcesAreComparedAsTerraformRecordsThem() {
        assertThat(ModuleSources.normalize("terraform-aws-modules/alb/aws"))
                .isEqualTo("registry.terraform.io/terraform-aws-modules/alb/aws");
        assertThat(ModuleSources.normalize("terraform-aws-modules/alb/aws//modules/x"))
                .isEqualTo("registry.terraform.io/terraform-aws-modules/alb/aws//modules/x");
        assertThat(ModuleSources.normalize("app.terraform.io/acme/alb/aws"))
                .isEqualTo("app.terraform.io/acme/alb/aws");
        assertThat(ModuleSources.normalize("github.com/acme/infra//modules/alb?ref=v1.2.0"))
                .isEqualTo("git::https://github.com/acme/infra.git//modules/alb?ref=v1.2.0");
        assertThat(ModuleSources.normalize("git::https://example.com/x.git?ref=v1"))
                .isEqualTo("git::https://example.com/x.git?ref=v1");
    }

    private static String call(String source, String version) {
        return """
                module "rules" {
                  source   = "%s"
                  version  = "%s"
                  hosts    = ["api.shop.test"]
                  priority = 10
                }
                """.formatted(source, version);
    }

    private TerraformInputs installedInputs() {
        return TerraformInputs.none().withWorkspace(new TerraformWorkspace(Optional.empty(), Optional.of(repo),
                ".terraform"));
    }

    /** Commits {@code root} as stack/main.tf and evaluates the commit, not the work tree. */
    private TerraformEvaluation evaluateCommitted(String root, TerraformInputs inputs) throws Exception {
        write("stack/main.tf", root);
        PersonIdent who = new PersonIdent("t", "t@example.com");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("m").setAuthor(who).setCommitter(who).setSign(false).setAllowEmpty(true).call();
        }
        // What git holds is the root module alone: the installed copy comes from the work tree.
        write("stack/main.tf", "# edited in the work tree, not committed\n");
        try (GitRepository git = GitRepository.open(repo)) {
            assertThat(git.tree("HEAD").isFile("stack/.terraform/modules/modules.json")).isFalse();
            return new TerraformEvaluator().evaluate(git.tree("HEAD"), "stack", inputs);
        }
    }

    private String read(String path) throws IOException {
        return Files.readString(repo.resolve(path));
    }

    private void write(String path, String content) throws IOException {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}

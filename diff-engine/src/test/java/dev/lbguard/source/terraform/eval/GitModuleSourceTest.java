package dev.lbguard.source.terraform.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.git.GitModuleRepository;
import dev.lbguard.source.git.GitRepository;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.TfFixture;
import dev.lbguard.source.terraform.eval.InstalledModules;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code git::} module source that names the repository being read (one of its remotes) is read from the ref it
 * asks for, through JGit, in a real repository: nothing is downloaded, and nothing needs {@code terraform init}.
 */
class GitModuleSourceTest {
    private static final String MODULE = """
            variable "host" { type = string }
            resource "aws_lb_listener_rule" "this" {
              listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/1/2"
              priority     = PRIORITY
              action {
                type             = "forward"
                target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/1"
              }
              condition {
                host_header { values = [var.host] }
              }
            }
            """;

    @TempDir
    Path repo;

    @BeforeEach
    void history() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", "git@github.com:Acme/infra.git");
            config.save();
            commit(git, "modules/rules/main.tf", MODULE.replace("PRIORITY", "10"), "v1.0.0");
            commit(git, "modules/rules/main.tf", MODULE.replace("PRIORITY", "20"), "v2.0.0");
        }
    }

    @Test
    void theModuleIsReadFromTheRefItNames() throws Exception {
        TerraformEvaluation v1 = evaluate("git::https://github.com/Acme/infra.git//modules/rules?ref=v1.0.0");
        assertThat(v1.diagnostics()).isEmpty();
        assertThat(TfFixture.attr(v1, "module.rules.aws_lb_listener_rule.this", "priority")).isEqualTo(TfFixture.num(10));
        assertThat(TfFixture.resource(v1, "module.rules.aws_lb_listener_rule.this").source().path())
                .isEqualTo("@v1.0.0/modules/rules/main.tf");
        // The same repository spelled as GitHub's shorthand, at the other tag.
        TerraformEvaluation v2 = evaluate("github.com/acme/infra//modules/rules?ref=v2.0.0");
        assertThat(v2.diagnostics()).isEmpty();
        assertThat(TfFixture.attr(v2, "module.rules.aws_lb_listener_rule.this", "priority")).isEqualTo(TfFixture.num(20));
    }

    @Test
    void aRefThatIsNotHereSaysHowToGetIt() throws Exception {
        TerraformEvaluation e = evaluate("git::ssh://git@github.com/acme/infra.git//modules/rules?ref=v9.0.0");
        Diagnostic d = TfFixture.single(e, "tf-remote-module");
        assertThat(d.message()).contains("names this repository at ref v9.0.0", "git fetch --tags");
    }

    @Test
    void anotherRepositoryIsStillARemoteModule() throws Exception {
        TerraformEvaluation e = evaluate("git::https://github.com/acme/other.git//modules/rules?ref=v1.0.0");
        assertThat(TfFixture.single(e, "tf-remote-module").message()).contains("is not installed");
    }

    @Test
    void remoteUrlsCompareAsTheRepositoryTheyName() {
        for (String url : java.util.List.of("git@github.com:acme/infra.git", "https://github.com/acme/infra",
                "ssh://git@github.com/acme/infra.git", "git::https://GitHub.com/acme/infra.git/")) {
            assertThat(ModuleSources.canonicalUrl(url)).as(url).isEqualTo("github.com/acme/infra");
        }
        // Hosting services take owner and name in any case, so the comparison does too.
        assertThat(ModuleSources.canonicalUrl("https://github.com/Acme/Infra")).isEqualTo("github.com/acme/infra");
        assertThat(ModuleSources.canonicalUrl("https://gitlab.com/acme/infra")).isNotEqualTo("github.com/acme/infra");
    }

    private TerraformEvaluation evaluate(String source) throws Exception {
        Files.writeString(repo.resolve("main.tf"), """
                module "rules" {
                  source = "%s"
                  host   = "api.shop.test"
                }
                """.formatted(source));
        try (Git git = Git.open(repo.toFile())) {
            commit(git, "main.tf", Files.readString(repo.resolve("main.tf")), null);
        }
        try (GitRepository git = GitRepository.open(repo)) {
            TerraformInputs inputs = TerraformInputs.none().withRepository(GitModuleRepository.open(repo));
            return new TerraformEvaluator().evaluate(git.tree("HEAD"), "", inputs);
        }
    }

    private void commit(Git git, String path, String content, String tag) throws Exception {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        PersonIdent who = new PersonIdent("t", "t@example.com");
        git.add().addFilepattern(".").call();
        git.commit().setMessage(path).setAuthor(who).setCommitter(who).setSign(false).setAllowEmpty(true).call();
        if (tag != null) {
            git.tag().setName(tag).setAnnotated(false).call();
        }
    }
}

package dev.lbguard.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.git.GitRepository;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.RootModuleFinder;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.value.ValueJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .tf} file that is a symbolic link in git (a shared {@code globals.tf} linked into each stack) is read at
 * every revision as a checkout has it, from a real repository made by JGit and from its work tree on disk alike; a
 * link that leaves the repository, dangles or loops is an error naming the link.
 */
class SymbolicLinksTest {
    private static final PersonIdent AUTHOR = new PersonIdent("Ada", "ada@example.test",
            java.time.Instant.parse("2026-01-02T03:04:05Z"), java.time.ZoneOffset.UTC);
    private static final String STACK = """
            resource "aws_lb" "edge" {
              name               = "edge-${local.stack}"
              load_balancer_type = "application"
              subnets            = ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"]
            }

            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.edge.arn
              port              = 80
              protocol          = "HTTP"

              default_action {
                type = "fixed-response"

                fixed_response {
                  content_type = "text/plain"
                  status_code  = "404"
                }
              }
            }

            resource "aws_lb_listener_rule" "shop" {
              listener_arn = aws_lb_listener.http.arn
              priority     = 10

              action {
                type = "fixed-response"

                fixed_response {
                  content_type = "text/plain"
                  status_code  = "200"
                }
              }

              condition {
                host_header {
                  values = [local.shop_host]
                }
              }
            }
            """;

    @TempDir
    Path temp;
    Path repo;
    RevCommit first;
    RevCommit second;

    @BeforeEach
    void repository() throws Exception {
        repo = temp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            write("shared/globals.tf", "locals {\n  shop_host = \"shop.example.com\"\n}\n");
            for (String stack : List.of("a", "b")) {
                write("stacks/" + stack + "/main.tf", STACK);
                write("stacks/" + stack + "/stack.tf", "locals {\n  stack = \"" + stack + "\"\n}\n");
                link("stacks/" + stack + "/globals.tf", "../../shared/globals.tf");
            }
            git.add().addFilepattern(".").call();
            first = git.commit().setMessage("stacks").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
            write("shared/globals.tf", "locals {\n  shop_host = \"shop.example.org\"\n}\n");
            git.add().addFilepattern(".").call();
            second = git.commit().setMessage("the new domain").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
        }
    }

    @Test
    void aLinkedFileIsReadAsACheckoutHasItAtEachRevision() throws Exception {
        try (GitRepository git = GitRepository.open(repo)) {
            SourceTree before = git.tree(first.name());
            SourceTree after = git.tree(second.name());
            assertThat(before.files("stacks/a")).containsExactly("globals.tf", "main.tf", "stack.tf");
            assertThat(text(before, "stacks/a/globals.tf")).contains("shop.example.com");
            assertThat(text(after, "stacks/b/globals.tf")).contains("shop.example.org");
            assertThat(after.contentId("stacks/a/globals.tf")).isEqualTo(after.contentId("shared/globals.tf"));
            assertThat(after.follow("stacks/a/globals.tf")).isEqualTo(new SourceTree.Followed(
                    List.of("stacks/a/globals.tf"), java.util.Optional.of("shared/globals.tf")));
            assertThat(host(before, "stacks/a")).isEqualTo("shop.example.com");
            assertThat(host(after, "stacks/a")).isEqualTo("shop.example.org");
            assertThat(host(after, "stacks/b")).isEqualTo("shop.example.org");
            assertThat(RootModuleFinder.find(after)).containsExactly("stacks/a", "stacks/b");
        }
        DiskTree disk = new DiskTree(repo);
        assertThat(disk.files("stacks/a")).containsExactly("globals.tf", "main.tf", "stack.tf");
        assertThat(host(disk, "stacks/b")).isEqualTo("shop.example.org");
    }

    @Test
    void aRecordedReadWatchesTheLinksTarget() throws Exception {
        try (GitRepository git = GitRepository.open(repo)) {
            RecordingTree recorded = new RecordingTree(git.tree("HEAD"));
            host(recorded, "stacks/a");
            assertThat(recorded.files()).contains("stacks/a/globals.tf", "shared/globals.tf");
        }
    }

    @Test
    void aLinkToADirectoryResolvesButIsNotListed() throws Exception {
        link("stacks/a/shared", "../../shared");
        link("stacks/a/loop", "..");
        commit("links to directories");
        try (GitRepository git = GitRepository.open(repo)) {
            for (SourceTree tree : List.of(git.tree("HEAD"), new DiskTree(repo))) {
                assertThat(tree.isDirectory("stacks/a/shared")).isTrue();
                assertThat(tree.files("stacks/a/shared")).containsExactly("globals.tf");
                assertThat(tree.directories("stacks/a")).isEmpty();
                assertThat(tree.files("stacks/a")).doesNotContain("shared", "loop");
                // A walk of the whole tree ends, and finds each stack once.
                assertThat(RootModuleFinder.find(tree)).containsExactly("stacks/a", "stacks/b");
            }
        }
    }

    @Test
    void aLinkLeavingTheRepositoryIsAnErrorNamingIt() throws Exception {
        Files.writeString(temp.resolve("outside.tf"), "locals {\n  shop_host = \"evil.example.com\"\n}\n");
        link("stacks/a/globals.tf", "../../../outside.tf");
        link("stacks/b/globals.tf", "/etc/hostname");
        commit("links out of the repository");
        assertBroken("stacks/a", "stacks/a/globals.tf", "a symbolic link to ../../../outside.tf, which leaves the "
                + "repository");
        assertBroken("stacks/b", "stacks/b/globals.tf", "a symbolic link to /etc/hostname");
    }

    @Test
    void aDanglingLinkIsAnErrorNamingIt() throws Exception {
        Files.delete(repo.resolve("shared/globals.tf"));
        commit("the shared file goes");
        assertBroken("stacks/a", "stacks/a/globals.tf", "a symbolic link to ../../shared/globals.tf, which does "
                + "not exist");
    }

    @Test
    void aLoopOfLinksIsAnErrorNamingIt() throws Exception {
        link("stacks/a/x.tf", "y.tf");
        link("stacks/a/y.tf", "x.tf");
        commit("a loop");
        try (GitRepository git = GitRepository.open(repo)) {
            assertThat(errors(git.tree("HEAD"), "stacks/a")).anySatisfy(d -> {
                assertThat(d.source().path()).isEqualTo("stacks/a/x.tf");
                assertThat(d.message()).contains("loop of symbolic links");
            });
        }
        // On disk the file system says so.
        assertThat(errors(new DiskTree(repo), "stacks/a")).anySatisfy(d ->
                assertThat(d.source().path()).isEqualTo("stacks/a/x.tf"));
    }

    @Test
    void aPipeNamedLikeATerraformFileIsAnErrorNamingIt() throws Exception {
        Path pipe = repo.resolve("stacks/a/extra.tf");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        // Read on disk only (git holds no pipes): the read must neither block nor skip the file silently.
        assertThat(errors(new DiskTree(repo), "stacks/a")).anySatisfy(d -> {
            assertThat(d.source().path()).isEqualTo("stacks/a/extra.tf");
            assertThat(d.message()).contains("not a regular file");
        });
    }

    private void assertBroken(String stack, String link, String message) throws Exception {
        try (GitRepository git = GitRepository.open(repo)) {
            for (SourceTree tree : List.of(git.tree("HEAD"), new DiskTree(repo))) {
                List<Diagnostic> errors = errors(tree, stack);
                assertThat(errors).as("%s", tree).anySatisfy(d -> {
                    assertThat(d.source().path()).isEqualTo(link);
                    assertThat(d.source().line()).isZero();
                    assertThat(d.message()).startsWith("cannot read " + link + ": ").contains(message);
                });
            }
        }
    }

    private static List<Diagnostic> errors(SourceTree tree, String stack) {
        TerraformEvaluation e = new TerraformEvaluator().evaluate(tree, stack, TerraformInputs.none());
        assertThat(e.complete()).isFalse();
        return e.diagnostics().stream().filter(Diagnostic::isError).toList();
    }

    private static String host(SourceTree tree, String stack) {
        TerraformEvaluation e = new TerraformEvaluator().evaluate(tree, stack, TerraformInputs.none());
        assertThat(e.complete()).as("%s", e.diagnostics()).isTrue();
        return ValueJson.toJson(e.loadBalancerResources().stream()
                        .filter(r -> r.address().equals("aws_lb_listener_rule.shop")).findFirst().orElseThrow()
                        .attributes())
                .path("condition").path(0).path("host_header").path(0).path("values").path(0).asText();
    }

    private static String text(SourceTree tree, String path) throws Exception {
        return new String(tree.read(path), StandardCharsets.UTF_8);
    }

    private void write(String path, String text) throws Exception {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void link(String path, String target) throws Exception {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.deleteIfExists(p);
        Files.createSymbolicLink(p, Path.of(target));
    }

    private void commit(String message) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
        }
    }
}

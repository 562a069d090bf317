package dev.lbguard.source.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads revisions of a real repository made by JGit, with no checkout. */
class GitRepositoryTest {
    private static final PersonIdent AUTHOR = new PersonIdent("Ada", "ada@example.test",
            java.time.Instant.parse("2026-01-02T03:04:05Z"), java.time.ZoneOffset.UTC);

    @TempDir
    Path dir;
    private RevCommit first;
    private RevCommit second;

    @BeforeEach
    void makeRepository() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            write("infra/main.tf", "resource \"aws_lb\" \"edge\" {\n  name = \"edge-v1\"\n}\n");
            write("README.md", "demo\n");
            git.add().addFilepattern(".").call();
            first = git.commit().setMessage("first").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
            write("infra/main.tf", "resource \"aws_lb\" \"edge\" {\n  name = \"edge-v2\"\n}\n");
            write("infra/modules/tg/main.tf", "variable \"name\" {}\n");
            git.add().addFilepattern(".").call();
            second = git.commit().setMessage("second").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
            git.tag().setName("v2").call();
        }
    }

    private void write(String path, String text) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private String read(SourceTree tree, String path) throws Exception {
        return new String(tree.read(path), StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryRevisionFormWithoutCheckout() throws Exception {
        try (GitRepository repo = GitRepository.open(dir.resolve("infra"))) {
            assertThat(read(repo.tree("main"), "infra/main.tf")).contains("edge-v2");
            assertThat(read(repo.tree("HEAD~1"), "infra/main.tf")).contains("edge-v1");
            assertThat(read(repo.tree("v2"), "infra/main.tf")).contains("edge-v2");
            assertThat(read(repo.tree(first.name()), "infra/main.tf")).contains("edge-v1");
            assertThat(read(repo.tree(first.name().substring(0, 8)), "infra/main.tf")).contains("edge-v1");
            assertThat(repo.tree("HEAD").revision()).isEqualTo(second.name());
        }
    }

    @Test
    void listsDirectoriesAndFilesOfACommit() throws Exception {
        try (GitRepository repo = GitRepository.open(dir)) {
            SourceTree old = repo.tree("HEAD~1");
            SourceTree head = repo.tree("HEAD");
            assertThat(old.directories("infra")).isEmpty();
            assertThat(head.directories("infra")).containsExactly("modules");
            assertThat(head.directories("")).containsExactly("infra");
            assertThat(head.files("")).containsExactly("README.md");
            assertThat(head.files("infra/modules/tg")).containsExactly("main.tf");
            assertThat(head.isDirectory("infra/modules")).isTrue();
            assertThat(head.isFile("infra/main.tf")).isTrue();
            assertThat(head.isFile("infra")).isFalse();
            // Only paths in normal form name something: a path with an empty segment is not in the tree.
            assertThat(head.isFile("/infra/main.tf")).isFalse();
            assertThat(head.isFile("infra//main.tf")).isFalse();
            assertThat(head.isDirectory("infra/modules/")).isFalse();
            assertThat(head.isDirectory("infra//modules")).isFalse();
        }
    }

    @Test
    void worktreeSeesUncommittedEdits() throws Exception {
        write("infra/main.tf", "resource \"aws_lb\" \"edge\" {\n  name = \"edge-uncommitted\"\n}\n");
        try (GitRepository repo = GitRepository.open(dir)) {
            SourceTree wt = repo.tree(GitRepository.WORKTREE);
            assertThat(read(wt, "infra/main.tf")).contains("edge-uncommitted");
            assertThat(wt.revision()).isEmpty();
            assertThat(read(repo.tree("HEAD"), "infra/main.tf")).contains("edge-v2");
        }
    }

    @Test
    void unknownRevisionIsOneClearSentence() throws Exception {
        try (GitRepository repo = GitRepository.open(dir)) {
            assertThatThrownBy(() -> repo.tree("no-such-branch"))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("unknown revision 'no-such-branch'");
            assertThatThrownBy(() -> repo.tree("HEAD~5"))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("unknown revision 'HEAD~5'");
        }
    }

    @Test
    void notARepository(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> GitRepository.open(elsewhere))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("is not inside a git repository");
    }

    @Test
    void shallowCloneSaysHowToFetchHistory(@TempDir Path cloneDir) throws Exception {
        try (Git clone = Git.cloneRepository().setURI(dir.toUri().toString()).setDirectory(cloneDir.toFile())
                .setDepth(1).call()) {
            assertThat(clone.getRepository().getDirectory().toPath().resolve("shallow")).exists();
        }
        try (GitRepository repo = GitRepository.open(cloneDir)) {
            assertThat(repo.isShallow()).isTrue();
            assertThatThrownBy(() -> repo.tree(first.name()))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("shallow clone")
                    .hasMessageContaining("git fetch --unshallow");
            assertThat(read(repo.tree("HEAD"), "infra/main.tf")).contains("edge-v2");
        }
    }
}

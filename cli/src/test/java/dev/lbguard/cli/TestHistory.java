package dev.lbguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A git history written by a test, commit by commit, with fixed authors and dates so that ids never change. */
final class TestHistory implements AutoCloseable {
    final Path dir;
    final Git git;

    private TestHistory(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static TestHistory init(Path dir) throws Exception {
        return new TestHistory(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    /** The history already in {@code dir}, to add commits to. */
    static TestHistory reopen(Path dir) throws Exception {
        return new TestHistory(dir, Git.open(dir.toFile()));
    }

    static PersonIdent who(String name, String time) {
        return new PersonIdent(name, name.toLowerCase().replace(' ', '.') + "@shop.test", Instant.parse(time),
                ZoneOffset.UTC);
    }

    TestHistory copy(Path from, String to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path target = dir.resolve(to).resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return this;
    }

    TestHistory write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return this;
    }

    String read(String path) throws IOException {
        return Files.readString(dir.resolve(path));
    }

    TestHistory delete(String path) throws IOException {
        Files.deleteIfExists(dir.resolve(path));
        return this;
    }

    RevCommit commit(PersonIdent who, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    void checkout(String branch, boolean create) throws Exception {
        git.checkout().setName(branch).setCreateBranch(create).call();
    }

    /** A true merge commit (never a fast-forward), as a pull request's merge button makes. */
    RevCommit merge(String branch, PersonIdent who, String message) throws Exception {
        git.merge().include(git.getRepository().resolve(branch)).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                .setCommit(false).call();
        return commit(who, message);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() {
        git.close();
    }
}

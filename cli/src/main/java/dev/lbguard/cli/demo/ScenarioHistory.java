package dev.lbguard.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A scenario history (one directory per commit, each with {@code commit.properties} and the whole {@code tree/})
 * committed into a new git repository, with the authors and dates it names, so that runs are reproducible.
 */
public final class ScenarioHistory {
    private ScenarioHistory() {
    }

    /** One commit made: its id and the directory it came from. */
    public record Made(String commit, String step, String message) {
    }

    /** Builds the history found in {@code historyDir} into a new repository at {@code repoDir}. */
    public static List<Made> build(Path historyDir, Path repoDir) throws IOException {
        List<Path> steps;
        try (Stream<Path> s = Files.list(historyDir)) {
            steps = s.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        List<Made> made = new ArrayList<>();
        try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
            for (Path step : steps) {
                Properties meta = new Properties();
                try (InputStream in = Files.newInputStream(step.resolve("commit.properties"))) {
                    meta.load(in);
                }
                PersonIdent who = new PersonIdent(meta.getProperty("author"), meta.getProperty("email"),
                        Instant.parse(meta.getProperty("date")), ZoneOffset.UTC);
                RevCommit c = commitTree(git, step.resolve("tree"), who, meta.getProperty("message"));
                made.add(new Made(c.name(), step.getFileName().toString(), meta.getProperty("message")));
            }
        } catch (GitAPIException e) {
            throw new IOException("cannot build the scenario repository: " + e.getMessage(), e);
        }
        return made;
    }

    /**
     * Makes the work tree of {@code git} exactly {@code tree} (files it lacks are deleted) and commits it;
     * {@code skip} names top-level entries of {@code tree} that are not part of the scenario.
     */
    public static RevCommit commitTree(Git git, Path tree, PersonIdent who, String message, String... skip)
            throws IOException, GitAPIException {
        Path repoDir = git.getRepository().getWorkTree().toPath();
        replaceWorkTree(repoDir, tree, java.util.Set.of(skip));
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    private static void replaceWorkTree(Path repoDir, Path tree, java.util.Set<String> skip) throws IOException {
        try (Stream<Path> s = Files.walk(repoDir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(repoDir) && !repoDir.relativize(p).startsWith(".git")) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.toList()) {
                if (!p.equals(tree) && skip.contains(tree.relativize(p).getName(0).toString())) {
                    continue;
                }
                Path target = repoDir.resolve(tree.relativize(p).toString());
                // A symbolic link is committed as a link, as git keeps it (a shared file linked into a stack).
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}

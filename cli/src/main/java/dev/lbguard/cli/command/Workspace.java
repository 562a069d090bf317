package dev.lbguard.cli.command;

import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.dispatch.Configurations;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.git.GitRepository;
import java.nio.file.Path;
import java.util.List;

/**
 * The tree a command reads (a git revision, or the work tree's files for {@code WORKTREE}) and the root
 * modules in it ({@code --dir}, or every root module found).
 */
record Workspace(SourceTree tree, List<String> moduleDirs, SnapshotOrigin origin) {

    static Workspace open(CommonOptions options, String rev) {
        return open(options, rev, true);
    }

    /**
     * @param required whether a revision without any root (or without {@code --dir}) is an error; one side of a
     *                 comparison may have none (a change that deletes the last load balancer), so it is not
     */
    static Workspace open(CommonOptions options, String rev, boolean required) {
        Path cwd = Path.of("").toAbsolutePath();
        Path repoDir = options.repo == null ? cwd : options.repo;
        try (GitRepository repo = GitRepository.open(repoDir)) {
            SourceTree tree = repo.tree(rev);
            Path root = repo.workTree().orElse(repoDir.toAbsolutePath());
            SnapshotOrigin origin = GitRepository.WORKTREE.equals(rev)
                    ? new SnapshotOrigin(SnapshotOrigin.Kind.WORKTREE, root.toString(), rev)
                    : new SnapshotOrigin(SnapshotOrigin.Kind.GIT_REVISION, tree.revision(), rev);
            return new Workspace(tree, modules(tree, options.dir == null ? null
                    : relativeDir(root, options.repo == null ? cwd : root, options.dir), required),
                    origin);
        } catch (SourceException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * {@code --dir} as a path from the root of {@code repo}'s work tree (normalised: {@code ./a/b/} is
     * {@code a/b}), for the commands that read many revisions; empty without {@code --dir}.
     */
    static java.util.Optional<String> dirIn(GitRepository repo, CommonOptions options) {
        if (options.dir == null) {
            return java.util.Optional.empty();
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path repoDir = options.repo == null ? cwd : options.repo.toAbsolutePath();
        Path root = repo.workTree().orElse(repoDir).toAbsolutePath().normalize();
        return java.util.Optional.of(relativeDir(root, options.repo == null ? cwd : root, options.dir));
    }

    /**
     * --dir is relative to the repository root when --repo is given, else to the current directory when that
     * lies in the repository, else to the repository root.
     */
    private static String relativeDir(Path root, Path cwd, String dir) {
        Path base = cwd.startsWith(root) ? cwd : root;
        Path abs = base.resolve(dir).normalize();
        if (!abs.startsWith(root)) {
            throw new UsageException("--dir " + dir + " lies outside the repository " + root);
        }
        return slashes(root.relativize(abs));
    }

    private static List<String> modules(SourceTree tree, String dir, boolean required) {
        if (dir != null) {
            // A comparison reads a --dir that holds nothing at one of its revisions as no load balancers there: the
            // root was created or deleted between them (SnapshotOptions refuses a --dir empty at both).
            if (!required && ((!dir.isEmpty() && !tree.isDirectory(dir)) || Configurations.holdsNoConfiguration(tree, dir))) {
                return List.of();
            }
            if (!dir.isEmpty() && !tree.isDirectory(dir)) {
                throw new UsageException("--dir " + dir + " does not exist"
                        + (tree.revision().isEmpty() ? "" : " at revision " + tree.revision()));
            }
            return List.of(dir);
        }
        List<String> found = Configurations.find(tree);
        if (found.isEmpty() && required) {
            throw new UsageException("no Terraform root module with load-balancer resources and no HAProxy config found"
                    + (tree.revision().isEmpty() ? "" : " at revision " + tree.revision()) + "; give --dir PATH");
        }
        return found;
    }

    private static String slashes(Path p) {
        String s = p.toString().replace('\\', '/');
        return s.equals(".") ? "" : s;
    }
}

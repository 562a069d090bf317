package dev.lbguard.source.git;

import dev.lbguard.source.DiskTree;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A git repository read through JGit, never checked out: revisions resolve to commits whose files are read
 * straight from the object database. {@link #WORKTREE} names the files on disk, uncommitted changes included.
 */
public final class GitRepository implements AutoCloseable {
    /** The pseudo-revision for the working tree. */
    public static final String WORKTREE = "WORKTREE";

    private final Repository repository;
    private final TreeListings listings;

    private GitRepository(Repository repository) {
        this.repository = repository;
        this.listings = new TreeListings(repository);
    }

    /** Opens the repository holding {@code dir} (searching upwards, as git does). */
    public static GitRepository open(Path dir) throws SourceException {
        File start = dir.toAbsolutePath().normalize().toFile();
        if (!start.exists()) {
            throw new SourceException("directory " + dir + " does not exist");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(start);
        if (builder.getGitDir() == null) {
            throw new SourceException(dir + " is not inside a git repository (give --repo DIR, or run git init)");
        }
        try {
            return new GitRepository(builder.setMustExist(true).build());
        } catch (IOException | IllegalArgumentException e) {
            throw new SourceException("cannot open the git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
    }

    public Repository jgit() {
        return repository;
    }

    /** The work tree's root directory, or empty for a bare repository. */
    public java.util.Optional<Path> workTree() {
        return repository.isBare() ? java.util.Optional.empty()
                : java.util.Optional.of(repository.getWorkTree().toPath());
    }

    /** Resolves a revision (branch, tag, {@code HEAD~3}, short or full id) to its commit. */
    public RevCommit resolve(String rev) throws SourceException {
        ObjectId id;
        try {
            // A full id names an object, as in git; JGit would look for a ref of that name first, on disk,
            // and a walk resolves thousands of ids.
            id = ObjectId.isId(rev) ? ObjectId.fromString(rev) : repository.resolve(rev);
        } catch (AmbiguousObjectException e) {
            throw new SourceException("revision '" + rev + "' is ambiguous: give more characters of the commit id");
        } catch (RevisionSyntaxException | IOException e) {
            throw new SourceException("'" + rev + "' is not a revision git understands: " + e.getMessage());
        }
        if (id == null) {
            throw new SourceException(unknownRevision(rev));
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id);
        } catch (MissingObjectException e) {
            throw new SourceException(unknownRevision(rev));
        } catch (IncorrectObjectTypeException e) {
            throw new SourceException("'" + rev + "' does not name a commit");
        } catch (IOException e) {
            throw new SourceException("cannot read commit " + rev + ": " + e.getMessage(), e);
        }
    }

    private String unknownRevision(String rev) {
        if (isShallow()) {
            return "unknown revision '" + rev + "': this is a shallow clone and the revision may lie beyond its "
                    + "history; fetch it with 'git fetch --unshallow' (or 'git fetch --depth=N origin') and retry";
        }
        return "unknown revision '" + rev + "' (check 'git log --oneline' for the commits this repository has)";
    }

    /** Whether {@code ancestor} is {@code descendant} or reachable from it through parents. */
    public boolean isAncestor(RevCommit ancestor, RevCommit descendant) throws SourceException {
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
        } catch (java.io.IOException e) {
            throw new SourceException("cannot relate " + ancestor.name() + " to " + descendant.name() + ": "
                    + e.getMessage(), e);
        }
    }

    public boolean isShallow() {
        return new File(repository.getDirectory(), "shallow").isFile();
    }

    /** The files of {@code rev}: a commit's tree, or the work tree for {@link #WORKTREE}. */
    public SourceTree tree(String rev) throws SourceException {
        if (WORKTREE.equals(rev)) {
            Path root = workTree().orElseThrow(
                    () -> new SourceException("WORKTREE needs a repository with a work tree; this one is bare"));
            return new DiskTree(root);
        }
        RevCommit commit = resolve(rev);
        try {
            return GitTree.of(repository, listings, commit);
        } catch (MissingObjectException e) {
            throw new SourceException("commit " + commit.name() + " is missing objects: "
                    + (isShallow() ? "this is a shallow clone; fetch more history with 'git fetch --unshallow'"
                    : e.getMessage()));
        } catch (IOException e) {
            throw new SourceException("cannot read the files of " + rev + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}

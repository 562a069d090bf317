package dev.lbguard.source.git;

import dev.lbguard.source.SourceTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The files of one commit, read from the object database without a checkout. Its directories are listed when
 * the tree is made (so a missing object shows there, not in a later lookup), through listings shared by tree
 * id; file contents are read on demand.
 */
public final class GitTree implements SourceTree {
    private final Repository repository;
    private final String commit;
    private final TreeListings.Dir root;

    private GitTree(Repository repository, String commit, TreeListings.Dir root) {
        this.repository = repository;
        this.commit = commit;
        this.root = root;
    }

    static GitTree of(Repository repository, TreeListings listings, RevCommit commit) throws IOException {
        return new GitTree(repository, commit.name(), listings.list(commit.getTree()));
    }

    /** The files of a tree object (for instance a tree built in memory), reported as read at {@code revision}. */
    public static GitTree of(Repository repository, AnyObjectId tree, String revision) throws IOException {
        return new GitTree(repository, revision, new TreeListings(repository).list(tree));
    }

    @Override
    public List<String> files(String dir) {
        TreeListings.Dir d = dir(dir);
        return d == null ? new ArrayList<>() : new ArrayList<>(d.files().keySet());
    }

    @Override
    public List<String> directories(String dir) {
        TreeListings.Dir d = dir(dir);
        return d == null ? new ArrayList<>() : new ArrayList<>(d.dirs().keySet());
    }

    @Override
    public boolean isFile(String path) {
        return blob(path) != null;
    }

    @Override
    public boolean isDirectory(String path) {
        return dir(path) != null;
    }

    @Override
    public byte[] read(String path) throws IOException {
        ObjectId id = blob(path);
        if (id == null) {
            throw new java.io.FileNotFoundException(path + " is not in commit " + commit);
        }
        return repository.open(id).getBytes();
    }

    @Override
    public Optional<String> contentId(String path) {
        return Optional.ofNullable(blob(path)).map(ObjectId::name);
    }

    @Override
    public String revision() {
        return commit;
    }

    private ObjectId blob(String path) {
        if (path.isEmpty() || !wellFormed(path)) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        TreeListings.Dir d = dir(slash < 0 ? "" : path.substring(0, slash));
        return d == null ? null : d.files().get(path.substring(slash + 1));
    }

    private TreeListings.Dir dir(String path) {
        if (!wellFormed(path)) {
            return null;
        }
        TreeListings.Dir d = root;
        int start = 0;
        while (d != null && start < path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            d = d.dirs().get(path.substring(start, end));
            start = end + 1;
        }
        return d;
    }

    /** Paths are in normal form, as the tree's own listing spells them: no empty segment anywhere. */
    private static boolean wellFormed(String path) {
        return !path.startsWith("/") && !path.endsWith("/") && !path.contains("//");
    }
}

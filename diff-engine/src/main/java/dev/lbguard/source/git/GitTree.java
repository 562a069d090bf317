package dev.lbguard.source.git;

import dev.lbguard.source.SourceTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit, read from the object database without a checkout. The tree is listed once
 * (paths to blob ids); file contents are read on demand.
 */
public final class GitTree implements SourceTree {
    private final Repository repository;
    private final String commit;
    private final Map<String, ObjectId> blobs;
    private final Map<String, TreeSet<String>> fileNames = new HashMap<>();
    private final Map<String, TreeSet<String>> dirNames = new HashMap<>();

    private GitTree(Repository repository, String commit, Map<String, ObjectId> blobs) {
        this.repository = repository;
        this.commit = commit;
        this.blobs = blobs;
        dirNames.put("", new TreeSet<>());
        for (String path : blobs.keySet()) {
            int slash = path.lastIndexOf('/');
            String dir = slash < 0 ? "" : path.substring(0, slash);
            fileNames.computeIfAbsent(dir, d -> new TreeSet<>()).add(path.substring(slash + 1));
            registerDir(dir);
        }
    }

    private void registerDir(String dir) {
        while (!dir.isEmpty()) {
            int slash = dir.lastIndexOf('/');
            String parent = slash < 0 ? "" : dir.substring(0, slash);
            if (!dirNames.computeIfAbsent(parent, d -> new TreeSet<>()).add(dir.substring(slash + 1))) {
                return;
            }
            dirNames.computeIfAbsent(dir, d -> new TreeSet<>());
            dir = parent;
        }
    }

    static GitTree of(Repository repository, RevCommit commit) throws IOException {
        return of(repository, commit.getTree(), commit.name());
    }

    /** The files of a tree object (for instance a tree built in memory), reported as read at {@code revision}. */
    public static GitTree of(Repository repository, org.eclipse.jgit.lib.AnyObjectId tree, String revision)
            throws IOException {
        Map<String, ObjectId> blobs = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                // Regular and executable files only: symlinks and submodules hold no configuration we can read.
                if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    blobs.put(walk.getPathString(), walk.getObjectId(0));
                }
            }
        }
        return new GitTree(repository, revision, blobs);
    }

    @Override
    public List<String> files(String dir) {
        return new ArrayList<>(fileNames.getOrDefault(dir, new TreeSet<>()));
    }

    @Override
    public List<String> directories(String dir) {
        return new ArrayList<>(dirNames.getOrDefault(dir, new TreeSet<>()));
    }

    @Override
    public boolean isFile(String path) {
        return blobs.containsKey(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return dirNames.containsKey(path);
    }

    @Override
    public byte[] read(String path) throws IOException {
        ObjectId id = blobs.get(path);
        if (id == null) {
            throw new java.io.FileNotFoundException(path + " is not in commit " + commit);
        }
        return repository.open(id).getBytes();
    }

    @Override
    public java.util.Optional<String> contentId(String path) {
        return java.util.Optional.ofNullable(blobs.get(path)).map(ObjectId::name);
    }

    @Override
    public String revision() {
        return commit;
    }
}

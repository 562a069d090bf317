package dev.lbguard.source.git;

import dev.lbguard.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The files of one commit, read from the object database without a checkout. Its directories are listed when
 * the tree is made (so a missing object shows there, not in a later lookup), through listings shared by tree
 * id; file contents are read on demand. Symbolic links are followed as a checkout would have them (a shared
 * {@code globals.tf} linked into each stack is read there), but only within the repository: a link that leaves it,
 * dangles or loops is listed as a file whose read fails, naming the link, so the reader reports it. Links to
 * directories resolve but are not listed (see {@link #list}).
 */
public final class GitTree implements SourceTree {
    /** As Linux: more links than this on one path is taken for a loop. */
    private static final int MAX_LINKS = 40;

    private final Repository repository;
    private final String commit;
    private final TreeListings.Dir root;
    // Link targets, read once per tree: a history has many trees and few links.
    private final Map<ObjectId, String> targets = new HashMap<>();

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

    /**
     * Where a path led: the links followed, the path reached (when the walk did not break), the dir or file there,
     * and why the walk broke (a link leaving the repository, a loop).
     */
    private record Walk(List<String> links, Optional<String> reached, TreeListings.Dir dir, ObjectId blob,
                        Optional<String> broken) {
    }

    @Override
    public List<String> files(String dir) {
        return list(dir, false);
    }

    @Override
    public List<String> directories(String dir) {
        return list(dir, true);
    }

    /**
     * A directory's files or subdirectories. A link is listed as a file unless it leads to a directory; a link to a
     * directory is not listed at all, as {@code find} lists none without {@code -L}: a walk of the tree must neither
     * loop through a link to a parent nor find one module twice. Paths through such a link still resolve (a module
     * source naming it is read).
     */
    private List<String> list(String dir, boolean directories) {
        Walk w = walk(dir);
        TreeListings.Dir d = w.dir();
        if (d == null) {
            return new ArrayList<>();
        }
        if (directories) {
            return new ArrayList<>(d.dirs().keySet());
        }
        List<String> names = new ArrayList<>(d.files().keySet());
        if (!d.links().isEmpty()) {
            String real = w.reached().orElse(dir);
            for (String link : d.links().keySet()) {
                // A broken link is a file whose read says what is wrong with it, so the reader reports it.
                if (walk(SourceTree.join(real, link)).dir() == null) {
                    names.add(link);
                }
            }
            names.sort(null);
        }
        return names;
    }

    @Override
    public boolean isFile(String path) {
        return !path.isEmpty() && walk(path).blob() != null;
    }

    @Override
    public boolean isDirectory(String path) {
        return walk(path).dir() != null;
    }

    @Override
    public byte[] read(String path) throws IOException {
        Walk w = path.isEmpty() ? null : walk(path);
        if (w == null || w.blob() == null) {
            throw new java.io.FileNotFoundException(w == null || w.links().isEmpty()
                    ? path + " is not in commit " + commit : brokenLink(path, w));
        }
        try {
            return repository.open(w.blob()).getBytes();
        } catch (org.eclipse.jgit.errors.LargeObjectException e) {
            // JGit reads whole blobs only below its streaming threshold (50 MB): no configuration is that large.
            throw new IOException(path + " is larger than lbguard reads (50 MB)");
        }
    }

    @Override
    public Optional<String> contentId(String path) {
        return Optional.ofNullable(path.isEmpty() ? null : walk(path).blob()).map(ObjectId::name);
    }

    @Override
    public Followed follow(String path) {
        Walk w = walk(path);
        return new Followed(w.links(), w.reached());
    }

    @Override
    public String revision() {
        return commit;
    }

    /** Why a path that goes through links reads nothing, naming the last link and its target. */
    private String brokenLink(String path, Walk w) {
        String link = w.links().get(w.links().size() - 1);
        String why = w.broken().orElse(w.dir() != null ? "which is a directory"
                : "which does not exist in commit " + commit);
        return (link.equals(path) ? "" : "it goes through " + link + ", ") + "a symbolic link to " + target(link)
                + ", " + why;
    }

    /** The target of the link at {@code linkPath}, as written in it. */
    private String target(String linkPath) {
        int slash = linkPath.lastIndexOf('/');
        TreeListings.Dir d = walk(slash < 0 ? "" : linkPath.substring(0, slash)).dir();
        ObjectId id = d == null ? null : d.links().get(linkPath.substring(slash + 1));
        return id == null ? "?" : target(id);
    }

    private String target(ObjectId link) {
        return targets.computeIfAbsent(link, id -> {
            try {
                return new String(repository.open(id).getBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "/(unreadable link " + id.name() + ")";
            }
        });
    }

    /**
     * Follows {@code path} through the listings, as the file system of a checkout resolves it: each link's target is
     * taken relative to the link's directory, {@code ..} in a target goes to the real parent. The path itself is
     * in normal form (as the tree's own listing spells paths); only link targets may hold {@code .} and {@code ..}.
     */
    private Walk walk(String path) {
        if (!wellFormed(path)) {
            return new Walk(List.of(), Optional.of(path), null, null, Optional.empty());
        }
        // Most paths meet no link: looked up name by name, as before links were followed, without the walk's lists.
        TreeListings.Dir d = root;
        ObjectId file = null;
        for (int start = 0; start < path.length() && d != null; ) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String name = path.substring(start, end);
            if (!d.links().isEmpty() && d.links().containsKey(name)) {
                return walkThroughLinks(path);
            }
            file = slash < 0 ? d.files().get(name) : null;
            d = file != null ? null : d.dirs().get(name);
            start = end + 1;
        }
        return new Walk(List.of(), Optional.of(path), d, file, Optional.empty());
    }

    /** {@link #walk} for a path that meets a link. */
    private Walk walkThroughLinks(String path) {
        Deque<String> pending = new ArrayDeque<>(List.of(path.isEmpty() ? new String[0] : path.split("/")));
        List<String> links = List.of();
        StringBuilder reached = new StringBuilder();
        TreeListings.Dir dir = root;
        ObjectId blob = null;
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            if (blob != null) {
                // A file is no directory: nothing is below it.
                dir = null;
                blob = null;
            }
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (reached.length() == 0) {
                    return broken(links, "which leaves the repository");
                }
                int slash = reached.lastIndexOf("/");
                reached.setLength(Math.max(slash, 0));
                dir = walk(reached.toString()).dir();
                continue;
            }
            String here = reached.length() == 0 ? name : reached + "/" + name;
            ObjectId link = dir == null ? null : dir.links().get(name);
            if (link != null) {
                if (links.size() >= MAX_LINKS) {
                    return broken(links, "which is a loop of symbolic links");
                }
                links = new ArrayList<>(links);
                links.add(here);
                String target = target(link);
                if (target.startsWith("/")) {
                    return broken(links, "an absolute path, which leaves the repository");
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    pending.addFirst(parts[i]);
                }
                continue;
            }
            reached.setLength(0);
            reached.append(here);
            blob = dir == null ? null : dir.files().get(name);
            dir = dir == null || blob != null ? null : dir.dirs().get(name);
        }
        return new Walk(links, Optional.of(reached.toString()), dir, blob, Optional.empty());
    }

    private static Walk broken(List<String> links, String why) {
        return new Walk(links, Optional.empty(), null, null, Optional.of(why));
    }

    /** Paths are in normal form, as the tree's own listing spells them: no empty, {@code .} or {@code ..} segment. */
    private static boolean wellFormed(String path) {
        if (path.isEmpty()) {
            return true;
        }
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            int length = end - start;
            if (length == 0 || length <= 2 && path.startsWith(length == 1 ? "." : "..", start)) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            start = slash + 1;
        }
    }
}

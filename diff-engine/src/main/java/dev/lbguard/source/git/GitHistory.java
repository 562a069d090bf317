package dev.lbguard.source.git;

import dev.lbguard.model.Commit;
import dev.lbguard.model.HistoryWindow;
import dev.lbguard.source.SourceException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Windows of history along first parents (as {@code git log --first-parent}): a merge counts as one commit
 * bringing in its branch, which is what reached the main line. Refuses, rather than shortens, a window that
 * reaches past the start of a shallow clone.
 */
public final class GitHistory {
    private final GitRepository git;
    private RevWalk trees;
    private TreeWalk treeWalk;

    public GitHistory(GitRepository git) {
        this.git = git;
    }

    /** The commits of {@code from..to}: reachable from {@code to} along first parents, not from {@code from}. */
    public HistoryWindow range(String from, String to) throws SourceException {
        RevCommit start = resolveInWindow(from, from + ".." + to);
        RevCommit end = git.resolve(to);
        Repository repo = git.jgit();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(end));
            walk.markUninteresting(walk.parseCommit(start));
            List<RevCommit> commits = new ArrayList<>();
            for (RevCommit c : walk) {
                commits.add(c);
            }
            if (commits.isEmpty() && !start.equals(end)) {
                // Everything to reaches, from reaches too: to is older. git would list nothing; a timeline that
                // said "no change" between two different revisions would be wrong, so it says which comes first.
                throw new SourceException("the range " + from + ".." + to + " has no commits: " + to
                        + " is an ancestor of " + from + ". Give the older revision first: --range " + to + ".." + from);
            }
            Set<ObjectId> shallow = repoShallow();
            if (!commits.isEmpty() && shallow.contains(commits.get(commits.size() - 1))) {
                throw shallow(from + ".." + to, commits.get(commits.size() - 1));
            }
            Collections.reverse(commits);
            return new HistoryWindow(Optional.of(Commits.of(start)), commits.stream().map(Commits::of).toList(),
                    from, to);
        } catch (MissingObjectException e) {
            throw shallowOrMissing(from + ".." + to, e);
        } catch (IOException e) {
            throw new SourceException("cannot walk the history of " + from + ".." + to + ": " + e.getMessage(), e);
        }
    }

    /**
     * The commits on {@code to}'s first-parent line committed at or after {@code since} (and not after
     * {@code until}); the window ends at the first older commit, as the commit dates of a main line only grow.
     */
    public HistoryWindow since(Instant since, Optional<Instant> until, String to, String sinceLabel)
            throws SourceException {
        RevCommit end = git.resolve(to);
        String what = "--since " + sinceLabel;
        try (RevWalk walk = new RevWalk(git.jgit())) {
            Set<ObjectId> shallow = repoShallow();
            List<RevCommit> commits = new ArrayList<>();
            RevCommit c = walk.parseCommit(end);
            Optional<Commit> base = Optional.empty();
            while (true) {
                Instant when = c.getCommitterIdent().getWhenAsInstant();
                if (when.isBefore(since)) {
                    base = Optional.of(Commits.of(c));
                    break;
                }
                if (until.isEmpty() || !when.isAfter(until.get())) {
                    commits.add(c);
                }
                if (c.getParentCount() == 0) {
                    if (shallow.contains(c)) {
                        throw shallow(what, c);
                    }
                    break;
                }
                c = walk.parseCommit(c.getParent(0));
            }
            Collections.reverse(commits);
            // The start is named by its commit: an age such as 2h means another commit an hour later.
            return new HistoryWindow(base, commits.stream().map(Commits::of).toList(),
                    base.map(Commit::id).orElse(sinceLabel), to);
        } catch (MissingObjectException e) {
            throw shallowOrMissing(what, e);
        } catch (IOException e) {
            throw new SourceException("cannot walk the history " + what + ": " + e.getMessage(), e);
        }
    }

    /** The commits a merge brought in (reachable from its other parents, not its first), newest first. */
    public List<Commit> mergedCommits(Commit merge) throws SourceException {
        if (!merge.isMerge()) {
            return List.of();
        }
        try (RevWalk walk = new RevWalk(git.jgit())) {
            for (String p : merge.parents().subList(1, merge.parents().size())) {
                walk.markStart(walk.parseCommit(ObjectId.fromString(p)));
            }
            walk.markUninteresting(walk.parseCommit(ObjectId.fromString(merge.parents().get(0))));
            List<Commit> out = new ArrayList<>();
            for (RevCommit c : walk) {
                out.add(Commits.of(c));
            }
            return out;
        } catch (MissingObjectException e) {
            throw shallowOrMissing("of merge " + merge.shortId(), e);
        } catch (IOException e) {
            throw new SourceException("cannot list the commits of merge " + merge.shortId() + ": " + e.getMessage(), e);
        }
    }

    /** The paths whose content differs between two commits' trees ({@code parent} empty: every path). */
    public synchronized List<String> changedPaths(Optional<String> parent, String commit) throws SourceException {
        try {
            RevWalk walk = trees();
            TreeWalk tw = treeWalk;
            tw.reset();
            if (parent.isPresent()) {
                tw.addTree(walk.parseCommit(ObjectId.fromString(parent.get())).getTree());
            } else {
                tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
            }
            tw.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
            List<String> paths = new ArrayList<>();
            while (tw.next()) {
                paths.add(tw.getPathString());
            }
            return paths;
        } catch (IOException e) {
            throw new SourceException("cannot compare commit " + commit + " with its parent: " + e.getMessage(), e);
        }
    }

    /** The id of the tree at {@code dir} in {@code commit} ({@code ""}: the root), or empty if there is none. */
    public Optional<String> treeId(String commit, String dir) throws SourceException {
        return objectId(commit, dir, true);
    }

    /** The id of the file at {@code path} in {@code commit}, or empty if there is none. */
    public Optional<String> fileId(String commit, String path) throws SourceException {
        return objectId(commit, path, false);
    }

    /**
     * What the entry at {@code path} is in {@code commit}: its mode's type bits ({@link FileMode#TYPE_FILE},
     * {@code TYPE_TREE}, {@code TYPE_SYMLINK}, {@code TYPE_GITLINK}), or empty when there is none. A file turned into
     * a directory or a link changes a directory's listing though a path exists on both sides.
     */
    public synchronized java.util.OptionalInt entryType(String commit, String path) throws SourceException {
        try {
            RevWalk walk = trees();
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            if (path.isEmpty()) {
                return java.util.OptionalInt.of(FileMode.TYPE_TREE);
            }
            try (TreeWalk tw = TreeWalk.forPath(walk.getObjectReader(), path, c.getTree())) {
                return tw == null ? java.util.OptionalInt.empty()
                        : java.util.OptionalInt.of(tw.getRawMode(0) & FileMode.TYPE_MASK);
            }
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
        }
    }

    private synchronized Optional<String> objectId(String commit, String dir, boolean tree) throws SourceException {
        try {
            RevWalk walk = trees();
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            if (dir.isEmpty()) {
                return Optional.of(c.getTree().name());
            }
            try (TreeWalk tw = TreeWalk.forPath(walk.getObjectReader(), dir, c.getTree())) {
                return tw == null || tw.isSubtree() != tree ? Optional.empty() : Optional.of(tw.getObjectId(0).name());
            }
        } catch (IOException e) {
            throw new SourceException("cannot read " + dir + " at " + commit + ": " + e.getMessage(), e);
        }
    }

    /**
     * One walk and one tree walk for every tree comparison of this history: a timeline compares thousands of
     * commits, and a walk per comparison (each with its own reader and parsed commits) cost more than the
     * comparisons. Neither holds more than parsed commit headers; their reader needs no closing to be correct.
     */
    private RevWalk trees() {
        if (trees == null) {
            trees = new RevWalk(git.jgit());
            treeWalk = new TreeWalk(git.jgit(), trees.getObjectReader());
            treeWalk.setRecursive(true);
            // ANY_DIFF makes the walk skip every subtree whose id is equal on both sides: cost follows the change.
            treeWalk.setFilter(TreeFilter.ANY_DIFF);
        }
        return trees;
    }

    private Set<ObjectId> repoShallow() throws IOException {
        return git.jgit().getObjectDatabase().getShallowCommits();
    }

    private RevCommit resolveInWindow(String rev, String what) throws SourceException {
        try {
            return git.resolve(rev);
        } catch (SourceException e) {
            if (git.isShallow()) {
                throw new SourceException("the window " + what + " starts at '" + rev + "', which this shallow clone "
                        + "does not have. " + FIX);
            }
            throw e;
        }
    }

    /** How to get the history a shallow clone lacks, in the two places it is usually met. */
    public static final String FIX = "Fetch the missing history and retry: in GitHub Actions set 'fetch-depth: 0' "
            + "on actions/checkout; elsewhere run 'git fetch --deepen=<commits>' (or 'git fetch --unshallow'). "
            + "lbguard shows no partial timeline, since the commits it cannot see may be the ones that matter.";

    private static SourceException shallow(String what, RevCommit boundary) {
        return new SourceException("this is a shallow clone and its history ends at " + boundary.name().substring(0, 12)
                + " (" + boundary.getShortMessage() + "), inside the window " + what + ". " + FIX);
    }

    private SourceException shallowOrMissing(String what, MissingObjectException e) {
        if (git.isShallow()) {
            return new SourceException("this shallow clone lacks commits of the window " + what + ". " + FIX);
        }
        return new SourceException("the repository is missing objects of the window " + what + ": " + e.getMessage());
    }

}

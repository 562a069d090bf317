package dev.lbguard.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The floor under any timeline built on JGit: a process that does only the first-parent walk of a history and one
 * tree diff per commit, the least a timeline needs before it reads a single file. {@link TimelineBench} times it
 * as a whole process, as it times git and lbguard. Usage: {@code JGitWalkFloor <repository>}.
 */
public final class JGitWalkFloor {
    private JGitWalkFloor() {
    }

    public static void main(String[] args) throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(new File(args[0], ".git")).build();
             RevWalk walk = new RevWalk(repo); TreeWalk diff = new TreeWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(repo.resolve("HEAD")));
            List<RevCommit> commits = new ArrayList<>();
            for (RevCommit c : walk) {
                commits.add(c);
            }
            diff.setRecursive(true);
            diff.setFilter(TreeFilter.ANY_DIFF);
            long paths = 0;
            for (RevCommit c : commits) {
                diff.reset();
                if (c.getParentCount() == 0) {
                    diff.addTree(new EmptyTreeIterator());
                } else {
                    diff.addTree(c.getParent(0).getTree());
                }
                diff.addTree(c.getTree());
                while (diff.next()) {
                    paths++;
                }
            }
            System.out.println(commits.size() + " commits, " + paths + " changed paths");
        }
    }
}

package dev.lbguard.analysis;

import dev.lbguard.model.Commit;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.git.GitHistory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether one commit's changed paths change what reading a root read. A Terraform root module (with its local
 * modules' directories) reads the Terraform files directly in its directories, the files its functions read and the
 * directories they list: an edited README, {@code .gitignore} or CI file beside them, or another root below it,
 * changes nothing (a root at the top of a repository took every commit of public histories for a change of its
 * load-balancer definitions). What may change what it reads does: a Terraform file (or var file, lock file, anything
 * under {@code .terraform}) directly in one of its directories, whether read before or not; a file it read; a path
 * added or deleted in a directory it listed (such as its own); anything under what it read outside its
 * directories. An Ansible tree or an HAProxy dir changes with anything under it: not all their readers are recorded.
 */
final class RootTouches {
    private final GitHistory history;
    private final Commit commit;
    private final Map<String, Boolean> cameOrWent = new HashMap<>();

    RootTouches(GitHistory history, Commit commit) {
        this.history = history;
        this.commit = commit;
    }

    /**
     * Whether a change to {@code path} may change the root that reads {@code dirs} and read {@code reads} at the
     * parent commit.
     */
    boolean touches(String path, List<String> dirs, RootReads reads, boolean terraform) {
        if (reads.touches(path)) {
            return true;
        }
        if (!terraform) {
            return HistorySnapshots.underAny(path, dirs);
        }
        if (reads.insideFiles().contains(path) || terraformFileIn(path, dirs)) {
            return true;
        }
        return HistorySnapshots.underAny(path, dirs) && listingChanged(path, dirs, reads);
    }

    /** A file Terraform (or Terragrunt) reads by its name alone, directly in one of {@code dirs}. */
    static boolean terraformFileIn(String path, List<String> dirs) {
        for (String d : dirs) {
            String prefix = d.isEmpty() ? "" : d + "/";
            if (!path.startsWith(prefix)) {
                continue;
            }
            String rest = path.substring(prefix.length());
            if (rest.startsWith(".terraform/")) {
                return true;
            }
            if (rest.indexOf('/') < 0 && (rest.endsWith(".tf") || rest.endsWith(".tf.json") || rest.endsWith(".tfvars")
                    || rest.endsWith(".tfvars.json") || rest.endsWith(".hcl"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a listing the reading made changed: for each directory above {@code path} that was listed (or looked
     * for), whether its child on the way to {@code path} came or went. An edited file changes no listing.
     */
    private boolean listingChanged(String path, List<String> dirs, RootReads reads) {
        for (int slash = path.lastIndexOf('/'); ; slash = path.lastIndexOf('/', slash - 1)) {
            String dir = slash < 0 ? "" : path.substring(0, slash);
            if (reads.insideDirs().contains(dir) || dirs.contains(dir)) {
                int end = path.indexOf('/', slash + 1);
                if (cameOrWent(end < 0 ? path : path.substring(0, end))) {
                    return true;
                }
            }
            if (slash < 0) {
                return false;
            }
        }
    }

    /**
     * Whether the commit added or deleted this file or directory, or changed its kind (a file turned into a
     * directory or a link: a listing of files leaves those out).
     */
    private boolean cameOrWent(String path) {
        return cameOrWent.computeIfAbsent(path, p -> {
            try {
                java.util.OptionalInt before = commit.parents().isEmpty() ? java.util.OptionalInt.empty()
                        : history.entryType(commit.parents().get(0), p);
                return !before.equals(history.entryType(commit.id(), p));
            } catch (SourceException e) {
                return true; // cannot tell: taken as changing the root, never as leaving it alike
            }
        });
    }
}

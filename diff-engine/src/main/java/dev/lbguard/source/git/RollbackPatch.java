package dev.lbguard.source.git;

import dev.lbguard.source.OverlayTree;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The patch that brings the files of some directories back from one commit to another (a {@code git apply}-able
 * unified diff), and that patch applied in memory to the first commit's files, so that what the patch does can be
 * checked without touching the repository or the work tree.
 */
public final class RollbackPatch {
    /**
     * The patch text and the paths it changes (added, deleted or modified), sorted; and the binary files that
     * differ from the target, which a text patch cannot carry (JGit writes no binary patches, and git apply
     * refuses "Binary files differ"): they are left as they are, and named. {@code appliedInMemory} is false when
     * JGit's applier could not apply the patch to files with CRLF line endings (git apply can): the tree is then
     * the target's files, as the patch writes them.
     */
    public record Patched(String patch, List<String> paths, SourceTree tree, List<BinaryFile> binaries,
                          boolean appliedInMemory) {
        public Patched {
            paths = List.copyOf(paths);
            binaries = List.copyOf(binaries);
        }
    }

    /** A binary file left out of the patch; {@code atTarget} false when the target has no such file. */
    public record BinaryFile(String path, boolean atTarget) {
    }

    private final GitRepository git;
    private final Scope scope;

    /**
     * @param files files outside those directories that the patch covers too (a committed --var-file)
     * @param wholeRoot whether the repository root, when among {@code dirs}, covers its subdirectories too (an
     *                  Ansible tree or HAProxy dir there reads them; a Terraform root module only its own files)
     */
    public RollbackPatch(GitRepository git, List<String> dirs, List<String> files, boolean wholeRoot) {
        this(git, dirs, files, wholeRoot, List.of());
    }

    /** @param kept files the patch leaves as they are even inside those directories (the policy that judges it) */
    public RollbackPatch(GitRepository git, List<String> dirs, List<String> files, boolean wholeRoot,
                         List<String> kept) {
        this.git = git;
        this.scope = new Scope(dirs, files, wholeRoot, kept);
    }

    /** Whether a path belongs to the directories the patch covers. */
    public boolean inScope(String path) {
        return scope.containsFile(path);
    }

    /** The patch from {@code from} to {@code to}, and the result of applying it to {@code from}'s files. */
    public Patched between(RevCommit from, RevCommit to) throws SourceException {
        Repository repo = git.jgit();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> paths = new ArrayList<>();
        List<BinaryFile> binaries = new ArrayList<>();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setRepository(repo);
            f.setPathFilter(scope.filter());
            f.setDetectRenames(false);
            for (DiffEntry e : f.scan(from.getTree(), to.getTree())) {
                String path = e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath();
                if (isBinary(repo, e.getOldMode(), e.getOldId().toObjectId())
                        || isBinary(repo, e.getNewMode(), e.getNewId().toObjectId())) {
                    binaries.add(new BinaryFile(path, e.getChangeType() != DiffEntry.ChangeType.DELETE));
                    continue;
                }
                paths.add(path);
                f.format(e);
            }
            f.flush();
        } catch (IOException e) {
            throw new SourceException("cannot write the rollback patch: " + e.getMessage(), e);
        }
        String patch = out.toString(StandardCharsets.UTF_8);
        if (patch.startsWith("Binary files ") || patch.contains("\nBinary files ")) {
            // JGit judged a file binary that lbguard did not (a file beyond its size limit, say): git apply cannot
            // use such a patch, and no patch is better than one that does not apply.
            throw new SourceException("the rollback patch would hold a binary diff git apply cannot use; restore the "
                    + "files with git checkout " + to.name().substring(0, 12) + " -- <paths> instead");
        }
        SourceTree fromTree = git.tree(from.name());
        SourceTree applied;
        boolean inMemory = true;
        try {
            applied = applyInMemory(repo, from, patch);
        } catch (SourceException e) {
            if (!touchesCrlf(repo, from, paths)) {
                throw e;
            }
            // JGit's applier misreads hunks of CRLF files that git apply takes; the target's files are what the
            // patch writes (binary files aside, which stay as in from).
            List<String> binaryPaths = binaries.stream().map(BinaryFile::path).toList();
            applied = new OverlayTree(git.tree(to.name()), fromTree, binaryPaths::contains, "target");
            inMemory = false;
        }
        return new Patched(patch, paths.stream().sorted().toList(),
                new OverlayTree(fromTree, applied, scope::containsFile, "patched " + from.name()),
                binaries.stream().sorted(java.util.Comparator.comparing(BinaryFile::path)).toList(), inMemory);
    }

    private static boolean touchesCrlf(Repository repo, RevCommit from, List<String> paths) throws SourceException {
        try {
            for (String path : paths) {
                try (TreeWalk tw = TreeWalk.forPath(repo, path, from.getTree())) {
                    if (tw != null && new String(repo.open(tw.getObjectId(0)).getCachedBytes(Integer.MAX_VALUE),
                            StandardCharsets.ISO_8859_1).contains("\r\n")) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new SourceException("cannot read " + from.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * As JGit's diff decides it (it writes "Binary files differ" for such a file, which git apply cannot use): a NUL
     * byte, or a carriage return alone. Submodule commits are no files of ours.
     */
    private static boolean isBinary(Repository repo, org.eclipse.jgit.lib.FileMode mode, ObjectId blob)
            throws IOException {
        if (blob.equals(ObjectId.zeroId()) || (mode.getBits() & org.eclipse.jgit.lib.FileMode.TYPE_MASK)
                != org.eclipse.jgit.lib.FileMode.TYPE_FILE) {
            return false;
        }
        return org.eclipse.jgit.diff.RawText.isBinary(repo.open(blob).getCachedBytes(Integer.MAX_VALUE));
    }

    /**
     * Applies the patch text with JGit's own {@code git apply} to a copy of {@code from}'s files in the covered
     * directories, held in an in-memory repository: the repository itself gets no object.
     */
    private SourceTree applyInMemory(Repository repo, RevCommit from, String patchText) throws SourceException {
        InMemoryRepository mem = new InMemoryRepository(new DfsRepositoryDescription("lbguard-rollback"));
        try (ObjectInserter ins = mem.newObjectInserter(); TreeWalk tw = new TreeWalk(repo)) {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            tw.addTree(from.getTree());
            tw.setRecursive(true);
            tw.setFilter(scope.filter());
            while (tw.next()) {
                DirCacheEntry e = new DirCacheEntry(tw.getPathString());
                e.setFileMode(tw.getFileMode(0));
                e.setObjectId(ins.insert(Constants.OBJ_BLOB, repo.open(tw.getObjectId(0)).getBytes()));
                b.add(e);
            }
            b.finish();
            ObjectId treeId = dc.writeTree(ins);
            ins.flush();
            RevTree before;
            try (RevWalk walk = new RevWalk(mem)) {
                before = walk.parseTree(treeId);
            }
            Patch p = new Patch();
            p.parse(new ByteArrayInputStream(patchText.getBytes(StandardCharsets.UTF_8)));
            if (!p.getErrors().isEmpty()) {
                throw new SourceException("the rollback patch does not parse: " + p.getErrors().get(0).getMessage());
            }
            PatchApplier.Result r;
            try (ObjectInserter applied = mem.newObjectInserter()) {
                r = new PatchApplier(mem, before, applied).applyPatch(p);
                applied.flush();
            }
            if (!r.getErrors().isEmpty()) {
                throw new SourceException("the rollback patch does not apply to " + from.name() + ": "
                        + r.getErrors().get(0));
            }
            return GitTree.of(mem, r.getTreeId(), "patched");
        } catch (IOException e) {
            throw new SourceException("cannot apply the rollback patch in memory: " + e.getMessage(), e);
        }
    }

    /** The covered directories (their files and subdirectories, hidden ones (tool state) left out) and files. */
    private record Scope(List<String> dirs, List<String> files, boolean wholeRoot, List<String> kept) {
        Scope {
            dirs = List.copyOf(dirs);
            files = List.copyOf(files);
            kept = List.copyOf(kept);
        }

        boolean containsFile(String path) {
            if (kept.contains(path)) {
                return false;
            }
            if (files.contains(path)) {
                return true;
            }
            for (String segment : path.split("/")) {
                if (segment.startsWith(".")) {
                    return false;
                }
            }
            for (String d : dirs) {
                // The repository root as a module covers only its own files: its subdirectories are other things.
                if (d.isEmpty() ? wholeRoot || path.indexOf('/') < 0 : path.startsWith(d + "/")) {
                    return true;
                }
            }
            return false;
        }

        boolean mayContain(String dir) {
            if (files.stream().anyMatch(f -> f.startsWith(dir + "/"))) {
                return true;
            }
            if (dir.startsWith(".") || dir.contains("/.")) {
                return false;
            }
            for (String d : dirs) {
                if (d.isEmpty() ? wholeRoot : d.equals(dir) || d.startsWith(dir + "/") || dir.startsWith(d + "/")) {
                    return true;
                }
            }
            return false;
        }

        org.eclipse.jgit.treewalk.filter.TreeFilter filter() {
            return new org.eclipse.jgit.treewalk.filter.TreeFilter() {
                @Override
                public boolean include(TreeWalk walker) {
                    String path = walker.getPathString();
                    return walker.isSubtree() ? mayContain(path) : containsFile(path);
                }

                @Override
                public boolean shouldBeRecursive() {
                    return true;
                }

                @Override
                public org.eclipse.jgit.treewalk.filter.TreeFilter clone() {
                    return this;
                }
            };
        }
    }
}

package dev.lbguard.source;

import java.io.IOException;
import java.util.List;

/**
 * A read-only tree of files: a directory on disk or a git revision read straight from the object
 * database. Paths are relative to the tree's root, separated by {@code /}; the root itself is {@code ""}.
 */
public interface SourceTree {

    /**
     * This tree without recording what is read from it (see {@link RecordingTree}): for a look that only decides a
     * warning, so that what it looked at does not count as what a root reads (a timeline would see every change
     * there as the root's, and a rollback restore it).
     */
    default SourceTree unrecorded() {
        return this;
    }

    /** The names (not paths) of the regular files directly inside {@code dir}, sorted; empty if none or no such dir. */
    List<String> files(String dir);

    /** The names of the directories directly inside {@code dir}, sorted. */
    List<String> directories(String dir);

    boolean isFile(String path);

    boolean isDirectory(String path);

    /** The bytes of a file. */
    byte[] read(String path) throws IOException;

    /**
     * An id of the file's content that changes whenever the content does (a git blob id), or empty when the
     * tree cannot tell without reading it; lets callers that scan many revisions reuse what they learnt.
     */
    default java.util.Optional<String> contentId(String path) {
        return java.util.Optional.empty();
    }

    /**
     * Where {@code path} leads once symbolic links are followed, as a checkout has it. A reader that must notice
     * changes to what it read (a history walk) watches these paths too: a link's target may lie outside the
     * directories it reads. Trees that follow links themselves, or have none, answer with no links.
     */
    default Followed follow(String path) {
        return new Followed(List.of(), java.util.Optional.of(path));
    }

    /**
     * @param links   the symbolic links followed on the way, as paths in the tree ({@code path} itself when it is one)
     * @param reached the path finally reached, which may not exist; empty when a link leads out of the tree
     */
    record Followed(List<String> links, java.util.Optional<String> reached) {
        public Followed {
            links = List.copyOf(links);
        }
    }

    /** The revision this tree was read at: a commit id, or {@code ""} for files on disk. */
    String revision();

    /** Joins a directory and a name with {@code /}, treating {@code ""} as the root. */
    static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }
}

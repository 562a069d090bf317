package dev.lbguard.analysis;

import dev.lbguard.source.RecordingTree;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What reading a root asked for, existing or not: outside its own directories, the files and directories (an
 * inventory beside an Ansible tree, a file a Terraform function reads), a change to or under which changes the
 * root; within them, the files read and the directories listed (see {@link RootTouches}).
 */
public record RootReads(Set<String> files, Set<String> dirs, Set<String> insideFiles, Set<String> insideDirs) {
    static final RootReads NONE = new RootReads(Set.of(), Set.of(), Set.of(), Set.of());

    /** What {@code recorded} was asked while one root, reading {@code dirs}, was read. */
    static RootReads of(RecordingTree recorded, List<String> dirs) {
        return new RootReads(outside(recorded.files(), dirs, true), outside(recorded.dirs(), dirs, false),
                inside(recorded.files(), dirs), inside(recorded.dirs(), dirs));
    }

    /** Whether a change to {@code path} changes what was read outside the root's directories. */
    boolean touches(String path) {
        return files.contains(path) || HistorySnapshots.underAny(path, dirs);
    }

    private static Set<String> inside(Set<String> paths, List<String> dirs) {
        return Set.copyOf(paths.stream().filter(p -> dirs.contains(p) || HistorySnapshots.underAny(p, dirs)).toList());
    }

    /** The paths not within the root's directories (a directory itself or above one is not outside). */
    private static Set<String> outside(Set<String> paths, List<String> dirs, boolean files) {
        Set<String> out = new TreeSet<>();
        for (String p : paths) {
            boolean inside = HistorySnapshots.underAny(p, dirs) || !files && dirs.stream().anyMatch(d -> d.equals(p)
                    || p.isEmpty() || d.startsWith(p + "/"));
            if (!inside) {
                out.add(p);
            }
        }
        return Set.copyOf(out);
    }
}

package dev.lbguard.source;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tree that remembers what a reader asked of it: the files it read or looked for, and the directories it listed
 * or looked for. A history walk learns from it which paths outside a root's own directories a snapshot depends on
 * (an Ansible inventory beside the playbooks, a file a Terraform function reads, the target of a symbolic link), so
 * that a commit changing only one of them is seen to change that root.
 */
public final class RecordingTree implements SourceTree {
    private final SourceTree tree;
    private final Set<String> files = new TreeSet<>();
    private final Set<String> dirs = new TreeSet<>();

    public RecordingTree(SourceTree tree) {
        this.tree = tree;
    }

    /** The files read or looked for, existing or not. */
    public Set<String> files() {
        return files;
    }

    /** The directories listed or looked for, existing or not. */
    public Set<String> dirs() {
        return dirs;
    }

    @Override
    public SourceTree unrecorded() {
        return tree.unrecorded();
    }

    @Override
    public List<String> files(String dir) {
        recordDir(dir);
        return tree.files(dir);
    }

    @Override
    public List<String> directories(String dir) {
        recordDir(dir);
        return tree.directories(dir);
    }

    @Override
    public boolean isFile(String path) {
        recordFile(path);
        return tree.isFile(path);
    }

    @Override
    public boolean isDirectory(String path) {
        recordDir(path);
        return tree.isDirectory(path);
    }

    @Override
    public byte[] read(String path) throws IOException {
        recordFile(path);
        return tree.read(path);
    }

    @Override
    public Optional<String> contentId(String path) {
        recordFile(path);
        return tree.contentId(path);
    }

    @Override
    public Followed follow(String path) {
        return tree.follow(path);
    }

    /** A file, and where its symbolic links lead: a change to a link (a file in git) or to its target changes it. */
    private void recordFile(String path) {
        files.add(path);
        Followed f = tree.follow(path);
        files.addAll(f.links());
        f.reached().ifPresent(files::add);
    }

    private void recordDir(String dir) {
        dirs.add(dir);
        Followed f = tree.follow(dir);
        files.addAll(f.links());
        f.reached().ifPresent(dirs::add);
    }

    @Override
    public String revision() {
        return tree.revision();
    }
}

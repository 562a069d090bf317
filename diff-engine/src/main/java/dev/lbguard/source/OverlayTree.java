package dev.lbguard.source;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One tree seen through another: paths in scope come from {@code over} (present or not), every other path from
 * {@code base}. A revision with some files replaced, without a checkout: for instance HEAD with a patch applied to
 * its load-balancer files.
 */
public final class OverlayTree implements SourceTree {
    private final SourceTree base;
    private final SourceTree over;
    private final Predicate<String> inScope;
    private final String revision;

    public OverlayTree(SourceTree base, SourceTree over, Predicate<String> inScope, String revision) {
        this.base = base;
        this.over = over;
        this.inScope = inScope;
        this.revision = revision;
    }

    @Override
    public SourceTree unrecorded() {
        return new OverlayTree(base.unrecorded(), over.unrecorded(), inScope, revision);
    }

    @Override
    public List<String> files(String dir) {
        TreeSet<String> names = new TreeSet<>();
        for (String n : base.files(dir)) {
            if (!inScope.test(SourceTree.join(dir, n))) {
                names.add(n);
            }
        }
        for (String n : over.files(dir)) {
            if (inScope.test(SourceTree.join(dir, n))) {
                names.add(n);
            }
        }
        return List.copyOf(names);
    }

    /** The subdirectories with a file visible somewhere below: one whose files all went out of scope is gone. */
    @Override
    public List<String> directories(String dir) {
        TreeSet<String> names = new TreeSet<>(base.directories(dir));
        names.addAll(over.directories(dir));
        names.removeIf(n -> !isDirectory(SourceTree.join(dir, n)));
        return List.copyOf(names);
    }

    @Override
    public boolean isFile(String path) {
        return inScope.test(path) ? over.isFile(path) : base.isFile(path);
    }

    /** As in git, a directory exists while it holds a file: a patch that deletes a module's files removes it. */
    @Override
    public boolean isDirectory(String path) {
        if (!base.isDirectory(path) && !over.isDirectory(path)) {
            return false;
        }
        if (!files(path).isEmpty()) {
            return true;
        }
        TreeSet<String> names = new TreeSet<>(base.directories(path));
        names.addAll(over.directories(path));
        for (String n : names) {
            if (isDirectory(SourceTree.join(path, n))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] read(String path) throws IOException {
        return inScope.test(path) ? over.read(path) : base.read(path);
    }

    @Override
    public Optional<String> contentId(String path) {
        return inScope.test(path) ? over.contentId(path) : base.contentId(path);
    }

    @Override
    public String revision() {
        return revision;
    }
}

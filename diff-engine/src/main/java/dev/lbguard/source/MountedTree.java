package dev.lbguard.source;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tree with other trees mounted at directories of it: a path under a mount point comes from the mounted tree,
 * every other from the base. How a revision read from git sees the modules that {@code terraform init} installed in
 * the work tree ({@code .terraform/modules}), which git never holds.
 */
public final class MountedTree implements SourceTree {
    private final SourceTree base;
    // Mount point (a tree path, never empty) to the tree seen there.
    private final TreeMap<String, SourceTree> mounts;

    public MountedTree(SourceTree base, Map<String, SourceTree> mounts) {
        this.base = base;
        this.mounts = new TreeMap<>(mounts);
        if (this.mounts.containsKey("")) {
            throw new IllegalArgumentException("a tree cannot be mounted at the root");
        }
    }

    @Override
    public SourceTree unrecorded() {
        Map<String, SourceTree> plain = new TreeMap<>();
        mounts.forEach((point, tree) -> plain.put(point, tree.unrecorded()));
        return new MountedTree(base.unrecorded(), plain);
    }

    private record Mounted(SourceTree tree, String point, String path) {
        String outer(String inner) {
            return SourceTree.join(point, inner);
        }
    }

    /** Mounts {@code tree} at {@code point} from now on (a module found while reading). */
    public void mount(String point, SourceTree tree) {
        if (point.isEmpty()) {
            throw new IllegalArgumentException("a tree cannot be mounted at the root");
        }
        mounts.put(point, tree);
    }

    /** Whether something is mounted at {@code point}. */
    public boolean isMounted(String point) {
        return mounts.containsKey(point);
    }

    /** The mount that holds {@code path}, the deepest where mounts nest. */
    private Optional<Mounted> mountOf(String path) {
        String best = null;
        for (String point : mounts.keySet()) {
            if ((path.equals(point) || path.startsWith(point + "/")) && (best == null || point.length() > best.length())) {
                best = point;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String inner = path.length() == best.length() ? "" : path.substring(best.length() + 1);
        return Optional.of(new Mounted(mounts.get(best), best, inner));
    }

    @Override
    public List<String> files(String dir) {
        return mountOf(dir).map(m -> m.tree().files(m.path())).orElseGet(() -> base.files(dir));
    }

    @Override
    public List<String> directories(String dir) {
        Optional<Mounted> m = mountOf(dir);
        if (m.isPresent()) {
            return m.get().tree().directories(m.get().path());
        }
        TreeSet<String> names = new TreeSet<>(base.directories(dir));
        String prefix = dir.isEmpty() ? "" : dir + "/";
        for (String point : mounts.keySet()) {
            if (point.startsWith(prefix)) {
                names.add(point.substring(prefix.length()).split("/", 2)[0]);
            }
        }
        return List.copyOf(names);
    }

    @Override
    public boolean isFile(String path) {
        return mountOf(path).map(m -> m.tree().isFile(m.path())).orElseGet(() -> base.isFile(path));
    }

    @Override
    public boolean isDirectory(String path) {
        Optional<Mounted> m = mountOf(path);
        if (m.isPresent()) {
            return m.get().tree().isDirectory(m.get().path());
        }
        String prefix = path.isEmpty() ? "" : path + "/";
        return base.isDirectory(path) || mounts.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    @Override
    public byte[] read(String path) throws IOException {
        Optional<Mounted> m = mountOf(path);
        return m.isPresent() ? m.get().tree().read(m.get().path()) : base.read(path);
    }

    @Override
    public Optional<String> contentId(String path) {
        return mountOf(path).map(m -> m.tree().contentId(m.path())).orElseGet(() -> base.contentId(path));
    }

    @Override
    public Followed follow(String path) {
        Optional<Mounted> m = mountOf(path);
        if (m.isEmpty()) {
            return base.follow(path);
        }
        Followed inner = m.get().tree().follow(m.get().path());
        return new Followed(inner.links().stream().map(m.get()::outer).toList(), inner.reached().map(m.get()::outer));
    }

    @Override
    public String revision() {
        return base.revision();
    }
}

package dev.lbguard.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A {@link SourceTree} over a directory on disk. */
public final class DiskTree implements SourceTree {
    private final Path root;

    public DiskTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    private Path resolve(String path) {
        Path p = path.isEmpty() ? root : root.resolve(path).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("path leaves the tree: " + path);
        }
        return p;
    }

    @Override
    public List<String> files(String dir) {
        return list(dir, true);
    }

    @Override
    public List<String> directories(String dir) {
        return list(dir, false);
    }

    private List<String> list(String dir, boolean regularFiles) {
        Path d = resolve(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> regularFiles ? Files.isRegularFile(p) : Files.isDirectory(p))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> regularFiles || !n.equals(".git"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public boolean isFile(String path) {
        return Files.isRegularFile(resolve(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(resolve(path));
    }

    @Override
    public byte[] read(String path) throws IOException {
        return Files.readAllBytes(resolve(path));
    }

    @Override
    public String revision() {
        return "";
    }
}

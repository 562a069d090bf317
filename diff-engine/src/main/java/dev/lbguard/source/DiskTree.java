package dev.lbguard.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link SourceTree} over a directory on disk. Symbolic links are followed by the file system, but only within the
 * tree, as {@link dev.lbguard.source.git.GitTree} follows them in a commit: a link that leads out of the tree or
 * dangles is listed as a file whose read fails, naming the link, so that the reader reports it rather than reading
 * a file the repository does not hold or silently missing one. Links to directories resolve but are not listed, so
 * that a walk of the tree neither loops nor finds one module twice.
 */
public final class DiskTree implements SourceTree {
    private final Path root;
    private Path realRoot;

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
        if (!isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> regularFiles ? Files.isRegularFile(p) || brokenLink(p) || special(p)
                            : Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
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
        Path p = resolve(path);
        return Files.isRegularFile(p) && inside(p);
    }

    @Override
    public boolean isDirectory(String path) {
        return isDirectoryInside(resolve(path));
    }

    @Override
    public byte[] read(String path) throws IOException {
        Path p = resolve(path);
        if (!Files.exists(p) && Files.isSymbolicLink(p)) {
            throw new java.io.FileNotFoundException("a symbolic link to " + Files.readSymbolicLink(p)
                    + ", which does not exist");
        }
        if (!inside(p)) {
            throw new IOException(Files.isSymbolicLink(p) ? "a symbolic link to " + Files.readSymbolicLink(p)
                    + ", which leaves the repository" : "it goes through a symbolic link that leaves the repository");
        }
        if (!Files.isRegularFile(p)) {
            // A pipe would block the read forever and a device never ends; a checkout holds neither.
            throw new IOException("not a regular file (a pipe, socket or device); lbguard reads only regular files:"
                    + " replace it with the file's content or remove it");
        }
        if (Files.size(p) > MAX_FILE_BYTES) {
            // As for a commit (GitTree): no configuration is that large, and reading it whole could exhaust memory.
            throw new IOException(path + " is larger than lbguard reads (50 MB)");
        }
        return Files.readAllBytes(p);
    }

    /** The largest file read, as JGit's default streaming threshold bounds a commit's files. */
    public static final long MAX_FILE_BYTES = 50L * 1024 * 1024;

    @Override
    public String revision() {
        return "";
    }

    private boolean isDirectoryInside(Path p) {
        return Files.isDirectory(p) && inside(p);
    }

    /**
     * A link that leads to no directory of the tree: to a file outside it, outside altogether, or nowhere. It is
     * listed as a file so that reading it reports it, as a commit's tree does.
     */
    private boolean brokenLink(Path p) {
        return Files.isSymbolicLink(p) && !isDirectoryInside(p);
    }

    /**
     * A pipe, socket or device: listed as a file so that a reader that wants it (a {@code main.tf} made a pipe)
     * reports that it cannot read it, rather than the analysis silently missing it.
     */
    private static boolean special(Path p) {
        return Files.exists(p) && !Files.isDirectory(p) && !Files.isRegularFile(p);
    }

    /** Whether {@code p}, with every link followed, is within the tree. */
    private boolean inside(Path p) {
        try {
            return p.toRealPath().startsWith(realRoot());
        } catch (IOException e) {
            return false;
        }
    }

    private Path realRoot() {
        if (realRoot == null) {
            try {
                realRoot = root.toRealPath();
            } catch (IOException e) {
                realRoot = root;
            }
        }
        return realRoot;
    }
}

package dev.lbguard.source.terraform;

import dev.lbguard.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tree of files held in memory, at a revision; with content ids (a hash of the text, as git's blob ids are) when
 * asked for, so that what reads many revisions can tell unchanged files.
 */
record MemoryTree(Map<String, String> content, String revision, boolean identified) implements SourceTree {
    MemoryTree {
        content = new TreeMap<>(content);
    }

    MemoryTree(Map<String, String> content) {
        this(content, "0123abc", false);
    }

    @Override
    public List<String> files(String dir) {
        return content.keySet().stream().filter(p -> parent(p).equals(dir))
                .map(p -> p.substring(p.lastIndexOf('/') + 1)).sorted().toList();
    }

    @Override
    public List<String> directories(String dir) {
        return content.keySet().stream().map(MemoryTree::parent).filter(p -> !p.isEmpty() && parent(p).equals(dir))
                .map(p -> p.substring(p.lastIndexOf('/') + 1)).distinct().sorted().toList();
    }

    @Override
    public boolean isFile(String path) {
        return content.containsKey(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return path.isEmpty() || content.keySet().stream().anyMatch(p -> p.startsWith(path + "/"));
    }

    @Override
    public byte[] read(String path) throws IOException {
        String s = content.get(path);
        if (s == null) {
            throw new IOException("no " + path);
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<String> contentId(String path) {
        String s = content.get(path);
        if (!identified || s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(s.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String parent(String p) {
        int i = p.lastIndexOf('/');
        return i < 0 ? "" : p.substring(0, i);
    }
}

package dev.lbguard.source.terraform;

import dev.lbguard.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tree of files held in memory, at a revision; without content ids ({@link IdentifiedTree} adds them, as git's
 * blob ids are).
 */
record MemoryTree(Map<String, String> content, String revision) implements SourceTree {
    MemoryTree {
        content = new TreeMap<>(content);
    }

    MemoryTree(Map<String, String> content) {
        this(content, "0123abc");
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

    private static String parent(String p) {
        int i = p.lastIndexOf('/');
        return i < 0 ? "" : p.substring(0, i);
    }
}

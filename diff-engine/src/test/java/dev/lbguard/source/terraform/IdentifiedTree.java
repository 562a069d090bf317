package dev.lbguard.source.terraform;

import dev.lbguard.source.SourceTree;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** A tree whose files have content ids (a hash of their bytes), as a git revision's blobs have. */
record IdentifiedTree(SourceTree tree) implements SourceTree {
    @Override
    public List<String> files(String dir) {
        return tree.files(dir);
    }

    @Override
    public List<String> directories(String dir) {
        return tree.directories(dir);
    }

    @Override
    public boolean isFile(String path) {
        return tree.isFile(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return tree.isDirectory(path);
    }

    @Override
    public byte[] read(String path) throws IOException {
        return tree.read(path);
    }

    @Override
    public Optional<String> contentId(String path) {
        try {
            return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tree.read(path))));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Followed follow(String path) {
        return tree.follow(path);
    }

    @Override
    public String revision() {
        return tree.revision();
    }
}

package dev.lbguard.source;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether a directory of one tree holds exactly what a directory of another holds: the same files, byte for byte,
 * and the same subdirectories, alike. A root module whose directory moved so ({@code git mv envs/prod
 * envs/production}) took its backend block, and so its state, along (see {@link RootNames#movedRoots}).
 */
public final class SameFiles {
    private final SourceTree before;
    private final SourceTree after;

    public SameFiles(SourceTree before, SourceTree after) {
        this.before = before;
        this.after = after;
    }

    /** True when {@code dir} of the first tree holds what {@code other} of the second holds. */
    public boolean same(String dir, String other) {
        List<String> files = before.files(dir);
        List<String> dirs = before.directories(dir);
        if (!files.equals(after.files(other)) || !dirs.equals(after.directories(other))) {
            return false;
        }
        for (String f : files) {
            if (!sameContent(SourceTree.join(dir, f), SourceTree.join(other, f))) {
                return false;
            }
        }
        for (String d : dirs) {
            if (!same(SourceTree.join(dir, d), SourceTree.join(other, d))) {
                return false;
            }
        }
        return true;
    }

    private boolean sameContent(String a, String b) {
        Optional<String> idA = before.contentId(a);
        Optional<String> idB = after.contentId(b);
        if (idA.isPresent() && idB.isPresent()) {
            return idA.equals(idB);
        }
        try {
            return Arrays.equals(before.read(a), after.read(b));
        } catch (IOException e) {
            return false; // what cannot be read is not known to be the same
        }
    }
}

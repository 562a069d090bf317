package dev.lbguard.source.terraform;

import dev.lbguard.source.SameFiles;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.value.Value;
import java.util.Optional;

/**
 * Whether a root directory of one tree is the same deployed stack as a directory of another (a root whose
 * directory moved, see {@link dev.lbguard.source.RootNames#movedRoots}): it holds the same files, byte for byte
 * ({@link SameFiles}: its backend block, and so its state, moved along), or, edited as it moved, its backend names
 * the same state ({@link StateLocation}).
 */
public final class SameStack {
    private final SourceTree before;
    private final SourceTree after;
    private final SameFiles files;

    public SameStack(SourceTree before, SourceTree after) {
        this.before = before;
        this.after = after;
        this.files = new SameFiles(before, after);
    }

    /** True when {@code dir} of the first tree and {@code other} of the second are one stack. */
    public boolean same(String dir, String other) {
        if (files.same(dir, other)) {
            return true;
        }
        Optional<Value> state = StateLocation.of(before, dir);
        return state.isPresent() && state.equals(StateLocation.of(after, other));
    }
}

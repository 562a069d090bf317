package dev.lbguard.diagnostic;

import java.util.Objects;

/**
 * Where something was read: a repository-relative path, a 1-based line and column (0 when unknown),
 * and the revision it was read at ("" for files on disk).
 */
public record SourceRef(String path, int line, int column, String revision) {
    public SourceRef {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(revision, "revision");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("negative position " + line + ":" + column);
        }
    }

    public static SourceRef of(String path, int line, int column) {
        return new SourceRef(path, line, column, "");
    }

    public static SourceRef file(String path) {
        return new SourceRef(path, 0, 0, "");
    }

    public SourceRef atRevision(String rev) {
        return new SourceRef(path, line, column, rev);
    }

    /** {@code path:line:column}, leaving out what is unknown; control characters in the path escaped. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(Printable.escape(path));
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        return s.toString();
    }
}

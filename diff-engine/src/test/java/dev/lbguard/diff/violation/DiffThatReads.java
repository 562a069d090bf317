package dev.lbguard.diff.violation;

/** A deliberate violation for {@code LayeringTest}: a diff that reads configuration itself. */
final class DiffThatReads {
    Object read() {
        return new dev.lbguard.source.DiskTree(java.nio.file.Path.of("."));
    }
}

package dev.lbguard.source.violation;

/** A deliberate violation for {@code LayeringTest}: a source that diffs, and prints. */
final class SourceThatDiffs {
    Object diff() {
        System.out.println("reading");
        return new dev.lbguard.diff.RouteDiffer();
    }
}

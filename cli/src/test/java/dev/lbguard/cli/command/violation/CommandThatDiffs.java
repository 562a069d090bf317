package dev.lbguard.cli.command.violation;

/** A deliberate violation for {@code CliArchitectureTest}: a command that diffs instead of running an analysis. */
final class CommandThatDiffs {
    Object diff() {
        return new dev.lbguard.diff.RouteDiffer();
    }
}

package dev.lbguard.cli.command;

import picocli.CommandLine.Option;

/** {@code --rev}: the one revision a command reads, for the commands that read one and say no more about it. */
final class RevisionOption {
    @Option(names = "--rev", paramLabel = "REV", defaultValue = "HEAD",
            description = "The git revision (branch, tag, HEAD~n, commit id, or WORKTREE). Default: ${DEFAULT-VALUE}.")
    String rev;
}

package dev.lbguard.cli.command;

import picocli.CommandLine.Option;

/** {@code --rev}: the one revision a command reads, for the commands that read one and say no more about it. */
final class RevisionOption {
    @Option(names = "--rev", paramLabel = "REV", defaultValue = "HEAD",
            description = "The git revision to read (branch, tag, HEAD~n, commit id, or WORKTREE for the files on "
                    + "disk). Default: ${DEFAULT-VALUE}, the last commit: uncommitted changes are read only with "
                    + "WORKTREE.")
    String rev;
}

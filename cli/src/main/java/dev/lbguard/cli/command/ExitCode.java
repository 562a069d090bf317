package dev.lbguard.cli.command;

/** The process exit codes of every lbguard command (CONTRACT.md). */
public enum ExitCode {
    /** Done, and nothing at or above {@code --fail-on}. */
    CLEAN(0),
    /** Findings (or drift) at or above {@code --fail-on}. */
    FINDINGS(1),
    /** Usage error or unusable input: bad flag, unknown revision, not a repository. */
    USAGE(2),
    /** Something that may affect routing could not be read or evaluated, so "no change" cannot be promised. */
    INCOMPLETE(3),
    /** A bug in lbguard. */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

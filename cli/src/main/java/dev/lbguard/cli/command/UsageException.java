package dev.lbguard.cli.command;

/** Input lbguard cannot use (a missing directory, an unknown revision): one sentence for the user, exit 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}

package dev.lbguard.source;

/**
 * Input that cannot be read at all (not a repository, an unknown revision): the message is one sentence
 * for the user, saying what to do.
 */
public final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}

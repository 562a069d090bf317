package dev.lbguard.analysis;

/**
 * An analysis cannot run as asked (a directory that is at neither revision, uncommitted changes where a rollback
 * would write): the message says what to do, and the command turns it into a usage error.
 */
public final class AnalysisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AnalysisException(String message) {
        super(message);
    }
}

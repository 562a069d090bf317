package dev.lbguard.source.hcl;

/**
 * Input that is not HCL native syntax. Carries the file, line and column of the offending token and
 * a message saying what was expected, for example {@code expected "}" to close the block opened at 3:20}.
 */
public final class HclSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    public HclSyntaxException(String file, int line, int column, String detail) {
        super(file + ":" + line + ":" + column + ": " + detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the position. */
    public String detail() {
        return detail;
    }
}

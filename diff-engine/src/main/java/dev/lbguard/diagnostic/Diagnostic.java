package dev.lbguard.diagnostic;

import java.util.Objects;

/**
 * A problem lbguard met while reading its input. Bad input produces diagnostics, not exceptions;
 * an error diagnostic means the analysis is incomplete and every report says so.
 *
 * @param code a short stable identifier such as {@code hcl-syntax} or {@code tf-unknown-function}
 */
public record Diagnostic(Severity severity, String code, String message, SourceRef source) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
    }

    public static Diagnostic error(String code, String message, SourceRef source) {
        return new Diagnostic(Severity.ERROR, code, message, source);
    }

    public static Diagnostic warning(String code, String message, SourceRef source) {
        return new Diagnostic(Severity.WARNING, code, message, source);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one-line form {@code path:line: level: message [code]}. */
    public String render() {
        return source + ": " + severity.label() + ": " + message + " [" + code + "]";
    }
}

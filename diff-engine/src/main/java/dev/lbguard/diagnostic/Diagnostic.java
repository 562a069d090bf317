package dev.lbguard.diagnostic;

import java.util.Objects;

/**
 * A problem lbguard met while reading its input. Bad input produces diagnostics, not exceptions;
 * an error diagnostic means the analysis is incomplete and every report says so.
 *
 * @param code a short stable identifier such as {@code hcl-syntax} or {@code tf-unknown-function}
 * @param affectsRouting false for what lbguard could not read but that reaches nothing routing reads (a DNS
 *                       record, an IAM policy, the subnets of a load balancer): always a warning, listed apart
 *                       under "not read; cannot affect routing"
 * @param unread         what an error leaves unread, when that is a whole part of the configuration (a module, a
 *                       file): in that revision its elements are unknown, not absent, so a comparison with another
 *                       revision leaves them out rather than calling them added or removed
 */
public record Diagnostic(Severity severity, String code, String message, SourceRef source, boolean affectsRouting,
                         java.util.Optional<UnreadScope> unread) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unread, "unread");
        if (!affectsRouting && severity == Severity.ERROR) {
            throw new IllegalArgumentException("an error always affects routing: " + code);
        }
    }

    public Diagnostic(Severity severity, String code, String message, SourceRef source, boolean affectsRouting) {
        this(severity, code, message, source, affectsRouting, java.util.Optional.empty());
    }

    public Diagnostic(Severity severity, String code, String message, SourceRef source) {
        this(severity, code, message, source, true);
    }

    /**
     * {@code first} as it is, then each diagnostic of {@code more} that is not in it yet, in order: the problems of
     * two snapshots, or of a window's commits, each listed once. By hash, not a list's scan: a history of an
     * incomplete configuration has thousands.
     */
    public static java.util.List<Diagnostic> union(java.util.List<Diagnostic> first, Iterable<Diagnostic> more) {
        java.util.List<Diagnostic> all = new java.util.ArrayList<>(first);
        java.util.Set<Diagnostic> seen = new java.util.HashSet<>(first);
        for (Diagnostic d : more) {
            if (seen.add(d)) {
                all.add(d);
            }
        }
        return all;
    }

    /** This problem, leaving {@code scope} unread. */
    public Diagnostic leavingUnread(UnreadScope scope) {
        return new Diagnostic(severity, code, message, source, affectsRouting, java.util.Optional.of(scope));
    }

    /**
     * The warning that a module was read from a copy outside the repository ({@code --module-dir}, or installed by
     * {@code terraform init}); its message begins {@code module KEY (SOURCE)} and names what the copy stands for.
     */
    public static final String MODULE_COPY = "tf-module-outside-repository";

    public static Diagnostic error(String code, String message, SourceRef source) {
        return new Diagnostic(Severity.ERROR, code, message, source);
    }

    public static Diagnostic warning(String code, String message, SourceRef source) {
        return new Diagnostic(Severity.WARNING, code, message, source);
    }

    /** What could not be read but is shown not to reach routing: a warning kept apart, the verdict unchanged. */
    public static Diagnostic notRouting(String code, String message, SourceRef source) {
        return new Diagnostic(Severity.WARNING, code, message, source, false);
    }

    /** This problem, shown not to reach anything routing reads. */
    public Diagnostic withoutRoutingReach() {
        return notRouting(code, message, source);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one-line form {@code path:line: level: message [code]}; "not read" for what cannot affect routing. */
    public String render() {
        return source + ": " + (affectsRouting ? severity.label() : "not read") + ": " + Printable.escape(message)
                + " [" + code + "]";
    }
}

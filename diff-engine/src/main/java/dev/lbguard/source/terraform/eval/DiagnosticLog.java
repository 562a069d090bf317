package dev.lbguard.source.terraform.eval;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The diagnostics of one evaluation, one per spot, and which errors each value in progress met: what
 * {@link ErrorReach} traces to routing, so that an error reaching none of it can be demoted to a warning.
 */
final class DiagnosticLog {
    // Keyed by severity, code and position: one diagnostic per spot, even when the instances of a counted
    // resource fail there with different messages.
    private final Map<List<Object>, Diagnostic> diagnostics = new LinkedHashMap<>();
    // Which errors each value in progress met, itself or through the values it read: how an error's reach is
    // traced to routing (see ErrorReach). An error met outside every frame (a file that does not parse, a
    // moved block) is never shown harmless.
    private final Deque<Set<List<Object>>> frames = new ArrayDeque<>();
    private final Set<List<Object>> unframed = new HashSet<>();

    /** Keeps {@code d} unless its spot has one already; an error counts as met by the value in progress. */
    void add(Diagnostic d) {
        List<Object> key = key(d);
        diagnostics.putIfAbsent(key, d);
        if (d.isError()) {
            (frames.isEmpty() ? unframed : frames.peek()).add(key);
        }
    }

    /** A diagnostic a replayed value raised, at {@code revision}; its errors are traced already, on its slot. */
    void addReplayed(Diagnostic d, String revision) {
        SourceRef at = d.source();
        Diagnostic here = at.revision().equals(revision) ? d : new Diagnostic(d.severity(), d.code(),
                d.message(), at.atRevision(revision), d.affectsRouting(), d.unread());
        diagnostics.putIfAbsent(key(here), here);
    }

    private static List<Object> key(Diagnostic d) {
        SourceRef at = d.source();
        return at.line() == 0 ? List.of(d.severity(), d.code(), at.path(), d.message())
                : List.of(d.severity(), d.code(), at.path(), at.line(), at.column());
    }

    /** The errors met while {@code body} ran, its own and those of every value it read, cached or not. */
    <T> Traced<T> trace(Supplier<T> body) {
        open();
        Set<List<Object>> met;
        T value;
        try {
            value = body.get();
        } finally {
            met = close();
        }
        return new Traced<>(value, Set.copyOf(met));
    }

    /** Starts collecting the errors that the value now computed (or replayed) meets. */
    void open() {
        frames.push(new HashSet<>());
    }

    /** The errors met since the matching {@link #open}. */
    Set<List<Object>> close() {
        return frames.pop();
    }

    /** Records that what is being computed now read a value that met {@code errors}. */
    void read(Set<List<Object>> errors) {
        if (!frames.isEmpty()) {
            frames.peek().addAll(errors);
        }
    }

    /**
     * Demotes every error that reaches nothing in {@code routing} (errors met outside every frame, and those
     * {@code alwaysRouting} names, stay errors) to a warning that cannot affect routing.
     */
    void settle(Set<List<Object>> routing, Set<String> alwaysRouting) {
        diagnostics.replaceAll((key, d) -> d.isError() && !routing.contains(key) && !unframed.contains(key)
                && !alwaysRouting.contains(d.code()) ? d.withoutRoutingReach() : d);
    }

    boolean hasErrors() {
        return diagnostics.values().stream().anyMatch(Diagnostic::isError);
    }

    /** The diagnostics in file and line order, so that the order does not depend on evaluation order. */
    List<Diagnostic> inFileOrder() {
        List<Diagnostic> out = new ArrayList<>(diagnostics.values());
        out.sort(java.util.Comparator.comparing((Diagnostic d) -> d.source().path())
                .thenComparingInt(d -> d.source().line())
                .thenComparingInt(d -> d.source().column())
                .thenComparing(Diagnostic::code)
                .thenComparing(Diagnostic::message));
        return out;
    }
}

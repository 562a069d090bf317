package dev.lbguard.cli.report;

import dev.lbguard.diagnostic.Diagnostic;
import java.util.List;

/** The closing lines of every text report: complete or not, and each diagnostic as {@code path:line: level: message}. */
public final class Status {
    private Status() {
    }

    public static String text(List<Diagnostic> all, Style style) {
        List<Diagnostic> diagnostics = once(all);
        StringBuilder s = new StringBuilder();
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            s.append(style.red("INCOMPLETE: " + errors + (errors == 1 ? " problem" : " problems")
                    + " may affect routing; lbguard cannot promise this is the whole picture.")).append('\n');
        } else {
            s.append(style.green("Analysis complete.")).append('\n');
        }
        for (Diagnostic d : diagnostics) {
            s.append("  ").append(d.render()).append('\n');
        }
        return s.toString();
    }

    /**
     * Each problem once, as a reader sees it: the same file, line and message met at several revisions (both sides
     * of a review, every commit of a timeline) is one problem. JSON keeps them all, each with its revision.
     */
    public static List<Diagnostic> once(List<Diagnostic> diagnostics) {
        java.util.Map<String, Diagnostic> byText = new java.util.LinkedHashMap<>();
        for (Diagnostic d : diagnostics) {
            byText.putIfAbsent(d.render(), d);
        }
        return List.copyOf(byText.values());
    }
}

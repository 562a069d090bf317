package dev.lbguard.cli.report;

import dev.lbguard.diagnostic.Diagnostic;
import java.util.List;

/**
 * The closing lines of every text report: complete or not, each error as {@code path:line: level: message}, then
 * apart, under {@link #WARNINGS}, the warnings, and under {@link #NOT_ROUTING}, what lbguard could not read but
 * that cannot affect routing.
 */
public final class Status {
    private Status() {
    }

    /** The heading of what was not read but reaches nothing routing reads, in every report format. */
    public static final String NOT_ROUTING = "Not read; cannot affect routing";

    public static String text(List<Diagnostic> all, Style style) {
        return text(all, 0, style);
    }

    /**
     * {@link #text(List, Style)} for a review whose rules were {@code inconclusive} that many times: read whole,
     * such a review is still incomplete, and the closing line says so rather than "complete".
     */
    public static String text(List<Diagnostic> all, int inconclusive, Style style) {
        List<Diagnostic> diagnostics = once(all);
        StringBuilder s = new StringBuilder();
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            s.append(style.red("INCOMPLETE: " + errors + (errors == 1 ? " problem" : " problems")
                    + " may affect routing; lbguard cannot promise this is the whole picture.")).append('\n');
        } else if (inconclusive > 0) {
            s.append(style.red("INCOMPLETE: everything was read, but " + inconclusive + (inconclusive == 1
                    ? " check could not decide" : " checks could not decide") + " (inconclusive, above).")).append('\n');
        } else {
            s.append(style.green("Analysis complete.")).append('\n');
        }
        diagnostics.stream().filter(Diagnostic::isError).forEach(d -> s.append("  ").append(d.render()).append('\n'));
        // Warnings apart, so that the count above is the count of the lines under it.
        List<Diagnostic> warnings = warnings(diagnostics);
        if (!warnings.isEmpty()) {
            s.append(WARNINGS).append(" (").append(warnings.size()).append("):\n");
            warnings.forEach(d -> s.append("  ").append(d.render()).append('\n'));
        }
        List<Diagnostic> notRouting = notRouting(diagnostics);
        if (!notRouting.isEmpty()) {
            s.append(NOT_ROUTING).append(" (").append(notRouting.size()).append("):\n");
            notRouting.forEach(d -> s.append("  ").append(d.render()).append('\n'));
        }
        return s.toString();
    }

    /** The heading of warnings that do not make a report incomplete: what holds only for given values, and the like. */
    public static final String WARNINGS = "Warnings";

    /** Warnings that may concern routing (an external listener, a value given from outside the repository). */
    static List<Diagnostic> warnings(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(d -> !d.isError() && d.affectsRouting()).toList();
    }

    /** What could not be read but reaches nothing routing reads. */
    public static List<Diagnostic> notRouting(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(d -> !d.affectsRouting()).toList();
    }

    /**
     * The markdown {@code <details>} sections of a report: what lbguard could not analyse (plus {@code extra}
     * lines), then what it did not read that cannot affect routing. Empty sections are left out.
     */
    public static String markdown(List<Diagnostic> all, List<String> extra) {
        List<Diagnostic> diagnostics = once(all);
        List<String> errors = new java.util.ArrayList<>();
        diagnostics.stream().filter(Diagnostic::isError).forEach(d -> errors.add(ReviewMarkdown.code(d.render())));
        errors.addAll(extra);
        StringBuilder s = new StringBuilder();
        details(s, "What lbguard could not analyse", errors);
        details(s, WARNINGS, warnings(diagnostics).stream().map(d -> ReviewMarkdown.code(d.render())).toList());
        details(s, NOT_ROUTING, notRouting(diagnostics).stream().map(d -> ReviewMarkdown.code(d.render())).toList());
        return s.toString();
    }

    /** One {@code <details>} section of markdown lines under {@code summary}, apart from the one before; none if empty. */
    private static void details(StringBuilder s, String summary, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        s.append(s.length() == 0 ? "" : "\n").append("<details><summary>").append(summary).append(" (")
                .append(lines.size()).append(")</summary>\n\n");
        lines.forEach(l -> s.append("- ").append(l).append('\n'));
        s.append("\n</details>\n");
    }

    /**
     * Each problem once, as a reader sees it: the same file, line and message met at several revisions (both sides
     * of a review, every commit of a timeline) is one problem. JSON lists them so too (see {@link Json#diagnostics}).
     */
    public static List<Diagnostic> once(List<Diagnostic> diagnostics) {
        java.util.Map<String, Diagnostic> byText = new java.util.LinkedHashMap<>();
        for (Diagnostic d : diagnostics) {
            byText.putIfAbsent(d.render(), d);
        }
        return List.copyOf(byText.values());
    }
}

package dev.lbguard.cli.report;

import dev.lbguard.diagnostic.Diagnostic;
import java.util.List;

/** The closing lines of every text report: complete or not, and each diagnostic as {@code path:line: level: message}. */
public final class Status {
    private Status() {
    }

    public static String text(List<Diagnostic> diagnostics, Style style) {
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
}

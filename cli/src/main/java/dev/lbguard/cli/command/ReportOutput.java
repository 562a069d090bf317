package dev.lbguard.cli.command;

import dev.lbguard.cli.UsageException;
import dev.lbguard.cli.report.Style;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Where a report goes ({@code --output FILE} or standard output) and whether it may be coloured. */
final class ReportOutput {
    private ReportOutput() {
    }

    /** Colour only for text on a terminal, and never when NO_COLOR is set or --no-color given. */
    static Style style(CommonOptions options, Map<String, String> environment, boolean terminal) {
        boolean color = options.format == OutputFormat.TEXT && options.output == null && !options.noColor
                && !environment.containsKey("NO_COLOR") && terminal;
        return new Style(color);
    }

    static void write(CommonOptions options, PrintWriter out, String report) {
        if (options.output == null) {
            out.print(report);
            out.flush();
            return;
        }
        // Written beside the target and moved into place, so a reader never sees half a report.
        try {
            Path target = options.output.toAbsolutePath();
            Path tmp = Files.createTempFile(target.getParent(), ".lbguard-", ".tmp");
            Files.writeString(tmp, report, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageException("cannot write --output " + options.output + ": " + e.getMessage());
        }
    }
}

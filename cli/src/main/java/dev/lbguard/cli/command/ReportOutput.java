package dev.lbguard.cli.command;

import dev.lbguard.cli.report.Style;
import dev.lbguard.model.Secrets;
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
    /** Colours only for text on a terminal, unless --no-color or NO_COLOR says otherwise. */
    static Style style(CommonOptions options, Map<String, String> environment) {
        return style(options, environment, System.console() != null);
    }

    static Style style(CommonOptions options, Map<String, String> environment, boolean terminal) {
        boolean color = options.format == OutputFormat.TEXT && options.output == null && !options.noColor
                && !environment.containsKey("NO_COLOR") && terminal;
        return new Style(color);
    }

    /**
     * Writes a report to standard output or {@code --output}. JSON and SARIF reports hide sensitive values as
     * they are built (whole string values, so that the document stays valid); text and markdown here. The
     * {@code secrets} are those of the snapshots the command read.
     */
    static void write(CommonOptions options, PrintWriter out, String report, Secrets secrets) {
        write(options, out, report, "", secrets);
    }

    /** As {@link #write(CommonOptions, PrintWriter, String, Secrets)}, followed by text written as it is (a patch). */
    static void write(CommonOptions options, PrintWriter out, String report, String verbatim, Secrets secrets) {
        boolean json = options.format == OutputFormat.JSON || options.format == OutputFormat.SARIF;
        String text = (json ? report : dev.lbguard.cli.report.Redaction.text(report, secrets)) + verbatim;
        if (options.output == null) {
            out.print(text);
            out.flush();
            return;
        }
        writeAtomically(options.output, text, "--output");
    }

    /**
     * Writes beside the target and moves the file into place, so that a reader (a collector, a CI step) never sees
     * half of it. The file keeps the target's permissions, or is readable by all as a new file would be (a temporary
     * file is made for its owner alone).
     */
    static void writeAtomically(Path file, String written, String option) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), ".lbguard-", ".tmp");
            Files.writeString(tmp, written, StandardCharsets.UTF_8);
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the report of the first failure matters more than the leftover
                }
            }
            throw new UsageException("cannot write " + option + " " + file + ": " + e.getMessage());
        }
    }
}

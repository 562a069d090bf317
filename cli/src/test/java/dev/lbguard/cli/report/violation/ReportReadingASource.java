package dev.lbguard.cli.report.violation;

/** A deliberate violation for {@code CliArchitectureTest}: a report that reads a git revision itself. */
final class ReportReadingASource {
    Object read() throws Exception {
        return dev.lbguard.source.git.GitRepository.open(java.nio.file.Path.of("."));
    }
}

package dev.lbguard.analysis.violation;

/** A deliberate violation for {@code CliArchitectureTest}: an analysis that parses the command line itself. */
final class AnalysisParsingOptions {
    Object parse() {
        return new picocli.CommandLine(new Object());
    }
}

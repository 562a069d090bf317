package dev.lbguard.cli.command;

/** The report formats; not every command offers every one. */
public enum OutputFormat {
    TEXT, JSON, MARKDOWN, SARIF
}

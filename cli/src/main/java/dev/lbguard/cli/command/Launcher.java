package dev.lbguard.cli.command;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Builds lbguard's whole command line, for a command that runs others (the demo runs its steps in-process). */
@FunctionalInterface
public interface Launcher {
    CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> environment);
}

package dev.lbguard.cli.command;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code demo}: the bundled web-shop scenario, end to end. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build the bundled web-shop scenario into a temporary git repository and run lbguard on it.")
public final class DemoCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    public DemoCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("demo: not yet available");
        return 0;
    }
}

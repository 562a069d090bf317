package dev.lbguard.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code policy}: commands about the policy file itself. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Work with the policy file (lbguard.yml).",
        subcommands = {PolicyInitCommand.class})
public final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: init");
    }
}

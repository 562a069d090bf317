package dev.lbguard.cli;

import dev.lbguard.cli.command.AuditCommand;
import dev.lbguard.cli.command.BaselineCommand;
import dev.lbguard.cli.command.CheckCommand;
import dev.lbguard.cli.command.DemoCommand;
import dev.lbguard.cli.command.DriftCommand;
import dev.lbguard.cli.command.ExitCode;
import dev.lbguard.cli.command.ExplainCommand;
import dev.lbguard.cli.command.Launcher;
import dev.lbguard.cli.command.PolicyCommand;
import dev.lbguard.cli.command.ResourcesCommand;
import dev.lbguard.cli.command.ReviewCommand;
import dev.lbguard.cli.command.RollbackCommand;
import dev.lbguard.cli.command.RouteCommand;
import dev.lbguard.cli.command.RoutesCommand;
import dev.lbguard.cli.command.RulesCommand;
import dev.lbguard.cli.command.TimelineCommand;
import dev.lbguard.cli.command.UsageException;
import dev.lbguard.cli.command.VersionProvider;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the whole command line in one place: subcommands, output streams, the environment, and the
 * mapping of every failure to one stderr line and an exit code.
 */
@Command(name = "lbguard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Reviews load-balancer routing changes in Terraform: which requests go somewhere else, "
                + "and how dangerous is that.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done, nothing at or above --fail-on",
            "1:findings at or above --fail-on",
            "2:usage error or unusable input",
            "3:analysis incomplete: something that may affect routing could not be read",
            "70:internal error (a bug in lbguard)"})
public final class Cli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(ResourcesCommand.class, RoutesCommand.class,
            RouteCommand.class, ReviewCommand.class, DriftCommand.class, TimelineCommand.class, BaselineCommand.class,
            AuditCommand.class, RollbackCommand.class, CheckCommand.class, PolicyCommand.class, RulesCommand.class,
            ExplainCommand.class, DemoCommand.class, CommandLine.HelpCommand.class);

    /** The command line wired to these streams and this environment (tests pass their own), with every command. */
    public static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return create(out, err, environment, COMMANDS);
    }

    /**
     * The command line to run {@code args}: with only the command they name, when they name one. Picocli reads a
     * command's annotations as it is added, about 0.2 s for all of them in a fresh JVM, a tenth of a short run;
     * help, a usage error and an unknown command get every command, so that they list and suggest them; the
     * version alone needs none.
     */
    public static CommandLine forArgs(PrintWriter out, PrintWriter err, Map<String, String> environment,
                                      String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return create(out, err, environment, List.of());
        }
        for (Class<?> command : COMMANDS) {
            if (args.length > 0 && command != CommandLine.HelpCommand.class
                    && command.getAnnotation(Command.class).name().equals(args[0])) {
                return create(out, err, environment, List.of(command));
            }
        }
        return create(out, err, environment);
    }

    private static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> environment,
                                      List<Class<?>> commands) {
        CommandLine cmd = new CommandLine(new Cli(), new Factory(environment));
        commands.forEach(cmd::addSubcommand);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // Repeated --var/--var-file options call their setters once per occurrence, in order.
        cmd.setOverwrittenOptionsAllowed(true);
        cmd.setExitCodeExceptionMapper(t -> t instanceof UsageException ? ExitCode.USAGE.code() : ExitCode.INTERNAL.code());
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("lbguard: " + ex.getMessage());
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE.code();
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof UsageException) {
                e.println("lbguard: " + ex.getMessage());
                return ExitCode.USAGE.code();
            }
            e.println("lbguard: internal error: " + ex + " (please report it; rerun with --verbose for details)");
            if (parseResult.expandedArgs().contains("--verbose")) {
                printTrace(e, ex);
            }
            return ExitCode.INTERNAL.code();
        });
        return cmd;
    }

    private static void printTrace(PrintWriter e, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            e.println(c == t ? c.toString() : "Caused by: " + c);
            for (StackTraceElement s : c.getStackTrace()) {
                e.println("\tat " + s);
            }
        }
    }

    /**
     * Gives commands the environment without letting them read {@code System.getenv} themselves, and a command
     * that runs others (the demo) a way to build the command line without depending on this class.
     */
    private record Factory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Map.class, Launcher.class).newInstance(environment,
                        (Launcher) Cli::create);
            } catch (NoSuchMethodException e) {
                try {
                    return cls.getDeclaredConstructor(Map.class).newInstance(environment);
                } catch (NoSuchMethodException noEnvironment) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        }
    }
}

package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The process builds only the command its arguments name (picocli reads every command's annotations as it is
 * added, a tenth of a short run): it must answer exactly as the command line with every command does.
 */
class CommandLineForArgsTest {
    @Test
    void everyCommandAnswersAsWithAllCommands() {
        List<String> names = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of())
                .getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
        assertThat(names).contains("review", "timeline", "routes", "demo");
        for (String name : names) {
            assertSame(name, "--help");
            assertSame(name, "--no-such-option");
        }
        assertSame("--help");
        assertSame("help", "review");
        assertSame("reveiw", "--repo", ".");
        assertSame();
        assertSame("--version");
        assertSame("-V");
        assertSame("--version", "review");
        assertThat(run(true, "--version")).startsWith("0\nlbguard ");
    }

    private static void assertSame(String... args) {
        assertThat(run(true, args)).as(String.join(" ", args)).isEqualTo(run(false, args));
    }

    private static String run(boolean lazy, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        int code = (lazy ? Cli.forArgs(o, e, Map.of(), args) : Cli.create(o, e, Map.of())).execute(args);
        return code + "\n" + out + "\n" + err;
    }
}

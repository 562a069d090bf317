package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code demo} runs end to end on the bundled scenario; its whole output is a golden file. */
class DemoTest {
    @Test
    void demoTellsTheCheckoutIncident() throws Exception {
        CliRun run = CliRun.run("demo", "--no-color");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        // The demo builds its repository in a new temporary directory each run; only that path varies.
        String out = run.out().replaceAll("--repo=\\S+", "--repo=<demo>");
        assertThat(out).contains("Rule      aws_lb_listener_rule.campaign (priority 15)");
        Golden.check(Golden.FIXTURES.resolve("demo/expected/demo.txt"), out);
    }
}

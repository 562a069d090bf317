package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code rules} and {@code explain}: the catalog from the command line. */
class RulesCommandTest {
    @Test
    void listsEveryRuleWithItsSeverity() {
        CliRun run = CliRun.run("rules");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("LBG001  critical  Internal load balancer made internet-facing")
                .contains("LBG008  high");
    }

    @Test
    void explainsOneRuleAndRefusesAnUnknownId() {
        CliRun run = CliRun.run("explain", "lbg008");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("LBG008  HTTP-to-HTTPS redirect removed").contains("How to fix it:")
                .contains("docs/rules/LBG008.md");
        CliRun unknown = CliRun.run("explain", "LBG999");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no rule LBG999");
    }
}

package dev.lbguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeverityTest {
    @Test
    void sarifLevelsFollowTheStyleGuide() {
        assertThat(Severity.CRITICAL.sarifLevel()).isEqualTo("error");
        assertThat(Severity.HIGH.sarifLevel()).isEqualTo("error");
        assertThat(Severity.MEDIUM.sarifLevel()).isEqualTo("warning");
        assertThat(Severity.LOW.sarifLevel()).isEqualTo("note");
        assertThat(Severity.INFO.sarifLevel()).isEqualTo("note");
    }

    @Test
    void ordersByDangerAndParsesLabels() {
        assertThat(Severity.HIGH.isAtLeast(Severity.MEDIUM)).isTrue();
        assertThat(Severity.LOW.isAtLeast(Severity.MEDIUM)).isFalse();
        assertThat(Severity.fromLabel("Critical")).contains(Severity.CRITICAL);
        assertThat(Severity.fromLabel("severe")).isEmpty();
    }
}

package dev.lbguard.cli.command;

import dev.lbguard.policy.Finding;
import dev.lbguard.policy.Severity;
import java.util.List;

/** {@code --fail-on}: the lowest finding severity that makes the exit code 1; {@code never} never does. */
public enum FailOn {
    CRITICAL, HIGH, MEDIUM, LOW, INFO, NEVER;

    public boolean failsOn(List<Finding> findings) {
        if (this == NEVER) {
            return false;
        }
        Severity threshold = Severity.valueOf(name());
        return findings.stream().anyMatch(f -> f.severity().isAtLeast(threshold));
    }
}

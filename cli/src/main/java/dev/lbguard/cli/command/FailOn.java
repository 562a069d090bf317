package dev.lbguard.cli.command;

import dev.lbguard.policy.Finding;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.Severity;
import java.util.List;

/**
 * {@code --fail-on}: the lowest finding severity that makes the exit code 1; {@code never} never does, and
 * {@code none} is the same (the spelling Trivy's and KICS's users type).
 */
public enum FailOn {
    CRITICAL, HIGH, MEDIUM, LOW, INFO, NEVER, NONE;

    public boolean failsOn(List<Finding> findings) {
        if (this == NEVER || this == NONE) {
            return false;
        }
        Severity threshold = Severity.valueOf(name());
        return findings.stream().anyMatch(f -> f.counts() && f.severity().isAtLeast(threshold));
    }

    /** {@code --fail-on} when given, else the policy file's {@code fail_on}, else high. */
    public static FailOn or(FailOn given, dev.lbguard.policy.PolicyFile policy) {
        if (given != null) {
            return given;
        }
        return policy.failOn().map(f -> valueOf(f.toUpperCase(java.util.Locale.ROOT))).orElse(HIGH);
    }

    /**
     * The exit code of a result: findings at or above the threshold come first, as they are certain; then an
     * incomplete analysis.
     */
    public int exitCode(List<Finding> findings, boolean complete) {
        if (failsOn(findings)) {
            return ExitCode.FINDINGS.code();
        }
        return complete ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
    }

    public int exitCode(ReviewResult result) {
        return exitCode(result.findings(), result.complete());
    }
}

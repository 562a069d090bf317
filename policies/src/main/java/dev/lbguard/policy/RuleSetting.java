package dev.lbguard.policy;

import dev.lbguard.diagnostic.SourceRef;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code rules}: a rule turned off, or its findings given another severity.
 *
 * @param severity the severity the rule's findings take instead of its own
 */
public record RuleSetting(String rule, Optional<Severity> severity, boolean enabled, SourceRef source) {
    public RuleSetting {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
    }
}

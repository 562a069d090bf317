package dev.lbguard.policy;

import java.util.ArrayList;
import java.util.List;

/** What one rule says about one change: its findings, and what it could not decide. */
public record RuleResult(List<Finding> findings, List<Inconclusive> inconclusives) {
    public RuleResult {
        findings = List.copyOf(findings);
        inconclusives = List.copyOf(inconclusives);
    }

    public static RuleResult empty() {
        return new RuleResult(List.of(), List.of());
    }

    public static RuleResult of(List<Finding> findings) {
        return new RuleResult(findings, List.of());
    }

    /** Collects a rule's findings and inconclusives while it walks the change. */
    public static final class Builder {
        private final List<Finding> findings = new ArrayList<>();
        private final List<Inconclusive> inconclusives = new ArrayList<>();

        public Builder add(Finding finding) {
            findings.add(finding);
            return this;
        }

        public Builder add(Inconclusive inconclusive) {
            inconclusives.add(inconclusive);
            return this;
        }

        public RuleResult build() {
            return new RuleResult(findings, inconclusives);
        }
    }

    public static Builder builder() {
        return new Builder();
    }
}

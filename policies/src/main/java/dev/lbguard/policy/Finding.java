package dev.lbguard.policy;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import java.util.Comparator;
import java.util.Objects;

/**
 * One risk a rule found in a change, about one element, pointing at the line that holds it (in head, or in
 * base for what the change removed).
 */
public record Finding(String ruleId, Severity severity, String title, String message, ElementId element,
                      SourceRef source, String remediation, java.util.Optional<Waived> waived) {

    /**
     * A waiver of the policy file that accepts this finding: it is still reported, but no longer counts for
     * {@code --fail-on} or the risk.
     *
     * @param source where the waiver stands in the policy file
     */
    public record Waived(String reason, java.time.LocalDate expires, SourceRef source) {
        public Waived {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(source, "source");
        }
    }

    /** Report order: most severe first, then by file, line and rule id; the rest only makes the order total. */
    public static final Comparator<Finding> REPORT_ORDER = Comparator
            .comparing(Finding::severity, Comparator.reverseOrder())
            .thenComparing(f -> f.source().path())
            .thenComparingInt(f -> f.source().line())
            .thenComparing(Finding::ruleId)
            .thenComparingInt(f -> f.source().column())
            .thenComparing(Finding::element)
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(waived, "waived");
    }

    public Finding(String ruleId, Severity severity, String title, String message, ElementId element,
                   SourceRef source, String remediation) {
        this(ruleId, severity, title, message, element, source, remediation, java.util.Optional.empty());
    }

    public Finding withSeverity(Severity s) {
        return new Finding(ruleId, s, title, message, element, source, remediation, waived);
    }

    public Finding withWaiver(Waived w) {
        return new Finding(ruleId, severity, title, message, element, source, remediation, java.util.Optional.of(w));
    }

    /** Whether the finding counts for {@code --fail-on} and the risk: it does unless a live waiver accepts it. */
    public boolean counts() {
        return waived.isEmpty();
    }
}

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
                      SourceRef source, String remediation) {

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
    }
}

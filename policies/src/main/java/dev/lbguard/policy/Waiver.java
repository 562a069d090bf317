package dev.lbguard.policy;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.route.Glob;
import java.time.LocalDate;
import java.util.Objects;

/**
 * "This rule's findings about these elements are accepted until then, because": one entry of {@code waivers}.
 * A waived finding is still reported, marked; it no longer counts for {@code --fail-on} or the risk.
 *
 * @param element a pattern over element ids ({@code *} any run of characters, {@code ?} one)
 * @param expires the last day the waiver holds; from the next day on it waives nothing and is itself a warning
 */
public record Waiver(String rule, String element, String reason, LocalDate expires, SourceRef source) {
    public Waiver {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(source, "source");
    }

    public boolean covers(Finding finding) {
        return finding.ruleId().equals(rule) && Glob.matches(element, finding.element().value());
    }

    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }
}

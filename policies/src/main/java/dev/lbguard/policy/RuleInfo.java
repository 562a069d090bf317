package dev.lbguard.policy;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a rule is: its stable id, severity and the texts every report and {@code explain} show.
 *
 * @param id {@code LBG} and three digits; never reused for another rule, even after a rule is retired
 * @param title one line without a trailing period, e.g. {@code Internal load balancer made internet-facing}
 * @param rationale why the change is dangerous
 * @param remediation what to do about it
 * @param docsLink the repository-relative path of the rule's page, {@code docs/rules/<id>.md}
 */
public record RuleInfo(String id, Severity severity, String title, String rationale, String remediation,
                       String docsLink) {
    private static final Pattern ID = Pattern.compile("LBG\\d{3}");

    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(docsLink, "docsLink");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must be LBG and three digits: " + id);
        }
        if (title.isBlank() || title.endsWith(".")) {
            throw new IllegalArgumentException("a rule title is non-empty and has no trailing period: " + title);
        }
    }

    /** The info of a rule whose page is {@code docs/rules/<id>.md}, the layout the catalog test checks. */
    public static RuleInfo of(String id, Severity severity, String title, String rationale, String remediation) {
        return new RuleInfo(id, severity, title, rationale, remediation, "docs/rules/" + id + ".md");
    }

    /** A finding of this rule about {@code element}, standing at {@code source}. */
    public Finding finding(String message, ElementId element, SourceRef source) {
        return new Finding(id, severity, title, message, element, source, remediation);
    }

    /** A note that this rule could not decide, for {@code reason}. */
    public Inconclusive inconclusive(String reason) {
        return new Inconclusive(id, reason);
    }
}

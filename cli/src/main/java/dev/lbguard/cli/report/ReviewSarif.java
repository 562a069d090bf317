package dev.lbguard.cli.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.policy.Finding;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.RuleCatalog;
import dev.lbguard.policy.RuleInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A review as SARIF 2.1.0, for code-scanning dashboards: every catalog rule as a reporting descriptor, every
 * finding as a result with a file:line region (left out when the line is unknown, rather than a made-up line 1)
 * and a fingerprint that survives line shifts; the analysis status in the invocation.
 */
public final class ReviewSarif {
    private static final String INFORMATION_URI = "https://github.com/lbguard/lbguard";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReviewSarif() {
    }

    public static String write(ReviewResult r, RuleCatalog catalog, String version) {
        return write(r, catalog, version, Redaction.secretsOf(r));
    }

    /** As {@link #write(ReviewResult, RuleCatalog, String)}, hiding {@code secrets} (those of every snapshot read). */
    public static String write(ReviewResult r, RuleCatalog catalog, String version,
                               dev.lbguard.model.Secrets secrets) {
        Set<ReportingDescriptor> rules = new LinkedHashSet<>();
        for (PolicyRule rule : catalog.rules()) {
            RuleInfo info = rule.info();
            rules.add(new ReportingDescriptor().withId(info.id()).withName(pascal(info.title()))
                    .withShortDescription(new MultiformatMessageString().withText(info.title()))
                    .withFullDescription(new MultiformatMessageString().withText(info.rationale()))
                    .withHelp(new MultiformatMessageString().withText(info.remediation()))
                    .withHelpUri(URI.create(INFORMATION_URI + "/blob/main/" + info.docsLink()))
                    .withDefaultConfiguration(new ReportingConfiguration()
                            .withLevel(ReportingConfiguration.Level.fromValue(info.severity().sarifLevel())))
                    .withProperties(new PropertyBag().withAdditionalProperty("severity", info.severity().label())));
        }
        ToolComponent driver = new ToolComponent().withName("lbguard").withVersion(version)
                .withSemanticVersion(version.replace("-SNAPSHOT", "")).withInformationUri(URI.create(INFORMATION_URI))
                .withRules(rules);
        List<Result> results = new ArrayList<>();
        for (Finding f : r.findings()) {
            results.add(new Result().withRuleId(f.ruleId())
                    .withLevel(Result.Level.fromValue(f.severity().sarifLevel()))
                    .withMessage(new Message().withText(f.message() + " Fix: " + f.remediation()))
                    .withLocations(List.of(location(f.source())))
                    .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty("lbguard/v1",
                            fingerprint(f.ruleId() + "|" + f.element().value() + "|" + f.source().path())))
                    .withProperties(new PropertyBag().withAdditionalProperty("severity", f.severity().label())
                            .withAdditionalProperty("address", f.element().value()))
                    .withSuppressions(f.waived().map(w -> java.util.Set.of(new com.contrastsecurity.sarif.Suppression()
                            .withKind(com.contrastsecurity.sarif.Suppression.Kind.EXTERNAL)
                            .withStatus(com.contrastsecurity.sarif.Suppression.Status.ACCEPTED)
                            .withJustification(w.reason() + " (until " + w.expires() + ", " + w.source() + ")")))
                            .orElse(null)));
        }
        List<Notification> notifications = new ArrayList<>();
        for (Diagnostic d : Json.once(r.diagnostics())) {
            Set<Location> where = new LinkedHashSet<>();
            where.add(location(d.source()));
            String prefix = d.affectsRouting() ? "" : Status.NOT_ROUTING + ": ";
            notifications.add(new Notification().withMessage(new Message().withText(prefix + d.message() + " ["
                            + d.code() + "]"))
                    .withLevel(d.isError() ? Notification.Level.ERROR
                            : d.affectsRouting() ? Notification.Level.WARNING : Notification.Level.NOTE)
                    .withLocations(where));
        }
        r.inconclusives().forEach(i -> notifications.add(new Notification().withLevel(Notification.Level.WARNING)
                .withMessage(new Message().withText(i.ruleId() + " inconclusive: " + i.reason()))));
        Run run = new Run().withTool(new Tool().withDriver(driver)).withResults(results)
                .withInvocations(List.of(new Invocation().withExecutionSuccessful(r.complete())
                        .withToolExecutionNotifications(notifications)))
                .withProperties(properties(r));
        SarifSchema210 log = new SarifSchema210().withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(run));
        try {
            // $schema first, so that viewers know the version before reading on.
            com.fasterxml.jackson.databind.node.ObjectNode root = MAPPER.createObjectNode();
            root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            root.setAll((com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.valueToTree(log));
            return MAPPER.writeValueAsString(Redaction.redact(root, secrets)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write SARIF", e);
        }
    }

    /** The run's risk and sizes; with {@code --traffic}, the traffic summary of the JSON report too. */
    private static PropertyBag properties(ReviewResult r) {
        PropertyBag bag = new PropertyBag().withAdditionalProperty("risk", r.risk().label())
                .withAdditionalProperty("routeChanges", r.routes().changes().size())
                .withAdditionalProperty("resourceChanges", r.resources().changes().size());
        r.traffic().ifPresent(t -> bag.withAdditionalProperty("traffic", TrafficSection.summary(t)));
        return bag;
    }

    private static Location location(SourceRef source) {
        PhysicalLocation p = new PhysicalLocation().withArtifactLocation(new ArtifactLocation().withUri(source.path()));
        if (source.line() > 0) {
            Region region = new Region().withStartLine(source.line());
            if (source.column() > 0) {
                region.withStartColumn(source.column());
            }
            p.withRegion(region);
        }
        return new Location().withPhysicalLocation(p);
    }

    private static String pascal(String title) {
        StringBuilder s = new StringBuilder();
        for (String w : title.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) {
                s.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return s.toString();
    }

    private static String fingerprint(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

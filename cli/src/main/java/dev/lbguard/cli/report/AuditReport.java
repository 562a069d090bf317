package dev.lbguard.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.analysis.AuditResult;
import dev.lbguard.analysis.DriftResult;
import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.Baseline;
import dev.lbguard.model.Secrets;
import dev.lbguard.policy.InvariantResult;
import dev.lbguard.policy.PolicyOutcome;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.Risk;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An audit for cron, written as a report, one JSON line for a history file, and a Prometheus textfile. Each says
 * how many invariants of the policy file fail on what runs, and the report which ones.
 */
public final class AuditReport {
    private AuditReport() {
    }

    public static String text(AuditResult a, Style style) {
        StringBuilder s = new StringBuilder();
        s.append(style.bold("lbguard audit of " + a.live() + " at " + a.at())).append('\n');
        s.append("against HEAD:       ").append(line(a.head().result())).append('\n');
        if (a.mark().isPresent()) {
            Baseline m = a.mark().get();
            s.append("against known-good: ").append(line(a.knownGood().orElseThrow().result())).append('\n');
            s.append("  known-good is ").append(m.commit(), 0, 12).append(" (").append(m.subject()).append("), marked by ")
                    .append(m.marker()).append(' ').append(age(a.secondsSinceKnownGood().orElse(0L))).append(" ago")
                    .append(m.note().isEmpty() ? "" : ": " + m.note()).append('\n');
        } else {
            s.append("against known-good: no known-good revision is marked (lbguard baseline mark REV)\n");
        }
        invariantsText(s, a, style);
        s.append('\n').append(DriftReport.text(a.head(), style));
        a.knownGood().filter(k -> !k.result().complete()).ifPresent(k -> s.append("\nAgainst known-good ")
                .append(a.mark().orElseThrow().commit(), 0, 12).append(":\n")
                .append(Status.text(k.result().diagnostics(), style)));
        return s.toString();
    }

    /**
     * Every invariant that does not hold on what runs, failing or undecided, with where its request goes live and
     * whether it holds in git (when it does, the drift below has it as LBG016); nothing without a policy file.
     */
    private static void invariantsText(StringBuilder s, AuditResult a, Style style) {
        PolicyOutcome policy = a.head().result().policy();
        if (!policy.judge().exists()) {
            return;
        }
        long undecided = a.head().liveInvariants().stream()
                .filter(i -> i.status() == InvariantResult.Status.UNKNOWN).count();
        s.append("invariants live:    ").append(a.invariantsFailingLive().size()).append(" of ")
                .append(policy.invariants().size()).append(" failing").append(undecided > 0 ? ", " + undecided
                        + " undecided" : "").append(" (").append(policy.judge().path()).append(")\n");
        for (PolicyOutcome.Judgement j : policy.invariants()) {
            InvariantResult live = j.head();
            if (live.passed()) {
                continue;
            }
            String label = String.format("%-8s", live.status().name());
            s.append("  ").append(live.failed() ? style.red(label) : style.yellow(label)).append(' ')
                    .append(j.invariant().name()).append("  ").append(style.dim(j.invariant().source().toString()))
                    .append('\n');
            s.append("      expected ").append(j.invariant().expect().describe()).append("; live: ")
                    .append(live.actual()).append(style.dim(live.takenBy().map(t -> "  (" + t
                            + live.source().map(src -> " " + src).orElse("") + ")").orElse("")))
                    .append("; in git: ").append(j.base().status().name().toLowerCase(Locale.ROOT)).append('\n');
        }
    }

    private static String line(ReviewResult r) {
        return "risk " + r.risk().label() + ", " + r.routes().changes().size() + " rerouted request classes, "
                + r.resources().changes().size() + " drifted elements, " + r.findings().size() + " findings"
                + (r.complete() ? "" : ", INCOMPLETE");
    }

    private static String age(long seconds) {
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        return seconds < 172_800 ? seconds / 3600 + "h" : seconds / 86_400 + "d";
    }

    public static String json(AuditResult a) {
        List<Diagnostic> diagnostics = Diagnostic.union(a.head().result().diagnostics(),
                a.knownGood().map(k -> k.result().diagnostics()).orElse(List.of()));
        ObjectNode root = Json.header("audit", a.complete(), diagnostics);
        root.put("live", a.live());
        root.put("time", a.at().toString());
        root.put("risk", a.risk().label());
        root.set("base", Origins.json(a.head().result().base().origin()));
        root.set("head", Origins.json(a.head().result().head().origin()));
        root.set("againstHead", summary(a.head()));
        a.mark().ifPresent(m -> {
            ObjectNode k = summary(a.knownGood().orElseThrow());
            k.put("commit", m.commit()).put("markedBy", m.marker()).put("markedAt", m.when().toString())
                    .put("note", m.note()).put("secondsSince", a.secondsSinceKnownGood().orElse(0L));
            root.set("againstKnownGood", k);
        });
        root.set("routeChanges", ReviewJson.routeChanges(a.head().result().routes().changes(), a.head().result().base(),
                a.head().result().head()));
        root.set("findings", ReviewJson.findings(a.head().result().findings()));
        root.set("resourceChanges", ReviewJson.resourceChanges(a.head().result().resources().changes()));
        PolicyOutcome policy = a.head().result().policy();
        root.put("policyFile", policy.judge().path());
        root.put("invariantsFailing", a.invariantsFailingLive().size());
        ArrayNode invariants = CheckReport.invariants(a.head().liveInvariants());
        for (int i = 0; i < policy.invariants().size(); i++) {
            // Where it stands in git (the branch head): failing there too is no drift, but still fails clients.
            ((ObjectNode) invariants.get(i)).put("desired", policy.invariants().get(i).base().status().name()
                    .toLowerCase(Locale.ROOT));
        }
        root.set("invariants", invariants);
        root.set("policyWarnings", CheckReport.warnings(policy.warnings()));
        if (policy.judge().exists() || !policy.warnings().isEmpty()) {
            // As drift writes it for the comparison with the branch head: severities, disabled rules, both sides.
            root.set("policy", PolicySection.json(policy));
        }
        return Json.write(root, a.secrets());
    }

    private static ObjectNode summary(DriftResult d) {
        ReviewResult r = d.result();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set("desired", Origins.json(r.base().origin()));
        n.put("risk", r.risk().label());
        n.put("complete", r.complete());
        n.put("reroutedRequestClasses", r.routes().changes().size());
        n.put("driftedElements", r.resources().changes().size());
        n.put("missingLive", d.match().missingLive().size());
        n.put("unmanaged", d.match().unmanaged().size());
        n.put("findings", r.findings().size());
        return n;
    }

    /** One compact JSON object on one line, for an append-only history file. */
    public static String historyLine(AuditResult a) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("time", a.at().toString());
        n.put("live", a.live());
        n.put("risk", a.risk().label());
        n.put("complete", a.complete());
        n.set("againstHead", summary(a.head()));
        a.knownGood().ifPresent(k -> n.set("againstKnownGood", summary(k)));
        a.secondsSinceKnownGood().ifPresent(sec -> n.put("secondsSinceKnownGood", sec));
        n.put("invariantsFailing", a.invariantsFailingLive().size());
        return line(n, a.secrets());
    }

    /** The history line of an audit that could not read the live source or git: incomplete, with why. */
    public static String failedHistoryLine(String live, Instant at, String error) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("time", at.toString());
        n.put("live", live);
        n.put("complete", false);
        n.put("error", error);
        // Nothing was read whose secrets could be in it: the error says what failed, not what was read.
        return line(n, Secrets.NONE);
    }

    private static String line(ObjectNode n, Secrets secrets) {
        try {
            return Json.MAPPER.copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(Redaction.redact(n, secrets)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the history line", e);
        }
    }

    /**
     * The textfile of an audit that could not read the live source or git: the analysis is incomplete and its
     * inputs unread, so that an alert fires instead of the last good numbers staying up.
     */
    public static String failedPrometheus(String live, Instant at) {
        StringBuilder s = new StringBuilder();
        String src = label(live);
        liveRead(s, src, false);
        gauge(s, "lbguard_analysis_complete", "1 when everything that may affect routing was read, else 0.");
        s.append("lbguard_analysis_complete{").append(src).append("} 0\n");
        timestamp(s, src, at);
        return s.toString();
    }

    private static void liveRead(StringBuilder s, String src, boolean read) {
        gauge(s, "lbguard_audit_inputs_read", "1 when the audit read the live source and git, else 0 (the other "
                + "metrics are then absent).");
        s.append("lbguard_audit_inputs_read{").append(src).append("} ").append(read ? 1 : 0).append('\n');
    }

    private static void timestamp(StringBuilder s, String src, Instant at) {
        gauge(s, "lbguard_audit_timestamp_seconds", "When this audit ran (Unix time).");
        s.append("lbguard_audit_timestamp_seconds{").append(src).append("} ").append(at.getEpochSecond()).append('\n');
    }

    /** {@code live="..."}, escaped as the exposition format wants: backslash, double quote and line feed. */
    private static String label(String live) {
        return "live=\"" + live.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** The Prometheus text exposition format, for node_exporter's textfile collector. */
    public static String prometheus(AuditResult a) {
        StringBuilder s = new StringBuilder();
        String src = label(a.live());
        liveRead(s, src, true);
        gauge(s, "lbguard_drift_elements", "Elements that differ between git and what runs.");
        sample(s, "lbguard_drift_elements", src, "head", a.head().result().resources().changes().size());
        a.knownGood().ifPresent(k -> sample(s, "lbguard_drift_elements", src, "known_good", k.result().resources().changes().size()));
        gauge(s, "lbguard_drift_rerouted_request_classes", "Request classes that reach a different destination live.");
        sample(s, "lbguard_drift_rerouted_request_classes", src, "head", a.head().result().routes().changes().size());
        a.knownGood().ifPresent(k -> sample(s, "lbguard_drift_rerouted_request_classes", src, "known_good",
                k.result().routes().changes().size()));
        gauge(s, "lbguard_drift_risk", "Risk of the drift: 0 none, 1 low, 2 medium, 3 high, 4 critical.");
        sample(s, "lbguard_drift_risk", src, "head", a.head().result().risk().ordinal());
        a.knownGood().ifPresent(k -> sample(s, "lbguard_drift_risk", src, "known_good", k.result().risk().ordinal()));
        gauge(s, "lbguard_invariants_failing", "Invariants of the policy file (lbguard.yml at the branch head, or "
                + "--policy) that fail on what runs, whether or not they hold in git.");
        s.append("lbguard_invariants_failing{").append(src).append("} ").append(a.invariantsFailingLive().size())
                .append('\n');
        gauge(s, "lbguard_analysis_complete", "1 when everything that may affect routing was read, else 0.");
        s.append("lbguard_analysis_complete{").append(src).append("} ").append(a.complete() ? 1 : 0).append('\n');
        a.secondsSinceKnownGood().ifPresent(sec -> {
            gauge(s, "lbguard_seconds_since_known_good", "Seconds since the known-good revision was marked.");
            s.append("lbguard_seconds_since_known_good{").append(src).append("} ").append(sec).append('\n');
        });
        timestamp(s, src, a.at());
        return s.toString();
    }

    private static void gauge(StringBuilder s, String name, String help) {
        s.append("# HELP ").append(name).append(' ').append(help).append('\n');
        s.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void sample(StringBuilder s, String name, String src, String against, long value) {
        s.append(name).append('{').append(src).append(",against=\"").append(against).append("\"} ")
                .append(String.format(Locale.ROOT, "%d", value)).append('\n');
    }
}

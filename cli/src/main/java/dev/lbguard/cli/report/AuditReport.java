package dev.lbguard.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.Risk;
import dev.lbguard.source.git.Baselines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An audit for cron: what runs against the branch head and against the last known-good revision, as a report,
 * one JSON line for a history file, and a Prometheus textfile.
 *
 * @param knownGood the known-good mark and the drift against it, when the repository has one
 */
public record AuditReport(String live, Instant at, DriftReport head, Optional<Baselines.Mark> mark,
                          Optional<DriftReport> knownGood) {

    public boolean complete() {
        return head.result().complete() && knownGood.map(k -> k.result().complete()).orElse(true);
    }

    /** The worse of the two risks. */
    public Risk risk() {
        Risk r = head.result().risk();
        return knownGood.map(k -> k.result().risk().compareTo(r) > 0 ? k.result().risk() : r).orElse(r);
    }

    public Optional<Long> secondsSinceKnownGood() {
        return mark.map(m -> Math.max(0, Duration.between(m.when(), at).getSeconds()));
    }

    public String text(Style style) {
        StringBuilder s = new StringBuilder();
        s.append(style.bold("lbguard audit of " + live + " at " + at)).append('\n');
        s.append("against HEAD:       ").append(line(head.result())).append('\n');
        if (mark.isPresent()) {
            Baselines.Mark m = mark.get();
            s.append("against known-good: ").append(line(knownGood.orElseThrow().result())).append('\n');
            s.append("  known-good is ").append(m.commit(), 0, 12).append(" (").append(m.subject()).append("), marked by ")
                    .append(m.marker()).append(' ').append(age(secondsSinceKnownGood().orElse(0L))).append(" ago")
                    .append(m.note().isEmpty() ? "" : ": " + m.note()).append('\n');
        } else {
            s.append("against known-good: no known-good revision is marked (lbguard baseline mark REV)\n");
        }
        s.append('\n').append(head.text(style));
        knownGood.filter(k -> !k.result().complete()).ifPresent(k -> s.append("\nAgainst known-good ")
                .append(mark.orElseThrow().commit(), 0, 12).append(":\n")
                .append(Status.text(ReviewJson.diagnostics(k.result()), style)));
        return s.toString();
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

    /** The secrets of the snapshots both drifts compared. */
    public dev.lbguard.model.Secrets secrets() {
        return head.secrets().and(knownGood.map(DriftReport::secrets).orElse(dev.lbguard.model.Secrets.NONE));
    }

    public String json() {
        List<Diagnostic> diagnostics = new ArrayList<>(ReviewJson.diagnostics(head.result()));
        knownGood.ifPresent(k -> ReviewJson.diagnostics(k.result()).stream().filter(d -> !diagnostics.contains(d))
                .forEach(diagnostics::add));
        ObjectNode root = Json.header("audit", complete(), diagnostics);
        root.put("live", live);
        root.put("time", at.toString());
        root.put("risk", risk().label());
        root.set("base", Origins.json(head.result().base().origin()));
        root.set("head", Origins.json(head.result().head().origin()));
        root.set("againstHead", summary(head));
        mark.ifPresent(m -> {
            ObjectNode k = summary(knownGood.orElseThrow());
            k.put("commit", m.commit()).put("markedBy", m.marker()).put("markedAt", m.when().toString())
                    .put("note", m.note()).put("secondsSince", secondsSinceKnownGood().orElse(0L));
            root.set("againstKnownGood", k);
        });
        root.set("routeChanges", ReviewJson.routeChanges(head.result().routes().changes(), head.result().base(),
                head.result().head()));
        root.set("findings", ReviewJson.findings(head.result().findings()));
        root.set("resourceChanges", ReviewJson.resourceChanges(head.result().resources().changes()));
        return Json.write(root, secrets());
    }

    private static ObjectNode summary(DriftReport d) {
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
    public String historyLine() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("time", at.toString());
        n.put("live", live);
        n.put("risk", risk().label());
        n.put("complete", complete());
        n.set("againstHead", summary(head));
        knownGood.ifPresent(k -> n.set("againstKnownGood", summary(k)));
        secondsSinceKnownGood().ifPresent(sec -> n.put("secondsSinceKnownGood", sec));
        return line(n, secrets());
    }

    /** The history line of an audit that could not read the live source or git: incomplete, with why. */
    public static String failedHistoryLine(String live, Instant at, String error) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("time", at.toString());
        n.put("live", live);
        n.put("complete", false);
        n.put("error", error);
        // Nothing was read whose secrets could be in it: the error says what failed, not what was read.
        return line(n, dev.lbguard.model.Secrets.NONE);
    }

    private static String line(ObjectNode n, dev.lbguard.model.Secrets secrets) {
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
    public String prometheus() {
        StringBuilder s = new StringBuilder();
        String src = label(live);
        liveRead(s, src, true);
        gauge(s, "lbguard_drift_elements", "Elements that differ between git and what runs.");
        sample(s, "lbguard_drift_elements", src, "head", head.result().resources().changes().size());
        knownGood.ifPresent(k -> sample(s, "lbguard_drift_elements", src, "known_good", k.result().resources().changes().size()));
        gauge(s, "lbguard_drift_rerouted_request_classes", "Request classes that reach a different destination live.");
        sample(s, "lbguard_drift_rerouted_request_classes", src, "head", head.result().routes().changes().size());
        knownGood.ifPresent(k -> sample(s, "lbguard_drift_rerouted_request_classes", src, "known_good",
                k.result().routes().changes().size()));
        gauge(s, "lbguard_drift_risk", "Risk of the drift: 0 none, 1 low, 2 medium, 3 high, 4 critical.");
        sample(s, "lbguard_drift_risk", src, "head", head.result().risk().ordinal());
        knownGood.ifPresent(k -> sample(s, "lbguard_drift_risk", src, "known_good", k.result().risk().ordinal()));
        gauge(s, "lbguard_analysis_complete", "1 when everything that may affect routing was read, else 0.");
        s.append("lbguard_analysis_complete{").append(src).append("} ").append(complete() ? 1 : 0).append('\n');
        secondsSinceKnownGood().ifPresent(sec -> {
            gauge(s, "lbguard_seconds_since_known_good", "Seconds since the known-good revision was marked.");
            s.append("lbguard_seconds_since_known_good{").append(src).append("} ").append(sec).append('\n');
        });
        timestamp(s, src, at);
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

package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.analysis.PolicyCheck;
import dev.lbguard.policy.InvariantResult;
import dev.lbguard.policy.PolicyOutcome;
import dev.lbguard.policy.invariant.Coverage;
import java.util.Locale;

/** The report of {@code check}: each invariant with what it expects and what happens, coverage, policy warnings. */
public final class CheckReport {
    private CheckReport() {
    }

    public static String text(PolicyCheck.Result r, Style style) {
        StringBuilder s = new StringBuilder();
        s.append(style.bold("lbguard check: " + Origins.text(r.snapshot().origin()) + "  policy "
                + (r.policy().exists() ? r.policy().path() : "(none)"))).append('\n');
        long passed = r.invariants().stream().filter(InvariantResult::passed).count();
        String verdict = r.invariants().isEmpty() ? "NO INVARIANTS"
                : r.failed() > 0 ? "FAILED " + r.failed() + " of " + r.invariants().size() + " invariants"
                : r.undecided() > 0 ? "UNDECIDED " + r.undecided() + " of " + r.invariants().size() + " invariants"
                : "PASSED all " + passed + " invariants";
        String styled = r.failed() > 0 ? style.red(style.bold(verdict)) : r.undecided() > 0
                ? style.yellow(style.bold(verdict)) : style.green(style.bold(verdict));
        s.append(styled).append("  coverage ").append(percent(r.coverage().percent())).append(" (")
                .append(r.coverage().covered()).append(" of ").append(r.coverage().rules()).append(" rules)");
        if (r.failUnder().isPresent()) {
            s.append(r.coverageTooLow() ? style.red(", under --fail-under " + percent(r.failUnder().getAsDouble()))
                    : ", --fail-under " + percent(r.failUnder().getAsDouble()) + " met");
        }
        s.append('\n');
        r.traffic().ifPresent(t -> s.append(trafficHeadline(t)).append('\n'));
        s.append('\n');
        if (!r.invariants().isEmpty()) {
            s.append(style.bold("Invariants")).append('\n');
            for (InvariantResult i : r.invariants()) {
                String label = String.format("%-8s", i.status().name().toLowerCase(Locale.ROOT));
                s.append("  ").append(i.failed() ? style.red(label.toUpperCase(Locale.ROOT)) : label).append(i.invariant().name())
                        .append("  ").append(style.dim(i.invariant().source().toString())).append('\n');
                s.append("      ").append(i.invariant().request().describe(true)).append(" on ")
                        .append(i.invariant().listener()).append('\n');
                s.append("      expected ").append(i.invariant().expect().describe()).append('\n');
                s.append("      actual   ").append(i.actual())
                        .append(style.dim(i.takenBy().map(t -> "  (" + t + i.source().map(src -> " " + src).orElse("")
                                + ")").orElse(""))).append('\n');
            }
            s.append('\n');
        }
        s.append(style.bold("Coverage")).append('\n');
        for (Coverage.ListenerCoverage l : r.coverage().listeners()) {
            s.append("  ").append(l.name()).append("  ").append(l.covered()).append(" of ").append(l.rules().size())
                    .append(l.rules().size() == 1 ? " rule" : " rules").append('\n');
            if (!l.uncovered().isEmpty()) {
                s.append("      not exercised: ").append(String.join(", ", l.uncovered())).append('\n');
            }
            if (!l.unreachable().isEmpty()) {
                s.append("      no request can take (not counted): ").append(String.join(", ", l.unreachable()))
                        .append('\n');
            }
        }
        s.append('\n');
        r.traffic().filter(t -> !t.uncovered().isEmpty()).ifPresent(t -> {
            s.append(style.bold("Rules no invariant exercises, by logged requests")).append('\n');
            t.uncovered().stream().limit(UNCOVERED_SHOWN).forEach(l -> s.append("  ").append(l.listener()).append(' ')
                    .append(l.rule()).append("  ").append(TrafficSection.number(l.requests())).append(" requests\n"));
            if (t.uncovered().size() > UNCOVERED_SHOWN) {
                s.append("  ... and ").append(t.uncovered().size() - UNCOVERED_SHOWN).append(" more (the JSON lists every one)\n");
            }
            s.append('\n');
        });
        warnings(s, r.warnings(), style);
        s.append(Status.text(r.snapshot().diagnostics(), style));
        return s.toString();
    }

    private static final int UNCOVERED_SHOWN = 10;

    /** {@code Traffic: invariants exercise the rules that take 92% of 10,000 logged requests; ...}. */
    static String trafficHeadline(dev.lbguard.policy.invariant.TrafficCoverage t) {
        StringBuilder s = new StringBuilder("Traffic: invariants exercise the rules that take ")
                .append(percent(t.percent())).append(" of ").append(TrafficSection.number(t.requests()))
                .append(" logged requests");
        if (t.undecided() > 0) {
            s.append("; ").append(TrafficSection.number(t.undecided())).append(" undecided");
        }
        if (t.elsewhere() > 0) {
            s.append("; ").append(TrafficSection.number(t.elsewhere())).append(" on listeners not read here");
        }
        return s.append('.').toString();
    }

    /** Policy warnings as text lines under their heading; nothing when there are none. */
    static void warnings(StringBuilder s, java.util.List<PolicyOutcome.Warning> warnings, Style style) {
        if (warnings.isEmpty()) {
            return;
        }
        s.append(style.bold("Policy warnings")).append('\n');
        for (PolicyOutcome.Warning w : warnings) {
            s.append("  ").append(style.yellow(w.source() + ": " + w.message())).append('\n');
        }
        s.append('\n');
    }

    /** For a CI job summary or a pull-request comment: the verdict, a table of invariants, coverage per listener. */
    public static String markdown(PolicyCheck.Result r) {
        StringBuilder s = new StringBuilder();
        boolean ok = r.failed() == 0 && r.undecided() == 0 && !r.coverageTooLow();
        s.append(ok ? "🟢" : r.failed() > 0 || r.coverageTooLow() ? "🔴" : "⚠️").append(" **lbguard check: ")
                .append(r.failed() > 0 ? r.failed() + " of " + r.invariants().size() + " invariants fail"
                        : r.undecided() > 0 ? r.undecided() + " of " + r.invariants().size() + " invariants undecided"
                        : "every invariant holds").append(".** Coverage ").append(percent(r.coverage().percent()))
                .append(" (").append(r.coverage().covered()).append(" of ").append(r.coverage().rules())
                .append(" rules)").append(r.coverageTooLow() ? ", under --fail-under "
                        + percent(r.failUnder().getAsDouble()) : "").append(".\n\n");
        s.append('`').append(Origins.text(r.snapshot().origin())).append("`, policy `")
                .append(r.policy().path()).append("`\n\n");
        r.traffic().ifPresent(t -> s.append("**").append(trafficHeadline(t)).append("**\n\n"));
        if (!r.invariants().isEmpty()) {
            s.append("| | Invariant | Request | Expected | Actual |\n|---|---|---|---|---|\n");
            for (InvariantResult i : r.invariants()) {
                s.append("| ").append(i.passed() ? "✅" : i.failed() ? "❌" : "❔").append(" | ")
                        .append(ReviewMarkdown.cell(i.invariant().name())).append(" | ")
                        .append(ReviewMarkdown.code(i.invariant().request().describe(true) + " on "
                                + i.invariant().listener())).append(" | ")
                        .append(ReviewMarkdown.cell(i.invariant().expect().describe())).append(" | ")
                        .append(ReviewMarkdown.cell(i.actual() + i.takenBy().map(t -> " (" + t + ")").orElse("")))
                        .append(" |\n");
            }
            s.append('\n');
        }
        s.append("| Listener | Covered | Not exercised |\n|---|---|---|\n");
        for (Coverage.ListenerCoverage l : r.coverage().listeners()) {
            s.append("| ").append(ReviewMarkdown.code(l.name())).append(" | ").append(l.covered()).append(" of ")
                    .append(l.rules().size()).append(" | ").append(ReviewMarkdown.cell(String.join(", ", l.uncovered())))
                    .append(" |\n");
        }
        s.append('\n');
        r.traffic().filter(t -> !t.uncovered().isEmpty()).ifPresent(t -> {
            s.append("| Listener | Rule no invariant exercises | Logged requests |\n|---|---|---|\n");
            t.uncovered().stream().limit(UNCOVERED_SHOWN).forEach(l -> s.append("| ").append(ReviewMarkdown.code(
                    l.listener())).append(" | ").append(ReviewMarkdown.code(l.rule())).append(" | ")
                    .append(TrafficSection.number(l.requests())).append(" |\n"));
            s.append('\n');
        });
        for (PolicyOutcome.Warning w : r.warnings()) {
            s.append("- ⚠️ ").append(ReviewMarkdown.cell(w.message())).append(" (")
                    .append(ReviewMarkdown.code(w.source().toString())).append(")\n");
        }
        s.append(Status.markdown(r.snapshot().diagnostics(), java.util.List.of()));
        return s.toString();
    }

    public static String json(PolicyCheck.Result r) {
        ObjectNode root = Json.header("check", r.complete(), r.snapshot().diagnostics());
        root.set("head", Origins.json(r.snapshot().origin()));
        root.put("policyFile", r.policy().path());
        root.put("passed", r.failed() == 0 && r.undecided() == 0 && !r.coverageTooLow());
        root.set("invariants", invariants(r.invariants()));
        ObjectNode cov = root.putObject("coverage");
        cov.put("rules", r.coverage().rules());
        cov.put("covered", r.coverage().covered());
        cov.put("percent", Math.round(r.coverage().percent() * 10) / 10.0);
        r.failUnder().ifPresent(f -> cov.put("failUnder", f));
        ArrayNode unc = cov.putArray("uncovered");
        r.coverage().uncovered().forEach(unc::add);
        ArrayNode ls = cov.putArray("listeners");
        for (Coverage.ListenerCoverage l : r.coverage().listeners()) {
            ObjectNode n = ls.addObject();
            n.put("listener", l.name());
            n.put("rules", l.rules().size());
            n.put("covered", l.covered());
            ArrayNode u = n.putArray("uncovered");
            l.uncovered().forEach(u::add);
            ArrayNode un = n.putArray("unreachable");
            l.unreachable().forEach(un::add);
        }
        r.traffic().ifPresent(t -> {
            ObjectNode tn = root.putObject("traffic");
            // check compares no change: nothing is moved (the shared shape of --traffic, CONTRACT.md).
            tn.put("requests", t.requests()).put("moved", 0).put("share", 0.0).put("covered", t.covered())
                    .put("percent", Math.round(t.percent() * 10) / 10.0).put("undecided", t.undecided())
                    .put("elsewhere", t.elsewhere()).put("malformed", t.malformed());
            ObjectNode window = tn.putObject("window");
            t.from().ifPresent(f -> window.put("from", f.toString()));
            t.to().ifPresent(f -> window.put("to", f.toString()));
            com.fasterxml.jackson.databind.node.ArrayNode problems = tn.putArray("problems");
            t.problems().forEach(problems::add);
            ArrayNode rules = tn.putArray("rules");
            t.rules().forEach(l -> rules.addObject().put("listener", l.listener()).put("rule", l.rule())
                    .put("requests", l.requests()).put("covered", l.covered()));
        });
        root.set("policyWarnings", warnings(r.warnings()));
        return Json.write(root, r.snapshot().secrets());
    }

    /** {@code [{name, status, passed, listener, request, expected, actual, rule, file, line}]}. */
    public static ArrayNode invariants(java.util.List<InvariantResult> results) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (InvariantResult i : results) {
            ObjectNode n = a.addObject();
            n.put("name", i.invariant().name());
            n.put("status", i.status().name().toLowerCase(Locale.ROOT));
            n.put("passed", i.passed());
            n.put("listener", i.invariant().listener());
            n.set("request", ReviewJson.request(i.invariant().request()));
            n.put("expected", i.invariant().expect().describe());
            n.put("actual", i.actual());
            i.takenBy().ifPresent(t -> n.put("rule", t));
            i.source().ifPresent(src -> RoutesReport.location(n.putObject("ruleLocation"), src));
            RoutesReport.location(n, i.invariant().source());
            n.put("severity", i.invariant().severity().label());
        }
        return a;
    }

    public static ArrayNode warnings(java.util.List<PolicyOutcome.Warning> warnings) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (PolicyOutcome.Warning w : warnings) {
            ObjectNode n = a.addObject();
            n.put("message", w.message());
            RoutesReport.location(n, w.source());
        }
        return a;
    }

    static String percent(double p) {
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}

package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.analysis.InvariantTrail;
import dev.lbguard.analysis.TimelineResult;
import dev.lbguard.model.Commit;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.InvariantResult;
import java.util.Locale;

/**
 * An invariant followed through a timeline ({@code timeline --invariant}), in every format the timeline writes:
 * what it asks, its result at the start, each commit after which it came out otherwise (the one that broke it, the
 * one after which it passes again, those after which it could not be decided), and its result at the end.
 */
final class InvariantTrailSection {
    private InvariantTrailSection() {
    }

    /** E.g. {@code "checkout reaches checkout" (lbguard.yml:3): POST shop.example.com/checkout on edge:443, expected forward checkout}. */
    static String describe(Invariant i) {
        return "\"" + i.name() + "\" (" + i.source() + "): " + i.request().describe(true) + " on " + i.listener()
                + ", expected " + i.expect().describe();
    }

    /** What a transition was: {@code broke it}, {@code passes again}, {@code passes}, {@code fails}, {@code undecided}. */
    static String label(InvariantTrail trail, InvariantTrail.Transition t) {
        if (t.broke()) {
            return "broke it";
        }
        if (t.after().passed()) {
            boolean passedBefore = trail.start().passed() || trail.transitions().subList(0, trail.transitions()
                    .indexOf(t)).stream().anyMatch(earlier -> earlier.after().passed());
            return passedBefore ? "passes again" : "passes";
        }
        return t.after().failed() ? "fails" : "undecided";
    }

    /** E.g. {@code forward shop-storefront  (aws_lb_listener_rule.campaign infra/edge/rules.tf:39:1)}. */
    static String outcome(InvariantResult r, Style style) {
        return r.actual() + style.dim(r.takenBy().map(t -> "  (" + t + r.source().map(src -> " " + src).orElse("")
                + ")").orElse(""));
    }

    static String status(InvariantResult r) {
        return r.status().name().toLowerCase(Locale.ROOT);
    }

    /** The header and the trail, oldest first, between the start and the end. */
    static void text(StringBuilder s, TimelineResult t, InvariantTrail trail, Style style) {
        s.append("Following invariant ").append(describe(trail.invariant())).append('\n');
        s.append(String.format("  %-14s", "at the start")).append(String.format("%-8s ", status(trail.start())))
                .append(outcome(trail.start(), style)).append('\n');
        for (InvariantTrail.Transition tr : trail.transitions()) {
            String label = String.format("%-14s", label(trail, tr));
            s.append("  ").append(tr.broke() ? style.red(style.bold(label)) : label).append(TimelineText.line(tr.commit()))
                    .append('\n');
            s.append("                ").append(status(tr.before())).append(" -> ").append(status(tr.after()))
                    .append(": ").append(outcome(tr.after(), style)).append('\n');
        }
        s.append(String.format("  %-14s", "at the end")).append(String.format("%-8s ", status(trail.end())))
                .append(outcome(trail.end(), style)).append("\n\n");
    }

    /** The line a ranked commit gets when it changed the invariant's result. */
    static void entryText(StringBuilder s, InvariantTrail trail, Commit c, Style style, String indent) {
        trail.at(c).ifPresent(tr -> s.append(indent).append("invariant: ").append(status(tr.before())).append(" -> ")
                .append(status(tr.after())).append(" (").append(label(trail, tr)).append("), the request gets ")
                .append(outcome(tr.after(), style)).append('\n'));
    }

    /** The net change's line: where the invariant stood at the start and stands at the end. */
    static String net(InvariantTrail trail) {
        return "the invariant: " + status(trail.start()) + " at the start, " + status(trail.end()) + " at the end";
    }

    static void markdown(StringBuilder s, TimelineResult t, InvariantTrail trail) {
        Invariant i = trail.invariant();
        s.append("Following invariant **").append(cell(i.name())).append("** (`").append(i.source()).append("`): `")
                .append(cell(i.request().describe(true))).append("` on ").append(cell(i.listener()))
                .append(", expected `").append(cell(i.expect().describe())).append("`.\n\n");
        s.append("| | Commit | Result | The request gets |\n|---|---|---|---|\n");
        s.append("| at the start | `").append(Origins.text(t.net().base().origin())).append("` | ")
                .append(status(trail.start())).append(" | ").append(markdownOutcome(trail.start())).append(" |\n");
        for (InvariantTrail.Transition tr : trail.transitions()) {
            Commit c = tr.commit();
            String label = label(trail, tr);
            s.append("| ").append(tr.broke() ? "**" + label + "**" : label).append(" | `").append(c.shortId())
                    .append("` ").append(cell(c.subject())).append(" (").append(cell(c.author())).append(", ")
                    .append(TimelineText.TIME.format(c.time())).append(") | ").append(status(tr.before()))
                    .append(" → **").append(status(tr.after())).append("** | ").append(markdownOutcome(tr.after()))
                    .append(" |\n");
        }
        s.append("| at the end | `").append(Origins.text(t.net().head().origin())).append("` | ")
                .append(status(trail.end())).append(" | ").append(markdownOutcome(trail.end())).append(" |\n\n");
    }

    /** The item a ranked commit gets when it changed the invariant's result. */
    static void entryMarkdown(StringBuilder s, InvariantTrail trail, Commit c) {
        trail.at(c).ifPresent(tr -> s.append("- invariant: ").append(status(tr.before())).append(" → **")
                .append(status(tr.after())).append("** (").append(label(trail, tr)).append("), the request gets ")
                .append(markdownOutcome(tr.after())).append("\n\n"));
    }

    private static String markdownOutcome(InvariantResult r) {
        return cell(r.actual()) + r.takenBy().map(rule -> " (`" + cell(rule) + "`" + r.source()
                .map(src -> " `" + src + "`").orElse("") + ")").orElse("");
    }

    /** {@code {name, listener, request, expected, severity, file, line, start, end, brokenBy?, passesAgainAt?, transitions}}. */
    static ObjectNode json(InvariantTrail trail) {
        Invariant i = trail.invariant();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("name", i.name());
        n.put("listener", i.listener());
        n.set("request", ReviewJson.request(i.request()));
        n.put("expected", i.expect().describe());
        n.put("severity", i.severity().label());
        RoutesReport.location(n, i.source());
        n.set("start", result(trail.start()));
        n.set("end", result(trail.end()));
        trail.breaking().ifPresent(b -> n.put("brokenBy", b.commit().id()));
        trail.passingAgain().ifPresent(p -> n.put("passesAgainAt", p.commit().id()));
        ArrayNode a = n.putArray("transitions");
        for (InvariantTrail.Transition tr : trail.transitions()) {
            ObjectNode o = TimelineJson.commit(tr.commit());
            transition(o, trail, tr);
            a.add(o);
        }
        return n;
    }

    /** The object a ranked commit gets under {@code invariant} when it changed the invariant's result. */
    static void entryJson(ObjectNode entry, InvariantTrail trail, Commit c) {
        trail.at(c).ifPresent(tr -> transition(entry.putObject("invariant"), trail, tr));
    }

    private static void transition(ObjectNode o, InvariantTrail trail, InvariantTrail.Transition tr) {
        o.put("change", label(trail, tr));
        o.put("broke", tr.broke());
        o.set("before", result(tr.before()));
        o.set("after", result(tr.after()));
    }

    /** {@code {status, actual, rule?, ruleLocation?}}, as {@code check} writes an invariant's result. */
    private static ObjectNode result(InvariantResult r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", status(r));
        n.put("actual", r.actual());
        r.takenBy().ifPresent(t -> n.put("rule", t));
        r.source().ifPresent(src -> RoutesReport.location(n.putObject("ruleLocation"), src));
        return n;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", "<br>").replace("`", "'");
    }

}

package dev.lbguard.cli.report;

import dev.lbguard.diff.AttributeChange;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.policy.Finding;
import dev.lbguard.policy.Inconclusive;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.Risk;

/** The text form of a review, for a terminal: verdict, route changes, findings, resource changes, status. */
public final class ReviewText {
    private ReviewText() {
    }

    public static String write(String title, ReviewResult r, Style style) {
        return write(title, r, style, "");
    }

    /** The report with {@code extra} sections (already formatted, e.g. drift's unpaired elements) before the status. */
    public static String write(String title, ReviewResult r, Style style, String extra) {
        StringBuilder s = new StringBuilder();
        s.append(style.bold(title + ": " + Origins.text(r.base().origin()) + " -> " + Origins.text(r.head().origin())))
                .append('\n');
        s.append(riskStyle(r.risk(), style, "RISK " + r.risk().label().toUpperCase(java.util.Locale.ROOT)))
                .append("  ").append(Verdict.sentence(r)).append("\n\n");
        if (!r.routes().changes().isEmpty()) {
            s.append(style.bold("Route changes")).append('\n');
            String listener = "";
            for (RouteChange c : r.routes().changes()) {
                String l = c.loadBalancerName() + " " + c.listenerLabel();
                if (!l.equals(listener)) {
                    s.append("  ").append(l).append('\n');
                    listener = l;
                }
                s.append("    ").append(c.match().describe()).append('\n');
                s.append("      e.g.   ").append(RouteReport.describe(c.example(), c.match().constrains("source-ip"))).append('\n');
                s.append("      before ").append(ReviewJson.summary(c.before(), r.base()))
                        .append(style.dim(c.before().rule().map(id -> "  (" + id + ")").orElse(""))).append('\n');
                s.append("      after  ").append(style.bold(ReviewJson.summary(c.after(), r.head())))
                        .append(style.dim(c.after().rule().map(id -> "  (" + id + ")").orElse(""))).append('\n');
            }
            s.append('\n');
        }
        if (!r.findings().isEmpty()) {
            s.append(style.bold("Findings")).append('\n');
            for (Finding f : r.findings()) {
                s.append("  ").append(severityStyle(f, style)).append(' ').append(f.ruleId()).append(' ')
                        .append(f.title()).append("  ").append(style.dim(f.source().toString())).append('\n');
                s.append("      ").append(f.message()).append('\n');
                s.append("      fix: ").append(f.remediation()).append('\n');
            }
            s.append('\n');
        }
        if (!r.resources().changes().isEmpty()) {
            s.append(style.bold("Resource changes")).append('\n');
            for (ResourceChange c : r.resources().changes()) {
                s.append(String.format("  %-9s %-13s %s", c.change().label(), c.kind().label(), c.id()))
                        .append(c.renamedFrom().map(f -> " (from " + f + (c.declaredMove() ? ", moved block" : "")
                                + ")").orElse(""))
                        .append("  ").append(style.dim(c.source().toString())).append('\n');
                for (AttributeChange a : c.attributes()) {
                    s.append("      ").append(a.path()).append(": ").append(a.beforeJson()).append(" -> ")
                            .append(a.afterJson()).append('\n');
                }
            }
            s.append('\n');
        }
        s.append(extra);
        for (Inconclusive i : r.inconclusives()) {
            s.append(style.yellow("  inconclusive " + i.ruleId() + ": " + i.reason())).append('\n');
        }
        s.append(Status.text(ReviewJson.diagnostics(r), style));
        return s.toString();
    }

    private static String severityStyle(Finding f, Style style) {
        String label = String.format("%-8s", f.severity().label().toUpperCase(java.util.Locale.ROOT));
        return switch (f.severity()) {
            case CRITICAL, HIGH -> style.red(label);
            case MEDIUM -> style.yellow(label);
            default -> label;
        };
    }

    private static String riskStyle(Risk risk, Style style, String text) {
        return switch (risk) {
            case CRITICAL, HIGH -> style.red(style.bold(text));
            case MEDIUM -> style.yellow(style.bold(text));
            case NONE -> style.green(style.bold(text));
            default -> style.bold(text);
        };
    }
}

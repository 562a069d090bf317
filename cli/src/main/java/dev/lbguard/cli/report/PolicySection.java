package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.policy.Finding;
import dev.lbguard.policy.PolicyChange;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.PolicyOutcome;
import dev.lbguard.policy.RuleSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the policy file did in a review, in every format: a header line naming the policy that judged and its
 * severity overrides and disabled rules, how its invariants fared, how the change alters the policy, and
 * warnings about the policy itself. Nothing at all without a policy file on either side.
 */
public final class PolicySection {
    private PolicySection() {
    }

    /** E.g. {@code Policy lbguard.yml: 3 invariants, 1 waiver; LBG010 severity low; LBG013 disabled}; "" without one. */
    public static String header(PolicyOutcome p) {
        PolicyFile f = p.judge();
        if (!f.exists()) {
            return p.changes().isEmpty() ? "" : "Policy: none before this change";
        }
        List<String> parts = new ArrayList<>();
        parts.add(plural(f.invariants().size(), "invariant") + ", " + plural(f.waivers().size(), "waiver"));
        for (RuleSetting s : f.rules().values()) {
            if (!s.enabled()) {
                parts.add(s.rule() + " disabled");
            } else if (s.severity().isPresent()) {
                parts.add(s.rule() + " severity " + s.severity().get().label());
            }
        }
        return "Policy " + f.path() + ": " + String.join("; ", parts);
    }

    /**
     * How the invariants fared, in one line: e.g. {@code 5 held, 1 broken by this change, 1 failing before it}. Each
     * invariant counts once: one that failed before and passes after passes after it, it did not simply hold, and
     * one that fails after a side that could not be decided is failing, not undecided.
     */
    static String invariants(PolicyOutcome p, boolean live) {
        long held = 0;
        long broken = 0;
        long fixed = 0;
        long still = 0;
        long failing = 0;
        for (PolicyOutcome.Judgement j : p.invariants()) {
            if (j.broken()) {
                broken++;
            } else if (j.base().failed()) {
                if (j.head().passed()) {
                    fixed++;
                } else {
                    still++;
                }
            } else if (j.head().passed()) {
                held++;
            } else if (j.head().failed()) {
                failing++;
            }
        }
        long undecided = p.invariants().size() - held - broken - fixed - still - failing;
        List<String> parts = new ArrayList<>();
        parts.add(held + " held");
        if (broken > 0) {
            parts.add(broken + (live ? " broken in what runs" : " broken by this change"));
        }
        if (fixed > 0) {
            parts.add(fixed + (live ? " failing in git, passing in what runs" : " failing before it, passing after"));
        }
        if (still > 0) {
            parts.add(still + (live ? " failing in git too" : " failing before it"));
        }
        if (failing > 0) {
            parts.add(failing + (live ? " failing in what runs, undecided in git" : " failing, undecided before it"));
        }
        if (undecided > 0) {
            parts.add(undecided + " undecided");
        }
        return String.join(", ", parts);
    }

    public static void text(StringBuilder s, PolicyOutcome p, boolean live, Style style) {
        if (!p.judge().exists() && p.changes().isEmpty() && p.warnings().isEmpty()) {
            return;
        }
        s.append(style.bold("Policy")).append('\n');
        if (!p.invariants().isEmpty()) {
            s.append("  invariants: ").append(invariants(p, live)).append('\n');
            for (PolicyOutcome.Judgement j : p.invariants()) {
                if (j.base().failed()) {
                    String label = j.head().passed() ? (live ? "failing in git, passing in what runs" : "failing "
                            + "before this change, passing after") : (live ? "failing in git too"
                            : "failing before this change");
                    s.append("      ").append(label).append(": \"").append(j.invariant().name()).append("\" ")
                            .append(style.dim(j.invariant().source().toString())).append('\n');
                }
            }
        }
        for (PolicyChange c : p.changes()) {
            s.append("  ").append(String.format("%-8s", c.kind().label())).append(c.subject())
                    .append(c.detail().isEmpty() ? "" : ": " + c.detail()).append("  ").append(style.dim(c.source().toString()))
                    .append('\n');
        }
        for (PolicyOutcome.Warning w : p.warnings()) {
            s.append("  ").append(style.yellow("warning: " + w.message())).append("  ").append(style.dim(w.source().toString()))
                    .append('\n');
        }
        s.append('\n');
    }

    public static void markdown(StringBuilder s, PolicyOutcome p, boolean live) {
        if (!p.judge().exists() && p.changes().isEmpty() && p.warnings().isEmpty()) {
            return;
        }
        s.append("#### Policy\n\n");
        if (!p.invariants().isEmpty()) {
            s.append("Invariants: ").append(invariants(p, live)).append(".\n\n");
        }
        if (!p.changes().isEmpty()) {
            s.append("| Change | Subject | Where |\n|---|---|---|\n");
            for (PolicyChange c : p.changes()) {
                s.append("| ").append(c.kind().label()).append(c.weakens() ? " (weakens)" : "").append(" | ")
                        .append(ReviewMarkdown.cell(c.subject() + (c.detail().isEmpty() ? "" : ": " + c.detail())))
                        .append(" | ").append(ReviewMarkdown.code(c.source().toString())).append(" |\n");
            }
            s.append('\n');
        }
        for (PolicyOutcome.Warning w : p.warnings()) {
            s.append("- ⚠️ ").append(ReviewMarkdown.cell(w.message())).append(" (").append(ReviewMarkdown.code(
                    w.source().toString())).append(")\n");
        }
        if (!p.warnings().isEmpty()) {
            s.append('\n');
        }
    }

    public static ObjectNode json(PolicyOutcome p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("file", p.judge().path());
        ArrayNode inv = n.putArray("invariants");
        for (PolicyOutcome.Judgement j : p.invariants()) {
            ObjectNode i = inv.addObject();
            i.put("name", j.invariant().name());
            i.put("base", j.base().status().name().toLowerCase(Locale.ROOT));
            i.put("head", j.head().status().name().toLowerCase(Locale.ROOT));
            i.put("broken", j.broken());
            i.put("actual", j.head().actual());
            RoutesReport.location(i, j.invariant().source());
        }
        ObjectNode rules = n.putObject("rules");
        for (RuleSetting s : p.judge().rules().values()) {
            ObjectNode r = rules.putObject(s.rule());
            r.put("enabled", s.enabled());
            s.severity().ifPresent(v -> r.put("severity", v.label()));
        }
        ArrayNode ch = n.putArray("changes");
        for (PolicyChange c : p.changes()) {
            ObjectNode o = ch.addObject();
            o.put("change", c.kind().label());
            o.put("subject", c.subject());
            o.put("detail", c.detail());
            o.put("weakens", c.weakens());
            RoutesReport.location(o, c.source());
        }
        n.set("warnings", CheckReport.warnings(p.warnings()));
        return n;
    }

    /** The line a waived finding gets under its message. */
    static String waived(Finding.Waived w) {
        return "waived until " + w.expires() + ": " + w.reason() + " (" + w.source() + ")";
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}

package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.analysis.Rollback;
import dev.lbguard.policy.ReviewResult;
import java.util.Locale;

/**
 * The rollback report in text, markdown and JSON. The text form ends with the patch itself: {@code git apply}
 * skips everything before the first {@code diff --git} line, so the whole report applies as it is.
 */
public final class RollbackReport {
    private RollbackReport() {
    }

    public static String text(Rollback r, Style style) {
        ReviewResult review = r.review();
        StringBuilder s = new StringBuilder();
        s.append(style.bold("lbguard rollback: HEAD (" + r.head().shortId() + ") -> " + r.targetLabel() + " ("
                + r.target().shortId() + " " + r.target().subject() + ")")).append('\n');
        r.mark().ifPresent(m -> s.append("  known-good marked by ").append(m.marker().isEmpty() ? "(unknown)" : m.marker())
                .append(" at ").append(m.when()).append(m.note().isEmpty() ? "" : ": " + m.note()).append('\n'));
        if (r.paths().isEmpty() && r.binaries().isEmpty() && r.proven()) {
            s.append(style.green("Nothing to roll back: the load-balancer definition files are as at the target."))
                    .append('\n');
            return s.append(Status.text(review.diagnostics(), style)).toString();
        }
        s.append(ReviewText.riskStyle(review.risk(), style, "RISK " + review.risk().label().toUpperCase(Locale.ROOT)))
                .append("  Rolling back: ").append(Verdict.sentence(review)).append('\n');
        // Failed only where the patch applied and some class still routes differently; unread input proves nothing.
        s.append(r.proven() ? style.green("PROOF OK") : r.patchAppliedInMemory() && !r.proof().isEmpty()
                ? style.red("PROOF FAILED") : style.yellow("NOT PROVEN")).append("  ").append(proof(r)).append('\n');
        String policy = PolicySection.header(review.policy());
        s.append(policy.isEmpty() ? "" : style.dim(policy) + "\n");
        review.traffic().ifPresent(c -> s.append(TrafficSection.headline(review)).append('\n'));
        s.append('\n');
        if (!r.proof().isEmpty()) {
            s.append(style.bold("Still routed differently from the target after the patch")).append('\n');
            ReviewText.routeChanges(s, r.proof().changes(), review.head(), review.head(), style, "");
            s.append('\n');
        }
        if (!review.routes().changes().isEmpty()) {
            s.append(style.bold("Route changes the rollback makes (from HEAD)")).append('\n');
            ReviewText.routeChanges(s, review.routes().changes(), review.base(), review.head(), style, "",
                    review.traffic());
            s.append('\n');
        }
        review.traffic().ifPresent(c -> TrafficSection.text(s, c, style));
        if (!review.findings().isEmpty()) {
            s.append(style.bold("Findings of the rollback itself")).append('\n');
            ReviewText.findings(s, review.findings(), style, "");
            s.append('\n');
        }
        PolicySection.text(s, review.policy(), false, style);
        undone(s, r, style);
        binaries(s, r, style);
        s.append(style.bold("Files (" + r.paths().size() + ")")).append('\n');
        r.paths().forEach(p -> s.append("  ").append(p).append('\n'));
        s.append('\n');
        if (!r.applied().isEmpty()) {
            s.append("Applied to the work tree (not committed): review with 'git diff', then commit.\n");
        } else if (r.paths().isEmpty()) {
            s.append("The patch is empty: only the binary files above differ; restore them as shown.\n");
        } else {
            s.append("Apply with: git apply <this report saved to a file>, or lbguard rollback --apply.\n");
        }
        s.append(Status.text(review.diagnostics(), style)).append('\n');
        if (Redaction.holdsSensitive(r.patch(), Redaction.secretsOf(r.review()))) {
            s.append(style.yellow(SENSITIVE_PATCH)).append("\n\n");
        }
        return s.toString();
    }

    /** Why the patch, unlike the rest of a report, is not redacted, and what that asks of the reader. */
    private static final String SENSITIVE_PATCH = "The patch below carries sensitive values from the repository's "
            + "own files, as it must to apply: keep it out of tickets and chat.";


    private static void undone(StringBuilder s, Rollback r, Style style) {
        if (!r.undoneKnown()) {
            s.append(style.yellow("The target is not an ancestor of HEAD: lbguard cannot list the commits whose "
                    + "changes the rollback undoes; read the patch.")).append("\n\n");
            return;
        }
        if (r.undone().isEmpty()) {
            return;
        }
        s.append(style.bold("Commits since the target whose changes to these files the rollback undoes")).append('\n');
        boolean neutral = false;
        for (Rollback.Undone u : r.undone()) {
            neutral |= !u.movedRequests();
            s.append("  ").append(u.movedRequests() ? "moved requests   " : style.yellow("no request moved"))
                    .append(u.movedRequests() ? "" : " ").append(' ').append(TimelineText.line(u.commit())).append('\n');
            s.append("      ").append(String.join(", ", u.paths())).append('\n');
        }
        if (neutral) {
            s.append(style.yellow("  The commits marked 'no request moved' changed these files without moving "
                    + "requests; the rollback takes their changes away too. Re-apply them afterwards if still wanted."))
                    .append('\n');
        }
        s.append('\n');
    }

    private static void binaries(StringBuilder s, Rollback r, Style style) {
        if (r.binaries().isEmpty()) {
            return;
        }
        s.append(style.yellow("Binary files that differ from the target are not in the patch (a text patch cannot "
                + "carry them) and stay as at HEAD; restore each with:")).append('\n');
        r.binaries().forEach(b -> s.append("  ").append(restore(r, b)).append('\n'));
        s.append('\n');
    }

    private static String restore(Rollback r, Rollback.BinaryFile b) {
        return b.atTarget() ? "git checkout " + r.target().shortId() + " -- " + b.path() : "git rm -- " + b.path();
    }

    private static String proof(Rollback r) {
        int compared = r.proof().classesCompared();
        if (!r.patchAppliedInMemory()) {
            return "JGit cannot apply patches to files with CRLF line endings in memory, so lbguard could not check "
                    + "this patch: check it with git apply --check before applying it.";
        }
        if (r.proven()) {
            return "with the patch applied (in memory, by JGit's git apply), " + (compared == 0
                    ? "every listener is the same as at " + r.targetLabel() + "."
                    : "all " + compared + " request classes compared route exactly as at " + r.targetLabel() + ".");
        }
        if (!r.proof().isEmpty()) {
            return r.proof().changes().size() + " of " + compared + " request classes still route differently from "
                    + r.targetLabel() + " with the patch applied: " + (r.binaries().isEmpty()
                    ? "something outside the patched files affects routing."
                    : "the files left out of the patch (below) hold routing too; restore them as shown.");
        }
        return "lbguard could not read everything that may affect routing, so it cannot promise the patch restores "
                + r.targetLabel() + "'s routing.";
    }

    public static String markdown(Rollback r) {
        ReviewResult review = r.review();
        StringBuilder s = new StringBuilder();
        s.append("**lbguard rollback: HEAD `").append(r.head().shortId()).append("` → ").append(r.targetLabel())
                .append(" `").append(r.target().shortId()).append("`.** ").append(r.proven() ? "✅ " : "⚠️ ")
                .append(proof(r)).append("\n\n").append(review.risk().label().toUpperCase(Locale.ROOT))
                .append(" risk. Rolling back: ").append(Verdict.sentence(review)).append("\n\n");
        String policy = PolicySection.header(review.policy());
        if (!policy.isEmpty()) {
            s.append("_").append(ReviewMarkdown.cell(policy)).append("_\n\n");
        }
        review.findings().forEach(f -> s.append(ReviewMarkdown.findingItem(f)));
        s.append(review.findings().isEmpty() ? "" : "\n");
        PolicySection.markdown(s, review.policy(), false);
        review.traffic().ifPresent(c -> {
            s.append("**").append(TrafficSection.headline(review)).append("**\n\n");
            TrafficSection.markdown(s, c);
        });
        for (Rollback.Undone u : r.undone()) {
            s.append("- `").append(u.commit().shortId()).append("` ").append(u.commit().subject()).append(" (")
                    .append(u.commit().author()).append("): ").append(u.movedRequests() ? "moved requests"
                            : "**moved no request; its changes are undone too**").append('\n');
        }
        for (Rollback.BinaryFile b : r.binaries()) {
            s.append("- binary file `").append(b.path()).append("` is not in the patch; restore it with `")
                    .append(restore(r, b)).append("`\n");
        }
        if (Redaction.holdsSensitive(r.patch(), Redaction.secretsOf(r.review()))) {
            // A comment is read by many; a patch with a hidden value would apply and break the configuration.
            s.append("\nThe patch carries sensitive values from the repository's files, so it is not shown here: "
                    + "get it with `lbguard rollback > rollback.patch`, or apply it with `lbguard rollback --apply`.\n");
        } else {
            s.append("\n```diff\n").append(r.patch()).append("```\n");
        }
        return s.toString();
    }

    private static final String PATCH_SLOT = "@@lbguard-rollback-patch@@";

    public static String json(Rollback r) {
        ReviewResult review = r.review();
        ObjectNode root = Json.header("rollback", r.proven(), review.diagnostics());
        root.set("base", Origins.json(review.base().origin()));
        root.set("head", Origins.json(review.head().origin()));
        root.set("target", TimelineJson.commit(r.target()));
        root.put("targetLabel", r.targetLabel());
        r.mark().ifPresent(m -> root.put("knownGoodMarkedBy", m.marker()).put("knownGoodTime", m.when().toString())
                .put("knownGoodNote", m.note()));
        root.put("risk", review.risk().label());
        root.set("resourceChanges", ReviewJson.resourceChanges(review.resources().changes()));
        root.set("routeChanges", ReviewJson.routeChanges(review.routes().changes(), review.base(), review.head()));
        root.set("findings", ReviewJson.findings(review.findings()));
        if (review.policy().judge().exists() || !review.policy().warnings().isEmpty()) {
            root.set("policy", PolicySection.json(review.policy()));
        }
        review.traffic().ifPresent(c -> TrafficSection.json(root, review));
        ObjectNode proof = root.putObject("proof");
        proof.put("restoresTarget", r.proven());
        proof.put("patchAppliedInMemory", r.patchAppliedInMemory());
        proof.put("requestClassesCompared", r.proof().classesCompared());
        proof.set("remainingRouteChanges", ReviewJson.routeChanges(r.proof().changes(), review.head(), review.head()));
        ArrayNode files = root.putArray("files");
        r.paths().forEach(files::add);
        ArrayNode binaries = root.putArray("binaryFilesNotInPatch");
        r.binaries().forEach(b -> binaries.add(b.path()));
        ArrayNode undone = root.putArray("undoneCommits");
        for (Rollback.Undone u : r.undone()) {
            ObjectNode n = TimelineJson.commit(u.commit());
            n.put("movedRequests", u.movedRequests());
            ArrayNode paths = n.putArray("files");
            u.paths().forEach(paths::add);
            undone.add(n);
        }
        root.put("undoneCommitsKnown", r.undoneKnown());
        ArrayNode applied = root.putArray("applied");
        r.applied().forEach(applied::add);
        root.put("patchHasSensitiveValues", Redaction.holdsSensitive(r.patch(), Redaction.secretsOf(r.review())));
        // The patch is written as it is (it must apply as proven), the rest with sensitive values hidden.
        root.put("patch", PATCH_SLOT);
        try {
            return Json.write(root, Redaction.secretsOf(r.review())).replace("\"" + PATCH_SLOT + "\"", Json.MAPPER.writeValueAsString(r.patch()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the patch", e);
        }
    }
}

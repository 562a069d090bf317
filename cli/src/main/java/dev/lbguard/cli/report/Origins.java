package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.model.SnapshotOrigin;

/** How reports name a snapshot's origin: {@code {"rev": "main", "commit": "<40 hex>"}} (CONTRACT.md). */
public final class Origins {
    private Origins() {
    }

    public static ObjectNode json(SnapshotOrigin origin) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        switch (origin.kind()) {
            case GIT_REVISION -> n.put("rev", origin.label()).put("commit", origin.location());
            case WORKTREE -> n.put("rev", origin.label());
            // State files and plans are read as the live side of drift, as the AWS API is (CONTRACT.md).
            case LIVE, TERRAFORM_STATE, TERRAFORM_PLAN -> n.put("live", origin.label());
            default -> n.put("source", origin.label());
        }
        return n;
    }

    /** E.g. {@code main (3f2a1b4c)} or {@code WORKTREE}. */
    public static String text(SnapshotOrigin origin) {
        if (origin.kind() == SnapshotOrigin.Kind.GIT_REVISION) {
            String shortId = origin.location().length() > 12 ? origin.location().substring(0, 12) : origin.location();
            return origin.label().equals(origin.location()) ? shortId : origin.label() + " (" + shortId + ")";
        }
        return origin.label();
    }
}

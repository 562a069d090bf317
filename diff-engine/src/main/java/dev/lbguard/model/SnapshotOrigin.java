package dev.lbguard.model;

import java.util.Objects;

/**
 * Where a snapshot came from.
 *
 * @param kind the kind of source
 * @param location the commit id, file path or endpoint read ({@code ""} when not applicable)
 * @param label what the user named it, e.g. {@code main}, {@code WORKTREE} or {@code aws:eu-west-1}
 */
public record SnapshotOrigin(Kind kind, String location, String label) {
    /** The kinds of source a snapshot can be read from. */
    public enum Kind { GIT_REVISION, WORKTREE, TERRAFORM_STATE, TERRAFORM_PLAN, LIVE, OTHER }

    public SnapshotOrigin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(label, "label");
    }

    /**
     * Whether the snapshot is what runs (a live API, a state file, a plan) rather than what a revision declares:
     * a comparison whose head is what runs is a drift, and reports word it so.
     */
    public boolean isWhatRuns() {
        return kind == Kind.LIVE || kind == Kind.TERRAFORM_STATE || kind == Kind.TERRAFORM_PLAN;
    }

    public static SnapshotOrigin other(String label) {
        return new SnapshotOrigin(Kind.OTHER, "", label);
    }
}

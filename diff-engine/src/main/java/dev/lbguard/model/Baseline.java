package dev.lbguard.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A known-good revision as someone marked it ({@code lbguard baseline mark}): the commit, who marked it, when and
 * why, and the name under which the repository keeps the mark.
 */
public record Baseline(String commit, String subject, String marker, String email, Instant when, String note,
                       String ref) {
    public Baseline {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(ref, "ref");
    }
}

package dev.lbguard.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The commits of a window of history along first parents, oldest first, and the commit the window starts from.
 *
 * @param base the commit just before the window, whose files the first commit changed; empty when the window
 *             starts at the repository's first commit
 * @param baseLabel how the user named the start, e.g. {@code HEAD~3} or {@code 2026-11-24T14:00:00Z}
 * @param headLabel how the user named the end, e.g. {@code HEAD}
 */
public record HistoryWindow(Optional<Commit> base, List<Commit> commits, String baseLabel, String headLabel) {
    public HistoryWindow {
        Objects.requireNonNull(base, "base");
        commits = List.copyOf(commits);
        Objects.requireNonNull(baseLabel, "baseLabel");
        Objects.requireNonNull(headLabel, "headLabel");
    }

    /** The last commit of the window, or the base when the window is empty. */
    public Optional<Commit> head() {
        return commits.isEmpty() ? base : Optional.of(commits.get(commits.size() - 1));
    }
}

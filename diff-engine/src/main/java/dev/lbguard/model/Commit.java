package dev.lbguard.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One commit of the history a snapshot was read from, as results carry it and reports show it; sources make it
 * (git reads it with JGit), nothing after the model knows how.
 *
 * @param parents the parent ids, first parent first; empty for a root commit (or a shallow clone's boundary)
 * @param time the author's date, as {@code git log} shows it
 * @param subject the first line of the message
 */
public record Commit(String id, List<String> parents, String author, String email, Instant time, String subject) {
    public Commit {
        Objects.requireNonNull(id, "id");
        parents = List.copyOf(parents);
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
    }

    public String shortId() {
        return id.substring(0, Math.min(12, id.length()));
    }

    public boolean isMerge() {
        return parents.size() > 1;
    }
}

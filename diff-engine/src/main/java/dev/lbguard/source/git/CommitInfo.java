package dev.lbguard.source.git;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * One commit as reports show it.
 *
 * @param parents the parent ids, first parent first; empty for a root commit (or a shallow clone's boundary)
 * @param time the author's date, as {@code git log} shows it
 * @param subject the first line of the message
 */
public record CommitInfo(String id, List<String> parents, String author, String email, Instant time, String subject) {
    public CommitInfo {
        Objects.requireNonNull(id, "id");
        parents = List.copyOf(parents);
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
    }

    public static CommitInfo of(RevCommit c) {
        List<String> parents = new java.util.ArrayList<>();
        for (int i = 0; i < c.getParentCount(); i++) {
            parents.add(c.getParent(i).name());
        }
        var who = c.getAuthorIdent();
        return new CommitInfo(c.name(), parents, who.getName(), who.getEmailAddress(), who.getWhenAsInstant(),
                c.getShortMessage());
    }

    public String shortId() {
        return id.substring(0, Math.min(12, id.length()));
    }

    public boolean isMerge() {
        return parents.size() > 1;
    }
}

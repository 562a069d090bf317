package dev.lbguard.source.git;

import dev.lbguard.model.Commit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;

/** Reads a JGit commit into the model's {@link Commit}. */
public final class Commits {
    private Commits() {
    }

    public static Commit of(RevCommit c) {
        List<String> parents = new ArrayList<>();
        for (int i = 0; i < c.getParentCount(); i++) {
            parents.add(c.getParent(i).name());
        }
        var who = c.getAuthorIdent();
        return new Commit(c.name(), parents, who.getName(), who.getEmailAddress(), who.getWhenAsInstant(),
                c.getShortMessage());
    }
}

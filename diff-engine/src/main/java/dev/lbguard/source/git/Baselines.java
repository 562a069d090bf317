package dev.lbguard.source.git;

import dev.lbguard.model.Baseline;
import dev.lbguard.source.SourceException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The known-good revision, kept in the repository under {@code refs/lbguard/}: each mark is an annotated tag
 * object (who marked it, when, why) pointing at the commit, referenced by {@code refs/lbguard/marks/<time>-<id>};
 * {@code refs/lbguard/known-good} points at the latest. Plain refs and tags, so that
 * {@code git push origin 'refs/lbguard/*:refs/lbguard/*'} shares them and a fetch of the same refspec brings them.
 * Nothing outside that namespace is written, and no work tree or index is touched.
 */
public final class Baselines {
    public static final String NAMESPACE = "refs/lbguard/";
    public static final String KNOWN_GOOD = NAMESPACE + "known-good";
    public static final String MARKS = NAMESPACE + "marks/";

    private final GitRepository git;

    public Baselines(GitRepository git) {
        this.git = git;
    }

    /** Marks {@code commit} as known-good. */
    public Baseline mark(RevCommit commit, PersonIdent who, String note) throws SourceException {
        Repository repo = git.jgit();
        TagBuilder tag = new TagBuilder();
        tag.setObjectId(commit);
        tag.setTag("lbguard-known-good-" + who.getWhenAsInstant().getEpochSecond());
        tag.setTagger(who);
        tag.setMessage((note.isEmpty() ? "known-good" : note) + "\n");
        String ref = MARKS + who.getWhenAsInstant().getEpochSecond() + "-" + commit.name().substring(0, 12);
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId tagId = inserter.insert(tag);
            inserter.flush();
            update(repo, ref, tagId);
            update(repo, KNOWN_GOOD, tagId);
            return read(repo, ref, tagId).orElseThrow();
        } catch (IOException e) {
            throw new SourceException("cannot record the known-good revision: " + e.getMessage(), e);
        }
    }

    private static void update(Repository repo, String ref, ObjectId id) throws IOException, SourceException {
        RefUpdate u = repo.updateRef(ref);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        // No reflog: git keeps none for this namespace either, and the marks themselves are the history.
        u.disableRefLog();
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE) {
            throw new SourceException("cannot update " + ref + ": " + r);
        }
    }

    /** The current known-good mark, if one was made. */
    public Optional<Baseline> current() throws SourceException {
        try {
            Ref ref = git.jgit().exactRef(KNOWN_GOOD);
            return ref == null ? Optional.empty() : read(git.jgit(), KNOWN_GOOD, ref.getObjectId());
        } catch (IOException e) {
            throw new SourceException("cannot read " + KNOWN_GOOD + ": " + e.getMessage(), e);
        }
    }

    /** Every mark, newest first. */
    public List<Baseline> list() throws SourceException {
        List<Baseline> marks = new ArrayList<>();
        try {
            for (Ref ref : git.jgit().getRefDatabase().getRefsByPrefix(MARKS)) {
                read(git.jgit(), ref.getName(), ref.getObjectId()).ifPresent(marks::add);
            }
        } catch (IOException e) {
            throw new SourceException("cannot list " + MARKS + ": " + e.getMessage(), e);
        }
        marks.sort(Comparator.comparing(Baseline::when).reversed().thenComparing(Baseline::ref));
        return marks;
    }

    private static Optional<Baseline> read(Repository repo, String ref, ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevObject o = walk.parseAny(id);
            if (o instanceof RevTag tag) {
                RevObject target = walk.peel(tag);
                if (!(target instanceof RevCommit c)) {
                    return Optional.empty();
                }
                PersonIdent who = tag.getTaggerIdent();
                String note = tag.getFullMessage().strip();
                return Optional.of(new Baseline(c.name(), c.getShortMessage(), who == null ? "" : who.getName(),
                        who == null ? "" : who.getEmailAddress(),
                        who == null ? Instant.EPOCH : who.getWhenAsInstant(), note, ref));
            }
            // A plain ref at a commit (set by hand with git update-ref) is honoured, without who or why.
            if (o.getType() == Constants.OBJ_COMMIT) {
                RevCommit c = walk.parseCommit(o);
                return Optional.of(new Baseline(c.name(), c.getShortMessage(), "", "", Instant.EPOCH, "", ref));
            }
            return Optional.empty();
        }
    }
}

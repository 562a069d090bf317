package dev.lbguard.analysis;

import dev.lbguard.model.Commit;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.InvariantResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One invariant followed through a window of history ({@code timeline --invariant}): its result at the window's
 * start and end, and every first-parent commit after which it came out otherwise (passed, failed, unknown), oldest
 * first. An unknown result is never taken for a pass: a commit breaks the invariant only when it passed right
 * before and fails right after.
 *
 * @param start the result at the window's start, {@code end} at its end (every root module read)
 * @param transitions oldest first
 */
public record InvariantTrail(Invariant invariant, InvariantResult start, InvariantResult end,
                             List<Transition> transitions) {
    /** A commit after which the invariant's result differs from its first parent's. */
    public record Transition(Commit commit, InvariantResult before, InvariantResult after) {
        public Transition {
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        /** Passed before this commit and fails after it: this commit broke the invariant. */
        public boolean broke() {
            return before.passed() && after.failed();
        }
    }

    public InvariantTrail {
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        transitions = List.copyOf(transitions);
    }

    /** The first commit that broke the invariant. */
    public Optional<Transition> breaking() {
        return transitions.stream().filter(Transition::broke).findFirst();
    }

    /** The first commit after the breaking one after which the invariant passes again. */
    public Optional<Transition> passingAgain() {
        Optional<Transition> broke = breaking();
        if (broke.isEmpty()) {
            return Optional.empty();
        }
        return transitions.subList(transitions.indexOf(broke.get()) + 1, transitions.size()).stream()
                .filter(t -> t.after().passed()).findFirst();
    }

    /** The transition a commit made, if it made one. */
    public Optional<Transition> at(Commit commit) {
        return transitions.stream().filter(t -> t.commit().id().equals(commit.id())).findFirst();
    }

    /** Every result of the trail decided: which commit broke or mended the invariant is then certain. */
    public boolean decided() {
        return start.status() != InvariantResult.Status.UNKNOWN && end.status() != InvariantResult.Status.UNKNOWN
                && transitions.stream().allMatch(t -> t.after().status() != InvariantResult.Status.UNKNOWN
                        && t.before().status() != InvariantResult.Status.UNKNOWN);
    }
}

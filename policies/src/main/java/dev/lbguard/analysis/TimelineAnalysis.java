package dev.lbguard.analysis;

import dev.lbguard.model.Commit;
import dev.lbguard.model.HistoryWindow;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.InvariantCheck;
import dev.lbguard.policy.InvariantResult;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.policy.PolicyOutcome;
import dev.lbguard.policy.Review;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.rules.BuiltInRules;
import dev.lbguard.source.SourceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Reviews each commit of a window against its first parent, over the root modules it changed, and the window
 * as a whole; commits that touched no load-balancer definition are only listed. Root modules are evaluated
 * independently, so a commit's route changes are exactly those of the modules it changed.
 */
public final class TimelineAnalysis {
    private final HistorySnapshots snapshots;
    private final Review review;
    private final PolicyContext policy;
    private final dev.lbguard.source.git.GitHistory history;

    public TimelineAnalysis(HistorySnapshots snapshots) {
        this(snapshots, BuiltInRules.review(), PolicyContext.NONE);
    }

    private TimelineAnalysis(HistorySnapshots snapshots, Review review, PolicyContext policy) {
        this.snapshots = snapshots;
        this.review = review;
        this.policy = policy;
        this.history = new dev.lbguard.source.git.GitHistory(snapshots.repository());
    }

    /** Every commit and the window's net change weighed by logged traffic, commits ranked by requests moved. */
    public TimelineAnalysis weighedBy(dev.lbguard.policy.TrafficWeigher traffic) {
        return new TimelineAnalysis(snapshots, BuiltInRules.review().weighedBy(traffic), policy);
    }

    /**
     * Every commit and the net change judged by one policy file: its severities, disabled rules, waivers, traffic
     * thresholds, and its invariants as findings of the commits that broke them. One policy for the whole window
     * (the one standing at its end), so that commits are ranked by the same measure.
     */
    public TimelineAnalysis judgedBy(PolicyContext policy) {
        return new TimelineAnalysis(snapshots, review, policy);
    }

    /**
     * Analyses the window; {@code progress} hears the number of commits done after each one.
     *
     * @param request a request to follow; with one, only the commits that moved it are ranked
     */
    public TimelineResult analyse(HistoryWindow window, Optional<RequestProbe> request, IntConsumer progress)
            throws SourceException {
        return analyse(window, request, Optional.empty(), progress);
    }

    /**
     * Analyses the window, following a request or an invariant; {@code progress} hears the number of commits done
     * after each one.
     *
     * @param request a request to follow; with one, only the commits that moved it are ranked
     * @param invariant an invariant to follow; with one, it is judged on every root module after each commit that
     *                  changed load-balancer definitions, and only the commits after which it came out otherwise
     *                  are ranked
     */
    public TimelineResult analyse(HistoryWindow window, Optional<RequestProbe> request, Optional<Invariant> invariant,
                                  IntConsumer progress) throws SourceException {
        HistorySnapshots.State start = window.base().isPresent() ? snapshots.at(window.base().get())
                : HistorySnapshots.State.EMPTY;
        HistorySnapshots.State state = walkStart(window, start);
        List<TimelineEntry> entries = new ArrayList<>();
        List<TimelineEntry> others = new ArrayList<>();
        List<Commit> unrelated = new ArrayList<>();
        List<InvariantTrail.Transition> transitions = new ArrayList<>();
        HistorySnapshots.State walked = state;
        Optional<InvariantResult> judged = invariant.map(i -> InvariantCheck.check(
                RootSnapshots.full(walked, origin(walked.commit())), i));
        // The policy's invariants, judged after each commit on every root as check would judge it: a commit's review
        // covers the roots it changed, which may lack the invariant's load balancer (it lives in another root).
        List<Invariant> promises = policy.judge().invariants();
        List<InvariantResult> standing = promises.isEmpty() ? List.of()
                : judge(promises, RootSnapshots.full(walked, origin(walked.commit())));
        AtomicInteger done = new AtomicInteger();
        // Which roots share an address, kept as the walk changes roots (asked at every commit that changed one).
        dev.lbguard.source.RootClashes clashes = new dev.lbguard.source.RootClashes();
        Set<String> clashing = clashes.update(state.snapshots());
        try (CommitReviews reviewer = new CommitReviews(review, policy, request, done, progress)) {
            for (Commit commit : window.commits()) {
                HistorySnapshots.Step step = snapshots.advance(state, commit);
                if (step.touchedLoadBalancers()) {
                    SnapshotOrigin before = origin(commit.parents().isEmpty() ? "" : commit.parents().get(0));
                    SnapshotOrigin after = origin(commit.id());
                    List<String> compared = RootSnapshots.comparedRoots(state, step.state(), step.changedRoots());
                    // Roots named apart on either side are named apart on both, as review names them.
                    Set<String> clashingAfter = clashes.update(step.state().snapshots());
                    Set<String> apart = new java.util.HashSet<>(clashing);
                    apart.addAll(clashingAfter);
                    clashing = clashingAfter;
                    List<PolicyOutcome.Judgement> judgements = List.of();
                    if (!promises.isEmpty()) {
                        List<InvariantResult> now = judge(promises, RootSnapshots.full(step.state(), after));
                        judgements = new ArrayList<>();
                        for (int i = 0; i < promises.size(); i++) {
                            judgements.add(new PolicyOutcome.Judgement(promises.get(i), standing.get(i), now.get(i)));
                        }
                        standing = now;
                    }
                    List<RoutingSnapshot> pair = RootSnapshots.pair(state, step.state(), compared, before, after, apart,
                            snapshots.repository());
                    reviewer.submit(new Pending(commit, step.changedRoots(), pair.get(0), pair.get(1),
                            history.mergedCommits(commit), judgements));
                    if (invariant.isPresent()) {
                        // Judged on every root, as check would judge the commit: the compared roots alone may lack
                        // the load balancer, or a root whose unreadable part may hold it.
                        InvariantResult now = InvariantCheck.check(RootSnapshots.full(step.state(), after),
                                invariant.get());
                        if (now.status() != judged.orElseThrow().status()) {
                            transitions.add(new InvariantTrail.Transition(commit, judged.get(), now));
                        }
                        judged = Optional.of(now);
                    }
                } else {
                    unrelated.add(commit);
                    reviewer.tick();
                }
                state = step.state();
            }
            for (TimelineEntry e : reviewer.results()) {
                boolean followed = invariant.isPresent()
                        ? transitions.stream().anyMatch(t -> t.commit().id().equals(e.commit().id()))
                        : request.isEmpty() || !e.requestMoves().isEmpty();
                (followed ? entries : others).add(e);
            }
        }
        SnapshotOrigin first = window.base().map(b -> label(b.id(), window.baseLabel()))
                .orElse(SnapshotOrigin.other("(before the first commit)"));
        SnapshotOrigin last = window.head().map(h -> label(h.id(), window.headLabel())).orElse(first);
        List<RoutingSnapshot> netPair = RootSnapshots.full(start, state, first, last, snapshots.repository());
        RoutingSnapshot netBase = netPair.get(0);
        RoutingSnapshot netHead = netPair.get(1);
        ReviewResult net = review.review(netBase, netHead, policy);
        entries.sort(TimelineEntry.RANKING);
        others.sort(TimelineEntry.RANKING);
        Collections.reverse(unrelated);
        Optional<InvariantTrail> trail = invariant.map(i -> new InvariantTrail(i, InvariantCheck.check(netBase, i),
                InvariantCheck.check(netHead, i), transitions));
        return new TimelineResult(window, entries, others, net, unrelated, request,
                request.map(p -> p.follow(netBase, netHead)).orElse(List.of()), trail);
    }

    /**
     * The state the walk starts from: the first commit's first parent, as each commit is reviewed against it.
     * That is the window's base, except for a range whose start lies off the first-parent line ({@code A..B}
     * with A on a branch merged into B), where the window begins after the first-parent commit before it.
     */
    private HistorySnapshots.State walkStart(HistoryWindow window, HistorySnapshots.State base)
            throws SourceException {
        if (window.commits().isEmpty()) {
            return base;
        }
        List<String> parents = window.commits().get(0).parents();
        if (parents.isEmpty()) {
            return HistorySnapshots.State.EMPTY;
        }
        return parents.get(0).equals(base.commit()) ? base : snapshots.at(parents.get(0));
    }

    /** A commit whose snapshots are built and whose review is still to do, with its invariants judged. */
    record Pending(Commit commit, List<String> roots, RoutingSnapshot base, RoutingSnapshot head,
                   List<Commit> merged, List<PolicyOutcome.Judgement> judgements) {
    }

    private static List<InvariantResult> judge(List<Invariant> invariants, RoutingSnapshot full) {
        return invariants.stream().map(i -> InvariantCheck.check(full, i)).toList();
    }

    private static SnapshotOrigin origin(String commit) {
        return commit.isEmpty() ? SnapshotOrigin.other("(no parent)")
                : new SnapshotOrigin(SnapshotOrigin.Kind.GIT_REVISION, commit, commit);
    }

    private static SnapshotOrigin label(String commit, String label) {
        return new SnapshotOrigin(SnapshotOrigin.Kind.GIT_REVISION, commit, label);
    }
}

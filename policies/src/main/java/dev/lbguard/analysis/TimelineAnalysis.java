package dev.lbguard.analysis;

import dev.lbguard.model.Commit;
import dev.lbguard.model.HistoryWindow;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.InvariantCheck;
import dev.lbguard.policy.InvariantResult;
import dev.lbguard.policy.Review;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.rules.BuiltInRules;
import dev.lbguard.source.SourceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Reviews each commit of a window against its first parent, over the root modules it changed, and the window
 * as a whole; commits that touched no load-balancer definition are only listed. Root modules are evaluated
 * independently, so a commit's route changes are exactly those of the modules it changed.
 */
public final class TimelineAnalysis {
    private final HistorySnapshots snapshots;
    /** Commits built and waiting for review at most; bounds the snapshot pairs held at once. */
    private static final int IN_FLIGHT = 64;
    private static final int ELEMENTS_PER_PERMIT = 256;

    private final Review review;
    private final dev.lbguard.source.git.GitHistory history;

    public TimelineAnalysis(HistorySnapshots snapshots) {
        this(snapshots, BuiltInRules.review());
    }

    private TimelineAnalysis(HistorySnapshots snapshots, Review review) {
        this.snapshots = snapshots;
        this.review = review;
        this.history = new dev.lbguard.source.git.GitHistory(snapshots.repository());
    }

    /** Every commit and the window's net change weighed by logged traffic, commits ranked by requests moved. */
    public TimelineAnalysis weighedBy(dev.lbguard.policy.TrafficWeigher traffic) {
        return new TimelineAnalysis(snapshots, BuiltInRules.review().weighedBy(traffic));
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
        AtomicInteger done = new AtomicInteger();
        try (Reviewer reviewer = new Reviewer(review, request, done, progress)) {
            for (Commit commit : window.commits()) {
                HistorySnapshots.Step step = snapshots.advance(state, commit);
                if (step.touchedLoadBalancers()) {
                    SnapshotOrigin before = origin(commit.parents().isEmpty() ? "" : commit.parents().get(0));
                    SnapshotOrigin after = origin(commit.id());
                    List<String> compared = RootSnapshots.comparedRoots(state, step.state(), step.changedRoots());
                    reviewer.submit(new Pending(commit, step.changedRoots(),
                            RootSnapshots.merge(state, compared, before),
                            RootSnapshots.merge(step.state(), compared, after),
                            history.mergedCommits(commit)));
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
        RoutingSnapshot netBase = RootSnapshots.full(start, first);
        RoutingSnapshot netHead = RootSnapshots.full(state, last);
        ReviewResult net = review.review(netBase, netHead);
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

    /** A commit whose snapshots are built and whose review is still to do. */
    private record Pending(Commit commit, List<String> roots, RoutingSnapshot base, RoutingSnapshot head,
                           List<Commit> merged) {
    }

    /**
     * Reviews commits on other threads while the walk builds the next snapshots: once its snapshots are built, a
     * commit's review depends on nothing else, and the walk and the reviews each took about half of a long run.
     * At most {@link #IN_FLIGHT} commits of small snapshots wait for review, fewer of larger ones (a pair takes a
     * permit per {@link #ELEMENTS_PER_PERMIT} elements), which bounds the memory of the snapshot pairs held at once:
     * a root module of 2,000 rules held 64 times took 700 MB.
     */
    private static final class Reviewer implements AutoCloseable {
        private final ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
                    Thread t = new Thread(runnable, "lbguard-review");
                    t.setDaemon(true);
                    return t;
                });
        private final Semaphore room = new Semaphore(IN_FLIGHT);
        // Equal target group lists held once: consecutive commits mostly keep every group, and a big root
        // module's 200 groups kept for each of a thousand reviewed commits took tens of megabytes.
        private final Interner targetGroups = new Interner(8);
        private final List<Future<TimelineEntry>> reviews = new ArrayList<>();
        private final Review review;
        private final Optional<RequestProbe> request;
        private final AtomicInteger done;
        private final IntConsumer progress;
        /** Reviews before this index are known to have succeeded. */
        private int checked;
        private volatile boolean closed;

        Reviewer(Review review, Optional<RequestProbe> request, AtomicInteger done, IntConsumer progress) {
            this.review = review;
            this.request = request;
            this.done = done;
            this.progress = progress;
        }

        void submit(Pending p) {
            failFast();
            int permits = Math.min(IN_FLIGHT, 1 + (p.base().size() + p.head().size()) / ELEMENTS_PER_PERMIT);
            room.acquireUninterruptibly(permits);
            reviews.add(pool.submit(() -> {
                try {
                    ReviewResult r = review.review(p.base(), p.head());
                    List<RequestProbe.Move> moves = request.map(q -> q.moved(p.base(), p.head())).orElse(List.of());
                    TimelineEntry e = new TimelineEntry(p.commit(), p.roots(), forReport(r, targetGroups), moves,
                            p.merged());
                    tick();
                    return e;
                } finally {
                    room.release(permits);
                }
            }));
        }

        /** Counts one more commit done, for the progress bar. */
        void tick() {
            if (closed) {
                return;
            }
            synchronized (progress) {
                progress.accept(done.incrementAndGet());
            }
        }

        /** The reviews in the order the commits were submitted, once all are done. */
        List<TimelineEntry> results() {
            List<TimelineEntry> entries = new ArrayList<>(reviews.size());
            for (Future<TimelineEntry> f : reviews) {
                entries.add(outcome(f));
            }
            return entries;
        }

        /** Rethrows the failure of a review that is done, so that a failed review stops the walk soon. */
        private void failFast() {
            while (checked < reviews.size() && reviews.get(checked).isDone()) {
                outcome(reviews.get(checked++));
            }
        }

        private static TimelineEntry outcome(Future<TimelineEntry> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reviewing commits", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /**
         * Drops the reviews not yet started and waits for those running, so that none outlives the analysis
         * (reporting progress after its error, or holding its snapshots).
         */
        @Override
        public void close() {
            closed = true;
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The review as the timeline keeps it until it reports: of each snapshot, what a timeline report reads
     * (its origin, target groups for naming destinations, diagnostics, moves). The load balancers, most of a
     * snapshot, are let go: a long window keeps a review per commit, and reviewed snapshots were most of what
     * it held.
     */
    private static ReviewResult forReport(ReviewResult r, Interner targetGroups) {
        return new ReviewResult(withoutLoadBalancers(r.base(), targetGroups),
                withoutLoadBalancers(r.head(), targetGroups), r.resources(), r.routes(), r.findings(),
                r.inconclusives(), r.risk(), r.complete(), r.policy(), r.traffic());
    }

    private static RoutingSnapshot withoutLoadBalancers(RoutingSnapshot s, Interner targetGroups) {
        return new RoutingSnapshot(s.origin(), List.of(), targetGroups.intern(s.targetGroups()), s.diagnostics(),
                s.moves(), s.secrets());
    }

    /**
     * The last few distinct target group lists seen; one equal to a held one but for the revision its sources were
     * read at (the same groups at another commit) is answered with the one held. Reports name target groups and
     * never print a source's revision.
     */
    private static final class Interner {
        private final int kept;
        private final java.util.LinkedList<Held> recent = new java.util.LinkedList<>();

        private record Held(List<TargetGroup> groups, List<TargetGroup> key) {
        }

        Interner(int kept) {
            this.kept = kept;
        }

        synchronized List<TargetGroup> intern(List<TargetGroup> groups) {
            List<TargetGroup> key = groups.stream().map(Interner::atNoRevision).toList();
            for (java.util.Iterator<Held> it = recent.iterator(); it.hasNext(); ) {
                Held held = it.next();
                if (held.key().equals(key)) {
                    it.remove();
                    recent.addFirst(held);
                    return held.groups();
                }
            }
            recent.addFirst(new Held(groups, key));
            if (recent.size() > kept) {
                recent.removeLast();
            }
            return groups;
        }

        private static TargetGroup atNoRevision(TargetGroup g) {
            return new TargetGroup(g.id(), g.source().atRevision(""), g.name(), g.protocol(), g.port(), g.targetType(),
                    g.healthCheck(), g.targets().stream().map(t -> new dev.lbguard.model.Target(t.id(),
                    t.source().atRevision(""), t.targetId(), t.port(), t.status(), t.backup())).toList());
        }
    }

    private static SnapshotOrigin origin(String commit) {
        return commit.isEmpty() ? SnapshotOrigin.other("(no parent)")
                : new SnapshotOrigin(SnapshotOrigin.Kind.GIT_REVISION, commit, commit);
    }

    private static SnapshotOrigin label(String commit, String label) {
        return new SnapshotOrigin(SnapshotOrigin.Kind.GIT_REVISION, commit, label);
    }
}

package dev.lbguard.analysis;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.policy.PolicyOutcome;
import dev.lbguard.policy.Review;
import dev.lbguard.policy.ReviewResult;
import java.util.ArrayList;
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
 * Reviews commits on other threads while the walk builds the next snapshots: once its snapshots are built, a
 * commit's review depends on nothing else, and the walk and the reviews each took about half of a long run.
 * At most {@link #IN_FLIGHT} commits of small snapshots wait for review, fewer of larger ones (a pair takes a
 * permit per {@link #ELEMENTS_PER_PERMIT} elements), which bounds the memory of the snapshot pairs held at once:
 * a root module of 2,000 rules held 64 times took 700 MB.
 */
final class CommitReviews implements AutoCloseable {
    /** Commits built and waiting for review at most; bounds the snapshot pairs held at once. */
    private static final int IN_FLIGHT = 64;
    private static final int ELEMENTS_PER_PERMIT = 256;

    private final ExecutorService pool = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread t = new Thread(runnable, "lbguard-review");
                t.setDaemon(true);
                return t;
            });
    private final Semaphore room = new Semaphore(IN_FLIGHT);
    // Equal target group lists held once: consecutive commits mostly keep every group, and a big root
    // module's 200 groups kept for each of a thousand reviewed commits took tens of megabytes.
    private final TargetGroupInterner targetGroups = new TargetGroupInterner(8);
    private final List<Future<TimelineEntry>> reviews = new ArrayList<>();
    private final Review review;
    private final PolicyContext policy;
    private final Optional<RequestProbe> request;
    private final AtomicInteger done;
    private final IntConsumer progress;
    /** Reviews before this index are known to have succeeded. */
    private int checked;
    private volatile boolean closed;

    CommitReviews(Review review, PolicyContext policy, Optional<RequestProbe> request, AtomicInteger done,
                  IntConsumer progress) {
        this.review = review;
        this.policy = policy;
        this.request = request;
        this.done = done;
        this.progress = progress;
    }

    void submit(TimelineAnalysis.Pending p) {
        failFast();
        int permits = Math.min(IN_FLIGHT, 1 + (p.base().size() + p.head().size()) / ELEMENTS_PER_PERMIT);
        room.acquireUninterruptibly(permits);
        reviews.add(pool.submit(() -> {
            try {
                ReviewResult r = review.review(p.base(), p.head(), policy, p.judgements());
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

    /**
     * The review as the timeline keeps it until it reports: of each snapshot, what a timeline report reads
     * (its origin, target groups for naming destinations, diagnostics, moves). The load balancers, most of a
     * snapshot, are let go: a long window keeps a review per commit, and reviewed snapshots were most of what
     * it held.
     */
    private static ReviewResult forReport(ReviewResult r, TargetGroupInterner targetGroups) {
        // The invariants' judgements hold the routes they took, and a commit's report prints only its findings.
        PolicyOutcome policy = new PolicyOutcome(r.policy().judge(), List.of(), r.policy().changes(),
                r.policy().warnings());
        return new ReviewResult(withoutLoadBalancers(r.base(), targetGroups),
                withoutLoadBalancers(r.head(), targetGroups), r.resources(), r.routes(), r.findings(),
                r.inconclusives(), r.risk(), r.complete(), policy, r.traffic());
    }

    private static RoutingSnapshot withoutLoadBalancers(RoutingSnapshot s, TargetGroupInterner targetGroups) {
        return new RoutingSnapshot(s.origin(), List.of(), targetGroups.intern(s.targetGroups()), s.diagnostics(),
                s.moves(), s.secrets());
    }
}

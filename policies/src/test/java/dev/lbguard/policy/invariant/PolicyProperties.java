package dev.lbguard.policy.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diff.RouteChange;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.InvariantCheck;
import dev.lbguard.policy.InvariantResult;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.PolicyOutcome;
import dev.lbguard.policy.RandomListeners;
import dev.lbguard.policy.ReviewResult;
import dev.lbguard.policy.file.PolicyFileReader;
import dev.lbguard.policy.file.PolicyFileWriter;
import dev.lbguard.policy.rules.BuiltInRules;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 23's invariants of the policy file, over random ALB listeners: a starter policy written by
 * {@code policy init} (through the file, written and read back) passes {@code check} with every reachable rule
 * covered; and any single change the review reports as moving a request class breaks every invariant whose request
 * lies in that class (and no other).
 */
class PolicyProperties {
    @Property(tries = 150)
    void aStarterPolicyPassesItsOwnCheckWithEveryReachableRuleCovered(@ForAll("listeners") Listener listener)
            throws Exception {
        RoutingSnapshot snapshot = snapshot(listener);
        PolicyFile policy = starter(snapshot);
        List<InvariantResult> results = InvariantCheck.check(snapshot, policy.invariants());
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as("%s: %s", r.invariant().name(), r.actual())
                .isTrue());
        Coverage coverage = Coverage.of(snapshot, results);
        assertThat(coverage.percent()).as("uncovered %s", coverage.uncovered()).isEqualTo(100.0);
        // Every rule is covered or provably unreachable; the default action is counted whenever a request reaches it.
        Coverage.ListenerCoverage l = coverage.listeners().get(0);
        assertThat(l.rules().size() + l.unreachable().size()).isEqualTo(listener.rules().size()
                + (l.rules().contains(Coverage.DEFAULT) ? 1 : 0));
    }

    @Property(tries = 150)
    void aChangeThatMovesAnInvariantsRequestBreaksItAndOnlyIt(@ForAll("listeners") Listener listener,
                                                               @ForAll("mutations") RandomListeners.Mutation mutation) throws Exception {
        RoutingSnapshot base = snapshot(listener);
        RoutingSnapshot head = snapshot(mutation.apply(listener));
        PolicyFile policy = starter(base);
        ReviewResult review = BuiltInRules.review().review(base, head,
                new PolicyContext(policy, policy, LocalDate.of(2026, 12, 6)));
        for (PolicyOutcome.Judgement j : review.policy().invariants()) {
            boolean moved = false;
            for (RouteChange c : review.routes().changes()) {
                moved |= c.match().contains(j.invariant().request());
            }
            assertThat(j.base().passed()).isTrue();
            if (moved) {
                assertThat(j.head().failed()).as("%s moved, but: %s", j.invariant().name(), j.head().actual()).isTrue();
                assertThat(review.findings()).anySatisfy(f -> assertThat(f.ruleId() + f.message())
                        .startsWith("LBG016").contains("\"" + j.invariant().name() + "\""));
            } else {
                assertThat(j.head().passed()).as("%s did not move, but: %s", j.invariant().name(), j.head().actual())
                        .isTrue();
            }
        }
    }

    /** The starter policy of a snapshot, through the file: what a team would commit and lbguard read back. */
    private static PolicyFile starter(RoutingSnapshot snapshot) throws Exception {
        StarterPolicy starter = StarterPolicy.of(snapshot, PolicyFile.DEFAULT_PATH);
        assertThat(starter.notes()).as("every destination is known").isEmpty();
        String text = PolicyFileWriter.write(starter.invariants(), List.of(), List.of());
        PolicyFile read = PolicyFileReader.read(PolicyFile.DEFAULT_PATH, text.getBytes(StandardCharsets.UTF_8));
        assertThat(read.invariants()).hasSameSizeAs(starter.invariants());
        for (int i = 0; i < read.invariants().size(); i++) {
            Invariant written = starter.invariants().get(i);
            assertThat(read.invariants().get(i).judgesAlike(written)).as("read back alike:\n%s", text).isTrue();
        }
        return read;
    }

    @Provide
    Arbitrary<Listener> listeners() {
        return RandomListeners.listeners();
    }

    @Provide
    Arbitrary<RandomListeners.Mutation> mutations() {
        return RandomListeners.mutations();
    }

    private static RoutingSnapshot snapshot(Listener listener) {
        return RandomListeners.snapshot(listener);
    }
}

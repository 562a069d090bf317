package dev.lbguard.analysis;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.policy.InvariantCheck;
import dev.lbguard.policy.InvariantResult;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.PolicyOutcome;
import dev.lbguard.policy.RuleCatalog;
import dev.lbguard.policy.Waivers;
import dev.lbguard.policy.invariant.Coverage;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * {@code check}: every invariant of a policy judged on one snapshot (a revision or what runs), how much of the
 * route table they exercise, and what is wrong with the policy itself.
 */
public final class PolicyCheck {
    private PolicyCheck() {
    }

    /**
     * @param failUnder the coverage in percent below which the check fails, if any
     */
    public record Result(RoutingSnapshot snapshot, PolicyFile policy, List<InvariantResult> invariants,
                         Coverage coverage, List<PolicyOutcome.Warning> warnings, OptionalDouble failUnder,
                         java.util.Optional<dev.lbguard.policy.invariant.TrafficCoverage> traffic) {
        public Result {
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(policy, "policy");
            invariants = List.copyOf(invariants);
            Objects.requireNonNull(coverage, "coverage");
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(failUnder, "failUnder");
            Objects.requireNonNull(traffic, "traffic");
        }

        /** The check with its coverage weighed by the requests of {@code log}. */
        public Result weighedBy(dev.lbguard.source.traffic.TrafficLog log) {
            return new Result(snapshot, policy, invariants, coverage, warnings, failUnder,
                    java.util.Optional.of(TrafficCoverageCount.of(snapshot, coverage, log)));
        }

        public long failed() {
            return invariants.stream().filter(InvariantResult::failed).count();
        }

        public long undecided() {
            return invariants.stream().filter(i -> i.status() == InvariantResult.Status.UNKNOWN).count();
        }

        public boolean coverageTooLow() {
            return failUnder.isPresent() && coverage.percent() < failUnder.getAsDouble();
        }

        /** Every invariant decided on a snapshot read completely: a pass promises what it says. */
        public boolean complete() {
            return snapshot.complete() && undecided() == 0;
        }
    }

    public static Result run(RoutingSnapshot snapshot, PolicyFile policy, RuleCatalog catalog, LocalDate today,
                             OptionalDouble failUnder) {
        List<InvariantResult> results = InvariantCheck.check(snapshot, policy.invariants());
        return new Result(snapshot, policy, results, Coverage.of(snapshot, results),
                new Waivers(policy, today).warnings(catalog, List.of(), snapshot), failUnder, java.util.Optional.empty());
    }
}

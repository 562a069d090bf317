package dev.lbguard.policy.invariant;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Coverage weighed by logged traffic ({@code check --traffic}): of the requests the logs hold, how many are taken by
 * rules some invariant exercises. A rule no invariant covers matters by the traffic it takes, not by being a rule.
 *
 * @param requests logged requests on listeners of the snapshot; {@code elsewhere} those on other listeners
 * @param undecided requests the evaluator cannot place on a rule (a field the log lacks)
 * @param rules every rule (and default action) that took a logged request, busiest first
 * @param malformed log lines that are no request, {@code problems} the first of them with file:line and why
 * @param from the window the log covers, {@code to} its end, when its lines carry times
 */
public record TrafficCoverage(long requests, long undecided, long elsewhere, List<RuleLoad> rules, long malformed,
                              List<String> problems, java.util.Optional<java.time.Instant> from,
                              java.util.Optional<java.time.Instant> to) {
    /**
     * @param listener {@code LB:PORT}, as {@link Coverage} names it
     * @param rule the rule's id, or {@link Coverage#DEFAULT}
     */
    public record RuleLoad(String listener, String rule, long requests, boolean covered) {
        public RuleLoad {
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(rule, "rule");
        }
    }

    public TrafficCoverage {
        problems = List.copyOf(problems);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        rules = rules.stream().sorted(Comparator.comparingLong(RuleLoad::requests).reversed()
                .thenComparing(RuleLoad::listener).thenComparing(RuleLoad::rule)).toList();
    }

    public long covered() {
        return rules.stream().filter(RuleLoad::covered).mapToLong(RuleLoad::requests).sum();
    }

    /** The share of the decided requests taken by covered rules, 0 to 100; 100 when there is none. */
    public double percent() {
        long decided = requests - undecided;
        return decided == 0 ? 100.0 : 100.0 * covered() / decided;
    }

    public List<RuleLoad> uncovered() {
        return rules.stream().filter(r -> !r.covered()).toList();
    }
}

package dev.lbguard.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A repository's routing policy, {@code lbguard.yml}: invariants every revision must keep, waivers of accepted
 * findings, and per-rule settings.
 *
 * @param path where it was read (repository-relative, or as given to {@code --policy}); empty when there is none
 * @param failOn the default of {@code --fail-on} ({@code never} and {@code none} included), as written
 * @param rules by rule id
 * @param traffic how logged traffic raises the risk ({@code traffic:}), the defaults when the file does not say
 */
public record PolicyFile(String path, Optional<String> failOn, List<Invariant> invariants, List<Waiver> waivers,
                         Map<String, RuleSetting> rules, TrafficThresholds traffic) {
    /** The name lbguard looks for at the root of a repository. */
    public static final String DEFAULT_PATH = "lbguard.yml";

    public PolicyFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(failOn, "failOn");
        invariants = List.copyOf(invariants);
        waivers = List.copyOf(waivers);
        rules = java.util.Collections.unmodifiableMap(new TreeMap<>(rules));
        Objects.requireNonNull(traffic, "traffic");
    }

    public PolicyFile(String path, Optional<String> failOn, List<Invariant> invariants, List<Waiver> waivers,
                      Map<String, RuleSetting> rules) {
        this(path, failOn, invariants, waivers, rules, TrafficThresholds.DEFAULT);
    }

    /** No policy file: no invariant, no waiver, every rule as built in. */
    public static PolicyFile none() {
        return new PolicyFile("", Optional.empty(), List.of(), List.of(), Map.of());
    }

    public boolean exists() {
        return !path.isEmpty();
    }

    public Optional<Invariant> invariant(String name) {
        return invariants.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public boolean enabled(String ruleId) {
        RuleSetting s = rules.get(ruleId);
        return s == null || s.enabled();
    }

    /** The finding with the severity this policy gives its rule. */
    public Finding withSeverity(Finding f) {
        RuleSetting s = rules.get(f.ruleId());
        return s == null || s.severity().isEmpty() ? f : f.withSeverity(s.severity().get());
    }

    /** The severity a rule's findings take here, or empty when the rule keeps its own. */
    public Optional<Severity> severityOf(String ruleId) {
        RuleSetting s = rules.get(ruleId);
        return s == null ? Optional.empty() : s.severity();
    }
}

package dev.lbguard.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A set of rules that runs together, in id order; the built-in ones are listed by hand in
 * {@link dev.lbguard.policy.rules.BuiltInRules}, so that what runs is what that file says.
 */
public final class RuleCatalog {
    private final List<PolicyRule> rules;

    public RuleCatalog(List<PolicyRule> rules) {
        Set<String> ids = new HashSet<>();
        for (PolicyRule r : rules) {
            if (!ids.add(r.info().id())) {
                throw new IllegalArgumentException("rule id used twice: " + r.info().id());
            }
        }
        List<PolicyRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(r -> r.info().id()));
        this.rules = List.copyOf(sorted);
    }

    /** The rules in id order. */
    public List<PolicyRule> rules() {
        return rules;
    }

    public Optional<PolicyRule> rule(String id) {
        return rules.stream().filter(r -> r.info().id().equals(id)).findFirst();
    }
}

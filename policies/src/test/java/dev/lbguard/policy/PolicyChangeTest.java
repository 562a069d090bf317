package dev.lbguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.route.Request;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which edits of the policy file weaken it (LBG017) and which do not. */
class PolicyChangeTest {
    private static final SourceRef AT = SourceRef.of("lbguard.yml", 3, 5);

    private static Invariant checkout(Severity s, String group) {
        return new Invariant("checkout", "edge:443", Request.of("shop.example.com", "/checkout"),
                Expectation.forwardTo(group), s, AT);
    }

    private static PolicyFile policy(List<Invariant> invariants, List<Waiver> waivers, Map<String, RuleSetting> rules,
                                     Optional<String> failOn) {
        return new PolicyFile("lbguard.yml", failOn, invariants, waivers, rules);
    }

    private static List<String> weakening(PolicyFile before, PolicyFile after) {
        return PolicyChange.between(before, after).stream().filter(PolicyChange::weakens)
                .map(c -> c.kind().label() + " " + c.subject()).toList();
    }

    @Test
    void raisingATrafficThresholdWeakensLoweringOneDoesNot() {
        PolicyFile base = new PolicyFile("lbguard.yml", Optional.empty(), List.of(), List.of(), Map.of());
        PolicyFile laxer = new PolicyFile("lbguard.yml", Optional.empty(), List.of(), List.of(), Map.of(),
                new TrafficThresholds(0.01, 0.25, 0.5, 20));
        PolicyFile stricter = new PolicyFile("lbguard.yml", Optional.empty(), List.of(), List.of(), Map.of(),
                new TrafficThresholds(0.01, 0.05, 0.5, 10));
        assertThat(weakening(base, laxer)).containsExactly("changed traffic thresholds");
        assertThat(weakening(base, stricter)).isEmpty();
        assertThat(PolicyChange.between(base, stricter)).singleElement().extracting(PolicyChange::detail)
                .isEqualTo("medium 1%, high 10%, critical 50%, surge 20x -> medium 1%, high 5%, critical 50%, surge 10x");
    }

    @Test
    void removingOrChangingAnInvariantWeakensRaisingItsSeverityDoesNot() {
        PolicyFile base = policy(List.of(checkout(Severity.HIGH, "checkout")), List.of(), Map.of(), Optional.empty());
        assertThat(weakening(base, policy(List.of(), List.of(), Map.of(), Optional.empty())))
                .containsExactly("removed invariant \"checkout\"");
        assertThat(weakening(base, policy(List.of(checkout(Severity.HIGH, "storefront")), List.of(), Map.of(),
                Optional.empty()))).containsExactly("changed invariant \"checkout\"");
        assertThat(weakening(base, policy(List.of(checkout(Severity.LOW, "checkout")), List.of(), Map.of(),
                Optional.empty()))).containsExactly("changed invariant \"checkout\"");
        PolicyFile raised = policy(List.of(checkout(Severity.CRITICAL, "checkout")), List.of(), Map.of(), Optional.empty());
        assertThat(weakening(base, raised)).isEmpty();
        assertThat(PolicyChange.between(base, raised)).hasSize(1);
    }

    @Test
    void waiversAddedOrExtendedRulesDisabledAndFailOnRaisedWeaken() {
        Waiver w = new Waiver("LBG002", "aws_lb_listener_rule.*", "campaign", LocalDate.of(2027, 1, 31), AT);
        Waiver later = new Waiver("LBG002", "aws_lb_listener_rule.*", "campaign", LocalDate.of(2027, 6, 30), AT);
        PolicyFile none = policy(List.of(), List.of(), Map.of(), Optional.empty());
        assertThat(weakening(none, policy(List.of(), List.of(w), Map.of(), Optional.empty())))
                .containsExactly("added waiver LBG002 on aws_lb_listener_rule.*");
        assertThat(weakening(policy(List.of(), List.of(w), Map.of(), Optional.empty()),
                policy(List.of(), List.of(later), Map.of(), Optional.empty())))
                .containsExactly("changed waiver LBG002 on aws_lb_listener_rule.*");
        assertThat(weakening(policy(List.of(), List.of(w), Map.of(), Optional.empty()), none)).isEmpty();
        assertThat(weakening(none, policy(List.of(), List.of(), Map.of("LBG013",
                new RuleSetting("LBG013", Optional.empty(), false, AT)), Optional.empty())))
                .containsExactly("changed rule LBG013");
        assertThat(weakening(none, policy(List.of(), List.of(), Map.of(), Optional.of("critical"))))
                .containsExactly("changed fail_on");
        assertThat(weakening(none, policy(List.of(), List.of(), Map.of(), Optional.of("medium")))).isEmpty();
        // From one override to a higher one is stricter; any other override may lower the built-in severity.
        PolicyFile low = policy(List.of(), List.of(), Map.of("LBG010",
                new RuleSetting("LBG010", Optional.of(Severity.LOW), true, AT)), Optional.empty());
        PolicyFile high = policy(List.of(), List.of(), Map.of("LBG010",
                new RuleSetting("LBG010", Optional.of(Severity.HIGH), true, AT)), Optional.empty());
        assertThat(weakening(low, high)).isEmpty();
        assertThat(weakening(high, low)).containsExactly("changed rule LBG010");
        assertThat(weakening(none, low)).containsExactly("changed rule LBG010");
    }
}

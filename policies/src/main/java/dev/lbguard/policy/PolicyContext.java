package dev.lbguard.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The policy a review runs under. {@code judge} is the policy of the side that was there before (the base
 * revision of a pull request, git in a drift audit): a change cannot weaken the policy that judges it.
 * {@code proposed} is the policy the change brings, compared with the judge so that a weakened policy is itself
 * reported.
 *
 * @param today the day waivers expire against
 * @param proposedProblems why the change's policy file cannot be read, when it cannot (then {@code proposed} is
 *                         empty): a change that breaks the policy file breaks every later check
 * @param warnings about how the policies were found, reported with the policy's own warnings
 */
public record PolicyContext(PolicyFile judge, PolicyFile proposed, LocalDate today, java.util.List<String> proposedProblems,
                            java.util.List<PolicyOutcome.Warning> warnings) {
    /** No policy file on either side. */
    public static final PolicyContext NONE = new PolicyContext(PolicyFile.none(), PolicyFile.none(), LocalDate.MIN);

    public PolicyContext {
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(proposed, "proposed");
        Objects.requireNonNull(today, "today");
        proposedProblems = java.util.List.copyOf(proposedProblems);
        warnings = java.util.List.copyOf(warnings);
    }

    public PolicyContext(PolicyFile judge, PolicyFile proposed, LocalDate today, java.util.List<String> proposedProblems) {
        this(judge, proposed, today, proposedProblems, java.util.List.of());
    }

    public PolicyContext(PolicyFile judge, PolicyFile proposed, LocalDate today) {
        this(judge, proposed, today, java.util.List.of());
    }

    /** One policy standing today, judging and proposed alike (nothing about it changes). */
    public static PolicyContext of(PolicyFile standing) {
        return new PolicyContext(standing, standing, LocalDate.now(java.time.ZoneOffset.UTC));
    }
}

package dev.lbguard.policy.rules;

import java.util.List;
import java.util.OptionalInt;

/**
 * The ELB security policies (ALB HTTPS and NLB TLS listeners) from weakest to strongest. The order is: by
 * minimum TLS version (1.0, 1.1, 1.2, 1.3 only); within one version, policies with a broader cipher list
 * ({@code Ext}, the pre-2018 defaults) before forward-secrecy-only ({@code FS}) and TLS 1.3-capable ones, and
 * restricted ({@code Res}) and FIPS variants last. A policy missing from the list is not ranked, so a rule
 * comparing it answers inconclusive instead of guessing.
 */
final class TlsPolicies {
    private TlsPolicies() {
    }

    static final List<String> WEAKEST_FIRST = List.of(
            // Minimum TLS 1.0.
            "ELBSecurityPolicy-2015-05",
            "ELBSecurityPolicy-TLS-1-0-2015-04",
            "ELBSecurityPolicy-2016-08",
            "ELBSecurityPolicy-FS-2018-06",
            "ELBSecurityPolicy-TLS13-1-0-2021-06",
            "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
            // Minimum TLS 1.1.
            "ELBSecurityPolicy-TLS-1-1-2017-01",
            "ELBSecurityPolicy-FS-1-1-2019-08",
            "ELBSecurityPolicy-TLS13-1-1-2021-06",
            "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
            // Minimum TLS 1.2.
            "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
            "ELBSecurityPolicy-TLS-1-2-2017-01",
            "ELBSecurityPolicy-FS-1-2-2019-08",
            "ELBSecurityPolicy-FS-1-2-Res-2019-08",
            "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
            // TLS 1.3 only.
            "ELBSecurityPolicy-TLS13-1-3-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04");

    /** The policy's strength rank (higher is stronger), or empty when the policy is not in the list. */
    static OptionalInt rank(String policy) {
        int i = WEAKEST_FIRST.indexOf(policy);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }
}

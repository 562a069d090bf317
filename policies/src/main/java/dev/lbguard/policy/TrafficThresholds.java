package dev.lbguard.policy;

/**
 * How logged traffic raises a change's risk ({@code traffic:} in {@code lbguard.yml}): the share of the logged
 * requests a change moves from which its risk is at least medium, high and critical, and how many times its logged
 * traffic a target group may be sent before that is a finding (LBG018).
 *
 * @param medium shares from 0 to 1, {@code medium <= high <= critical}
 * @param surge a factor above 1
 */
public record TrafficThresholds(double medium, double high, double critical, double surge) {
    /** Issue 24's defaults: medium from 1%, high from 10%, critical from 50%; a surge from 20 times. */
    public static final TrafficThresholds DEFAULT = new TrafficThresholds(0.01, 0.10, 0.50, 20);

    public TrafficThresholds {
        if (!(0 <= medium && medium <= high && high <= critical && critical <= 1) || !(surge > 1)) {
            throw new IllegalArgumentException("thresholds must rise from medium to critical within 0..1, the surge "
                    + "factor above 1: " + medium + ", " + high + ", " + critical + ", " + surge);
        }
    }

    /** A share as the policy file writes it: {@code 0.005} as {@code 0.5%}, up to two decimals. */
    public static String percent(double share) {
        double p = Math.round(share * 10000) / 100.0;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }

    /** The risk moving {@code moved} requests, {@code share} of those logged, carries on its own. */
    public Risk risk(double share, long moved) {
        if (moved == 0) {
            return Risk.NONE;
        }
        return share >= critical ? Risk.CRITICAL : share >= high ? Risk.HIGH : share >= medium ? Risk.MEDIUM : Risk.LOW;
    }
}

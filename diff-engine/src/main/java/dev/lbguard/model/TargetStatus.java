package dev.lbguard.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a live source says of one target: its health or administrative state, and its current weight where
 * the load balancer weighs targets (HAProxy). Configuration sources leave it out: git says nothing of health.
 *
 * @param reason the source's own words, e.g. {@code Target.ResponseCodeMismatch} or {@code L7STS/503}
 */
public record TargetStatus(State state, OptionalInt weight, String reason) {
    /** The states that matter for routing; several source states map to one. */
    public enum State {
        /** Takes traffic. */
        HEALTHY,
        /** Registered but failing health checks. */
        UNHEALTHY,
        /** Finishing its connections; takes no new traffic (AWS draining, HAProxy DRAIN). */
        DRAINING,
        /** Switched off by an operator (HAProxy MAINT, disabled). */
        MAINTENANCE,
        /** Not checked yet or not in use (AWS initial, unused, unavailable). */
        NOT_SERVING,
        /** The source did not say. */
        UNKNOWN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public TargetStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(reason, "reason");
    }

    /** True when the target takes new requests: healthy and not weighted to zero (DOMAIN section 7). */
    public boolean takesTraffic() {
        return state == State.HEALTHY && (weight.isEmpty() || weight.getAsInt() > 0);
    }
}

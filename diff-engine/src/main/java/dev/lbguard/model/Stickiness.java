package dev.lbguard.model;

/** Target-group stickiness of a weighted forward: keeps a client on one target group for a while. */
public record Stickiness(boolean enabled, int durationSeconds) {
    public Stickiness {
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("negative duration " + durationSeconds);
        }
    }
}

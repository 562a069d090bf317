package dev.lbguard.policy;

import dev.lbguard.model.ElementId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A change weighed by logged traffic ({@code --traffic}): how many logged requests it moves, exactly, which route
 * change moves which, and the load every destination had before and would have after.
 *
 * @param requests logged requests on listeners either side has; {@code elsewhere} those on no listener lbguard read
 * @param elsewhereListeners the listeners ({@code LB:PORT} as the log names them; an HAProxy frontend with port 0)
 *                           the {@code elsewhere} requests were logged on, most first, at most three: a load
 *                           balancer named differently in the log and in the configuration shows here
 * @param undecided requests either side cannot decide (a field the log lacks, a frontend bound to several ports)
 * @param shifted of the moved requests, how many reach another target group, as weighted forwards split them: a
 *                request whose split goes from 90/10 to 50/50 is moved (its destination differs), but only 40% of
 *                such requests land on another group; an expected value, at most {@code moved}
 * @param unattributed moved requests no route change holds: always 0 when the route diff is exact (tests check)
 * @param perChange in the order of the route diff's changes
 * @param destinations every destination with logged requests on either side, busiest after the change first
 * @param malformed log lines that are no request, {@code problems} the first of them with file:line and why
 * @param from the window the log covers, {@code to} its end, when its lines carry times
 */
public record TrafficCounts(long requests, long moved, double shifted, long undecided, long elsewhere,
                            List<Map.Entry<String, Long>> elsewhereListeners, long unattributed,
                            List<ChangeTraffic> perChange, List<DestinationLoad> destinations, long malformed,
                            List<String> problems, Optional<Instant> from, Optional<Instant> to) {
    public TrafficCounts {
        elsewhereListeners = List.copyOf(elsewhereListeners);
        perChange = List.copyOf(perChange);
        destinations = List.copyOf(destinations);
        problems = List.copyOf(problems);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * The traffic one route change moves.
     *
     * @param listenerShare of the requests logged on its listener; {@code loadBalancerShare} on its load balancer
     * @param topHosts the hosts it moves most, with their counts, at most three
     * @param topPaths the paths it moves most, numeric ids masked unless the report may show requests, at most three
     */
    public record ChangeTraffic(long requests, double listenerShare, double loadBalancerShare,
                                List<Map.Entry<String, Long>> topHosts, List<Map.Entry<String, Long>> topPaths) {
        public ChangeTraffic {
            topHosts = List.copyOf(topHosts);
            topPaths = List.copyOf(topPaths);
        }
    }

    /**
     * The logged requests one destination received and would receive: a weighted forward splits a request's count
     * across its target groups by weight, so the loads are expected values, not integers.
     *
     * @param targetGroup the target group, when the destination is one
     * @param label what the destination is, e.g. {@code target group api} or {@code fixed response 503}
     * @param existedBefore the destination is in the base snapshot (a new target group taking traffic is a rollout)
     */
    public record DestinationLoad(Optional<ElementId> targetGroup, String label, double before, double after,
                                  boolean existedBefore) {
        public DestinationLoad {
            Objects.requireNonNull(targetGroup, "targetGroup");
            Objects.requireNonNull(label, "label");
        }

        /** How many times its logged traffic it would receive; a destination without any counts as having had one. */
        public double factor() {
            return after / Math.max(before, 1);
        }
    }

    public double share() {
        return requests == 0 ? 0 : (double) moved / requests;
    }

    /**
     * The risk the share of logged requests that reach another destination carries on its own under these
     * thresholds: by {@link #shifted()}, not {@link #moved()}, since a canary's weight going from 10% to 11% moves
     * every request of the class and sends 1% of them elsewhere.
     */
    public Risk risk(TrafficThresholds thresholds) {
        return thresholds.risk(requests == 0 ? 0 : shifted / requests, moved);
    }
}

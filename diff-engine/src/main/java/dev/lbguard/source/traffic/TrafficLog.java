package dev.lbguard.source.traffic;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the traffic sources given read: the distinct requests with their counts, and what could not be read.
 *
 * @param requests aggregated: no two with the same load balancer, port and request
 * @param malformed lines that are no request of the format (counted, never dropped silently)
 * @param problems a few of those lines' places and why ({@code file:line: reason}), for the report
 * @param from the earliest time a line carries, {@code to} the latest; empty when no line carries one
 */
public record TrafficLog(List<LoggedRequest> requests, long malformed, List<String> problems, Optional<Instant> from,
                         Optional<Instant> to) {
    public TrafficLog {
        requests = List.copyOf(requests);
        problems = List.copyOf(problems);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Every logged request, identical ones counted each. */
    public long total() {
        return requests.stream().mapToLong(LoggedRequest::count).sum();
    }
}

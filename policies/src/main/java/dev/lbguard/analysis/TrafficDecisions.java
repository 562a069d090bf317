package dev.lbguard.analysis;

import dev.lbguard.diff.Destination;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.source.traffic.LoggedRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a log's distinct requests go on either side, decided apart from their counting and listener by listener:
 * in the log's order the requests of fifty load balancers alternate, and each condition's remembered answers were
 * fetched from memory, not the processor's cache, for nearly every request (most of a weighing's time); one
 * listener's requests in a row keep its rules in the cache. The listeners are decided on the cores there are, as a
 * prepared listener is thread-safe. Counting stays in the log's order, so every sum and order in a report is the
 * same.
 */
final class TrafficDecisions {
    private final List<LoggedRequest> requests;
    /** By side (0 base, 1 head), by request index; null where not asked. */
    private final Destination[][] decided;
    private final Map<RouteEvaluator.Prepared, Asked> byListener = new IdentityHashMap<>();
    /** In the order first asked, so that the work is split alike from run to run. */
    private final List<Asked> listeners = new ArrayList<>();

    TrafficDecisions(List<LoggedRequest> requests) {
        this.requests = requests;
        this.decided = new Destination[2][requests.size()];
    }

    /** Asks where request {@code index} goes on {@code side} (0 base, 1 head), which {@code listener} decides. */
    void ask(int side, int index, RouteEvaluator.Prepared listener) {
        Asked asked = byListener.get(listener);
        if (asked == null) {
            asked = new Asked(listener);
            byListener.put(listener, asked);
            listeners.add(asked);
        }
        asked.add(index * 2 + side);
    }

    /** Decides every request asked about. */
    void decide() {
        listeners.parallelStream().forEach(this::decide);
    }

    private void decide(Asked asked) {
        for (int i = 0; i < asked.size; i++) {
            int index = asked.requests[i] >>> 1;
            decided[asked.requests[i] & 1][index] = Destination.of(asked.listener.evaluate(
                    requests.get(index).request()));
        }
    }

    /** Where request {@code index} goes on {@code side}, once {@link #decide} has run. */
    Destination on(int side, int index) {
        return decided[side][index];
    }

    /** The requests one listener is asked about, each as its index times two plus its side. */
    private static final class Asked {
        private final RouteEvaluator.Prepared listener;
        private int[] requests = new int[64];
        private int size;

        Asked(RouteEvaluator.Prepared listener) {
            this.listener = listener;
        }

        void add(int request) {
            if (size == requests.length) {
                requests = Arrays.copyOf(requests, size * 2);
            }
            requests[size++] = request;
        }
    }
}

package dev.lbguard.model;

import dev.lbguard.diagnostic.SourceRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A load balancer and its listeners (sorted by id).
 *
 * @param name the {@code name} attribute where known, else the id
 */
public record LoadBalancer(ElementId id, SourceRef source, String name, LoadBalancerType type, boolean internal,
                           List<Listener> listeners) {
    public LoadBalancer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        listeners = Sorted.byKey(listeners, Listener::id);
    }

    /** The listeners on this port (several only when a source is inconsistent), in id order. */
    public List<Listener> listenersOnPort(int port) {
        return listeners.stream().filter(l -> l.port() == port).toList();
    }

    public Optional<Listener> listenerOnPort(int port) {
        return listenersOnPort(port).stream().findFirst();
    }
}

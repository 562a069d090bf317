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

    /** How the id of a load balancer of another stack begins: it only holds listeners its rules hang on. */
    public static final String EXTERNAL = "external:";

    /**
     * True for a load balancer this configuration does not manage, named only so that the rules it attaches to
     * its listeners can be shown: whether it faces the internet is not known here.
     */
    public boolean managedElsewhere() {
        return id.value().startsWith(EXTERNAL);
    }

    /** The listeners on this port (several only when a source is inconsistent), in id order. */
    public List<Listener> listenersOnPort(int port) {
        return listeners.stream().filter(l -> l.port() == port).toList();
    }

    public Optional<Listener> listenerOnPort(int port) {
        return listenersOnPort(port).stream().findFirst();
    }
}

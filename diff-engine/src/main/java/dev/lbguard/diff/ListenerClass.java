package dev.lbguard.diff;

import dev.lbguard.route.Request;
import java.util.Objects;

/**
 * One class of requests a listener's rules tell apart: a request of it, and where the listener sends every
 * request of the class (the rule that takes them, or the default action, or unknown with why).
 */
public record ListenerClass(Request example, Destination destination) {
    public ListenerClass {
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(destination, "destination");
    }
}

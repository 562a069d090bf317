package dev.lbguard.policy.rules;

import dev.lbguard.model.RouteAction;
import dev.lbguard.model.WeightedTarget;
import java.util.List;

/**
 * Questions the rules ask about terminal actions. Each is about one kind of action and the same "no" for every
 * other, so a pattern says it more plainly than a visitor of four methods.
 */
final class Actions {
    private Actions() {
    }

    /** Why the action's destination is unknown, as the source said it; {@code ""} when it is known. */
    static String unknowns(RouteAction action) {
        if (action instanceof RouteAction.Unresolved u) {
            return u.reason();
        }
        StringBuilder s = new StringBuilder();
        for (WeightedTarget t : targets(action)) {
            t.unresolved().ifPresent(why -> s.append(t.targetGroup()).append(": ").append(why).append('\n'));
        }
        return s.toString();
    }

    /** The weighted target groups of a forward, resolved or not; empty for any other action. */
    static List<WeightedTarget> targets(RouteAction action) {
        return action instanceof RouteAction.Forward f ? f.targets() : List.of();
    }

    /** True for a redirect whose protocol is HTTPS. */
    static boolean redirectsToHttps(RouteAction action) {
        return action instanceof RouteAction.Redirect r && r.protocol().equalsIgnoreCase("HTTPS");
    }
}

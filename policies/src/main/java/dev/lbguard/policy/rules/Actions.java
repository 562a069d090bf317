package dev.lbguard.policy.rules;

import dev.lbguard.model.RouteAction;
import dev.lbguard.model.WeightedTarget;
import java.util.List;

/** Questions the rules ask about terminal actions, answered through the action visitor. */
final class Actions {
    private Actions() {
    }

    private static final RouteAction.Visitor<List<WeightedTarget>> TARGETS = new RouteAction.Visitor<>() {
        @Override
        public List<WeightedTarget> forward(RouteAction.Forward forward) {
            return forward.targets();
        }

        @Override
        public List<WeightedTarget> redirect(RouteAction.Redirect redirect) {
            return List.of();
        }

        @Override
        public List<WeightedTarget> fixedResponse(RouteAction.FixedResponse fixedResponse) {
            return List.of();
        }

        @Override
        public List<WeightedTarget> unresolved(RouteAction.Unresolved unresolved) {
            return List.of();
        }
    };

    private static final RouteAction.Visitor<Boolean> TO_HTTPS = new RouteAction.Visitor<>() {
        @Override
        public Boolean forward(RouteAction.Forward forward) {
            return false;
        }

        @Override
        public Boolean redirect(RouteAction.Redirect redirect) {
            return redirect.protocol().equalsIgnoreCase("HTTPS");
        }

        @Override
        public Boolean fixedResponse(RouteAction.FixedResponse fixedResponse) {
            return false;
        }

        @Override
        public Boolean unresolved(RouteAction.Unresolved unresolved) {
            return false;
        }
    };

    private static final RouteAction.Visitor<String> UNKNOWNS = new RouteAction.Visitor<>() {
        @Override
        public String forward(RouteAction.Forward forward) {
            StringBuilder s = new StringBuilder();
            for (WeightedTarget t : forward.targets()) {
                t.unresolved().ifPresent(why -> s.append(t.targetGroup()).append(": ").append(why).append('\n'));
            }
            return s.toString();
        }

        @Override
        public String redirect(RouteAction.Redirect redirect) {
            return "";
        }

        @Override
        public String fixedResponse(RouteAction.FixedResponse fixedResponse) {
            return "";
        }

        @Override
        public String unresolved(RouteAction.Unresolved unresolved) {
            return unresolved.reason();
        }
    };

    /** Why the action's destination is unknown, as the source said it; {@code ""} when it is known. */
    static String unknowns(RouteAction action) {
        return action.accept(UNKNOWNS);
    }

    /** The weighted target groups of a forward, resolved or not; empty for any other action. */
    static List<WeightedTarget> targets(RouteAction action) {
        return action.accept(TARGETS);
    }

    /** True for a redirect whose protocol is HTTPS. */
    static boolean redirectsToHttps(RouteAction action) {
        return action.accept(TO_HTTPS);
    }
}

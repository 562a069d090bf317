package dev.lbguard.route;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import java.util.List;
import java.util.Optional;

/** Small builders for listeners and rules in route tests. */
final class Fixtures {
    private Fixtures() {
    }

    static final SourceRef SRC = SourceRef.of("lb.tf", 1, 0);
    static final RuleAction DEFAULT = RuleAction.of(new RouteAction.FixedResponse("404", "text/plain", ""));

    static RuleAction forward(String tg) {
        return RuleAction.of(RouteAction.Forward.to(ElementId.of(tg)));
    }

    static Rule rule(String id, int priority, Condition... conditions) {
        return rule(id, Priority.of(priority), conditions);
    }

    static Rule rule(String id, Priority priority, Condition... conditions) {
        return new Rule(ElementId.of(id), SRC, priority, List.of(conditions), forward("tg-" + id));
    }

    static Listener http(Rule... rules) {
        return listener("HTTP", 80, rules);
    }

    static Listener listener(String protocol, int port, Rule... rules) {
        return new Listener(ElementId.of("aws_lb_listener.l"), SRC, protocol, port, Optional.empty(), List.of(),
                DEFAULT, List.of(rules));
    }
}

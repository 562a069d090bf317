package dev.lbguard.analysis;

import dev.lbguard.model.Listener;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import dev.lbguard.route.RouteResult;

/** Where one request goes on one listener ({@code route}): the rule that takes it and its destination. */
public record RequestRoute(Listener listener, Request request, RouteResult result) {
    private static final RouteEvaluator EVALUATOR = new RouteEvaluator();

    public static RequestRoute on(Listener listener, Request request) {
        return new RequestRoute(listener, request, EVALUATOR.evaluate(listener, request));
    }

    /** Whether the answer is certain: a rule or the default action takes the request. */
    public boolean decided() {
        return result.isMatched();
    }
}

package dev.lbguard.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The terminal action of a rule or a listener's default: where a request goes. Java 17 has no exhaustive
 * pattern switch, so callers dispatch through {@link Visitor} and the compiler flags an unhandled action.
 */
public sealed interface RouteAction
        permits RouteAction.Forward, RouteAction.Redirect, RouteAction.FixedResponse, RouteAction.Unresolved {

    <R> R accept(Visitor<R> visitor);

    /** False when the destination is not fully known (an unresolved target group, an unevaluable action). */
    boolean isKnown();

    /** One handler per action kind. */
    interface Visitor<R> {
        R forward(Forward forward);

        R redirect(Redirect redirect);

        R fixedResponse(FixedResponse fixedResponse);

        R unresolved(Unresolved unresolved);
    }

    /**
     * Forward to weighted target groups. All three ways to write a one-group forward (a bare target group,
     * a forward block with one group, both) become this one list. Disabled stickiness is empty, because it
     * routes exactly like no stickiness.
     */
    record Forward(List<WeightedTarget> targets, Optional<Stickiness> stickiness) implements RouteAction {
        public Forward {
            targets = Sorted.byKey(targets, WeightedTarget::targetGroup);
            stickiness = stickiness.filter(Stickiness::enabled);
        }

        public static Forward to(ElementId targetGroup) {
            return new Forward(List.of(WeightedTarget.of(targetGroup, 1)), Optional.empty());
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.forward(this);
        }

        @Override
        public boolean isKnown() {
            // A loop, not a stream: logged traffic asks this of each request it decides.
            for (int i = 0; i < targets.size(); i++) {
                if (!targets.get(i).isResolved()) {
                    return false;
                }
            }
            return !targets.isEmpty();
        }

        @Override
        public String toString() {
            return "forward " + targets.stream().map(WeightedTarget::toString).collect(Collectors.joining(", "))
                    + stickiness.map(s -> " sticky " + s.durationSeconds() + "s").orElse("");
        }
    }

    /**
     * Redirect. Fields the source left out hold the AWS placeholders that keep the request's value:
     * {@code #{protocol}}, {@code #{port}}, {@code #{host}}, {@code /#{path}}, {@code #{query}}.
     *
     * @param statusCode {@code HTTP_301} or {@code HTTP_302}
     */
    record Redirect(String protocol, String port, String host, String path, String query, String statusCode)
            implements RouteAction {
        public Redirect {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(statusCode, "statusCode");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.redirect(this);
        }

        @Override
        public boolean isKnown() {
            return true;
        }

        @Override
        public String toString() {
            return "redirect " + statusCode + " " + protocol + "://" + host + ":" + port + path
                    + (query.isEmpty() ? "" : "?" + query);
        }
    }

    /** A fixed response; {@code body} is {@code ""} when there is none. */
    record FixedResponse(String statusCode, String contentType, String body) implements RouteAction {
        public FixedResponse {
            Objects.requireNonNull(statusCode, "statusCode");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.fixedResponse(this);
        }

        @Override
        public boolean isKnown() {
            return true;
        }

        @Override
        public String toString() {
            return "fixed-response " + statusCode + (contentType.isEmpty() ? "" : " " + contentType);
        }
    }

    /** An action the source could not read (no terminal action, an unevaluable type); routing to it is unknown. */
    record Unresolved(String reason) implements RouteAction {
        /**
         * What requests the rules of a configuration do not take reach on a listener it does not manage: the rules
         * of other stacks or the default action, neither of which it sees.
         */
        public static final String NOT_TAKEN =
                "not taken by these rules: the listener's other rules or its default action, managed elsewhere";

        public Unresolved {
            Objects.requireNonNull(reason, "reason");
        }

        /** The default action of a listener of another stack (see {@link #NOT_TAKEN}). */
        public static Unresolved notTaken() {
            return new Unresolved(NOT_TAKEN);
        }

        public boolean isNotTaken() {
            return reason.equals(NOT_TAKEN);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unresolved(this);
        }

        @Override
        public boolean isKnown() {
            return false;
        }

        @Override
        public String toString() {
            return "unknown (" + reason + ")";
        }
    }
}

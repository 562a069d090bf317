package dev.lbguard.source.live;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.AclExpr;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.RuleMatch;
import java.util.List;
import java.util.Optional;

/**
 * Writes a live snapshot as JSON ({@code --save-live FILE}) and reads it back ({@code snapshot:FILE}). The model
 * stays free of Jackson: the mapping it needs (the action family's type names, a rule's saved fields) is in
 * mix-ins here.
 */
public final class SnapshotJson {
    /** Bumped when the saved form changes incompatibly; a file of another version is refused, not guessed at. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .addMixIn(RouteAction.class, RouteActionMixIn.class)
            .addMixIn(RoutingSnapshot.class, RoutingSnapshotMixIn.class)
            .addMixIn(Rule.class, RuleMixIn.class)
            .addMixIn(AclExpr.class, AclExprMixIn.class)
            // Only record components are data; derived is-methods (isKnown, isError) are not.
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = RouteAction.Forward.class, name = "forward"),
        @JsonSubTypes.Type(value = RouteAction.Redirect.class, name = "redirect"),
        @JsonSubTypes.Type(value = RouteAction.FixedResponse.class, name = "fixed-response"),
        @JsonSubTypes.Type(value = RouteAction.Unresolved.class, name = "unknown")})
    private interface RouteActionMixIn {
    }

    /** An HAProxy rule's expression, each term named by its kind so that it reads back. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = AclExpr.And.class, name = "and"),
        @JsonSubTypes.Type(value = AclExpr.Or.class, name = "or"),
        @JsonSubTypes.Type(value = AclExpr.Not.class, name = "not"),
        @JsonSubTypes.Type(value = AclExpr.Match.class, name = "match"),
        @JsonSubTypes.Type(value = AclExpr.Unknown.class, name = "unknown")})
    private interface AclExprMixIn {
    }

    /**
     * A saved snapshot never holds its secrets (the values --save-live writes are hidden already): they are left
     * out, and a snapshot read back has none.
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"secrets"})
    private abstract static class RoutingSnapshotMixIn {
        @com.fasterxml.jackson.annotation.JsonCreator
        RoutingSnapshotMixIn(@com.fasterxml.jackson.annotation.JsonProperty("origin") dev.lbguard.model.SnapshotOrigin origin,
                             @com.fasterxml.jackson.annotation.JsonProperty("loadBalancers")
                             java.util.List<dev.lbguard.model.LoadBalancer> loadBalancers,
                             @com.fasterxml.jackson.annotation.JsonProperty("targetGroups")
                             java.util.List<dev.lbguard.model.TargetGroup> targetGroups,
                             @com.fasterxml.jackson.annotation.JsonProperty("diagnostics")
                             java.util.List<dev.lbguard.diagnostic.Diagnostic> diagnostics,
                             @com.fasterxml.jackson.annotation.JsonProperty("moves")
                             java.util.List<dev.lbguard.model.Move> moves) {
        }
    }

    /**
     * A rule is saved in the fields of format 1: {@code conditions} (empty for HAProxy) and {@code expression}
     * ({@code null} for ALB) side by side, not its {@link RuleMatch}.
     */
    @JsonSerialize(converter = SavedRule.FromRule.class)
    @JsonDeserialize(converter = SavedRule.ToRule.class)
    private interface RuleMixIn {
    }

    /** A rule as format 1 saves it, fields in this order. */
    private record SavedRule(ElementId id, SourceRef source, Priority priority, List<Condition> conditions,
                             RuleAction action, Optional<AclExpr> expression) {

        static final class FromRule extends StdConverter<Rule, SavedRule> {
            @Override
            public SavedRule convert(Rule r) {
                return new SavedRule(r.id(), r.source(), r.priority(), r.conditions(), r.action(), r.expression());
            }
        }

        static final class ToRule extends StdConverter<SavedRule, Rule> {
            @Override
            public Rule convert(SavedRule s) {
                if (s.expression().isEmpty()) {
                    return new Rule(s.id(), s.source(), s.priority(), s.conditions(), s.action());
                }
                if (!s.conditions().isEmpty()) {
                    throw new IllegalArgumentException("rule " + s.id() + " has both conditions and an expression");
                }
                return Rule.haproxy(s.id(), s.source(), s.priority(), s.expression().get(), s.action());
            }
        }
    }

    private SnapshotJson() {
    }

    public static String write(RoutingSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("lbguardSnapshot", FORMAT);
        root.set("snapshot", MAPPER.valueToTree(snapshot));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a snapshot", e);
        }
    }

    /**
     * {@code snapshot} with the fields format 1 gained later filled in where a save from before them lacks them: a
     * target group's {@code registeredBy} and a health check's {@code unknown}, both empty (nothing registered
     * targets and nothing was unknown that a saved live snapshot kept). Every other field stays required.
     */
    private static JsonNode withLaterFields(JsonNode snapshot) {
        for (JsonNode tg : snapshot.path("targetGroups")) {
            if (tg instanceof ObjectNode group && !group.has("registeredBy")) {
                group.putArray("registeredBy");
            }
            if (tg.path("healthCheck") instanceof ObjectNode check && !check.has("unknown")) {
                check.putObject("unknown");
            }
        }
        return snapshot;
    }

    /** Reads a snapshot written by {@link #write}; {@code what} names the file in messages. */
    static RoutingSnapshot read(JsonNode root, String what) throws dev.lbguard.source.SourceException {
        JsonNode format = root.path("lbguardSnapshot");
        if (!format.canConvertToInt() || format.asInt() != FORMAT) {
            throw new dev.lbguard.source.SourceException(what + " is not an lbguard snapshot of format " + FORMAT
                    + " (write one with drift --save-live FILE)");
        }
        try {
            return MAPPER.treeToValue(withLaterFields(root.path("snapshot").deepCopy()), RoutingSnapshot.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The mapping message may quote the file; name only where it broke.
            throw new dev.lbguard.source.SourceException(what + " holds a snapshot lbguard cannot read back; "
                    + "save it again with this version of lbguard");
        }
    }
}

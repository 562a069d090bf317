package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueJsonTest {
    private static final Value BAD = Value.Unknown.unevaluable("no such local");

    private static Value.Seq list(Value... items) {
        return new Value.Seq(Value.Seq.Kind.LIST, List.of(items));
    }

    @Test
    void unevaluatedPathsNameEachValueWhereItSitsAndNothingElse() {
        // Siblings before and after an unevaluated value, at every depth, must not leak into its path.
        Value action = Value.Obj.object(Map.of(
                "type", new Value.Str("forward"),
                "forward", list(Value.Obj.object(Map.of(
                        "target_group", list(Value.Obj.object(Map.of("arn", BAD)), BAD),
                        "stickiness", list()))),
                "order", BAD));
        Value rule = Value.Obj.object(Map.of("action", list(action, action), "priority", new Value.Num(java.math.BigDecimal.ONE)));

        assertThat(ValueJson.unevaluated(rule)).extracting(ValueJson.UnevaluatedPath::path).containsExactly(
                "action[0].forward[0].target_group[0].arn", "action[0].forward[0].target_group[1]",
                "action[0].order",
                "action[1].forward[0].target_group[0].arn", "action[1].forward[0].target_group[1]",
                "action[1].order");
        assertThat(ValueJson.unevaluated(list(BAD))).extracting(ValueJson.UnevaluatedPath::path)
                .containsExactly("[0]");
        assertThat(ValueJson.unevaluated(BAD)).extracting(ValueJson.UnevaluatedPath::path).containsExactly("");
    }

    @Test
    void referencesKnownOnlyAfterApplyAreNotUnevaluated() {
        Value v = Value.Obj.object(Map.of("arn", Value.Unknown.reference("aws_lb.x", "arn")));
        assertThat(ValueJson.unevaluated(v)).isEmpty();
    }
}

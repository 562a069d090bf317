package dev.lbguard.source.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesMemoTest {
    private static Value.Obj attributes(int i) {
        return Value.Obj.object(Map.of("port", new Value.Num(BigDecimal.valueOf(i))));
    }

    @Test
    void keepsWhatWasDerivedFromTheSameObjectNotFromAnEqualOne() {
        AttributesMemo<List<ValueJson.UnevaluatedPath>> memo = new AttributesMemo<>();
        Value.Obj a = Value.Obj.object(Map.of("arn", new Value.Unknown("aws_lb.x", "arn", "known only at apply time")));
        memo.next();
        List<ValueJson.UnevaluatedPath> first = memo.computeIfAbsent(a, ValueJson::unevaluated);
        assertThat(first).isEqualTo(ValueJson.unevaluated(a));
        memo.next();
        assertThat(memo.computeIfAbsent(a, ValueJson::unevaluated)).isSameAs(first);
        Value.Obj equal = Value.Obj.object(Map.of("arn", new Value.Unknown("aws_lb.x", "arn",
                "known only at apply time")));
        assertThat(memo.get(equal)).isNull();
    }

    @Test
    void dropsWhatNoReadAskedForOnceItOutnumbersWhatTheLastAskedFor() {
        AttributesMemo<String> memo = new AttributesMemo<>();
        List<Value.Obj> live = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            live.add(attributes(i));
        }
        for (int read = 0; read < 50; read++) {
            // Each read asks for the 100 live ones and derives 10 new ones that die at once (edited resources).
            memo.next();
            for (Value.Obj a : live) {
                memo.computeIfAbsent(a, x -> "kept");
            }
            for (int i = 0; i < 10; i++) {
                memo.put(attributes(1000 + read * 10 + i), "edited");
            }
            assertThat(memo.size()).isLessThanOrEqualTo(2 * 110 + 64 + 10);
            assertThat(live).allSatisfy(a -> assertThat(memo.get(a)).isEqualTo("kept"));
        }
        // A read that asks for nothing (one whose evaluation had errors): the next keeps nothing.
        memo.next();
        memo.next();
        assertThat(memo.size()).isZero();
    }
}

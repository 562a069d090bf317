package dev.lbguard.source.terraform.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KnownUnevaluatedPathsTest {
    private static Value.Obj attributes(int i) {
        return Value.Obj.object(Map.of("port", new Value.Num(java.math.BigDecimal.valueOf(i))));
    }

    @Test
    void theSameAttributesObjectGetsTheSamePathsAndAnEqualOneItsOwn() {
        KnownUnevaluatedPaths known = new KnownUnevaluatedPaths();
        Value.Obj a = Value.Obj.object(Map.of("arn", new Value.Unknown("aws_lb.x", "arn", "known only at apply time")));
        List<ValueJson.UnevaluatedPath> first = known.next().apply(a);
        assertThat(first).isEqualTo(ValueJson.unevaluated(a));
        assertThat(known.next().apply(a)).isSameAs(first);
        Value.Obj equal = Value.Obj.object(Map.of("arn", new Value.Unknown("aws_lb.x", "arn",
                "known only at apply time")));
        assertThat(known.next().apply(equal)).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void attributesNoLongerAskedForAreDroppedOnceTheyOutnumberThoseAsked() {
        KnownUnevaluatedPaths known = new KnownUnevaluatedPaths();
        List<Value.Obj> live = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            live.add(attributes(i));
        }
        for (int evaluation = 0; evaluation < 50; evaluation++) {
            // Each evaluation asks for the 100 live ones and 10 new ones that die at once (an edited resource).
            Function<Value.Obj, List<ValueJson.UnevaluatedPath>> paths = known.next();
            live.forEach(paths::apply);
            for (int i = 0; i < 10; i++) {
                paths.apply(attributes(1000 + evaluation * 10 + i));
            }
            assertThat(known.size()).isLessThanOrEqualTo(2 * 110 + 64 + 10);
        }
        // An evaluation that asks for nothing (one with errors reports none): the next keeps nothing.
        known.next();
        known.next();
        assertThat(known.size()).isZero();
    }
}

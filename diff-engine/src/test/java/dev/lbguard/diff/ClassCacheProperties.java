package dev.lbguard.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Condition;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RoutingSnapshot;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Request classes kept from one diff serve the next exactly: a diff whose listener's predicates were partitioned
 * before (a timeline's next commit) reports what a differ that starts with nothing reports.
 */
class ClassCacheProperties {

    @Property(tries = 300)
    void aCachedPartitionGivesTheDiffOfAFreshOne(@ForAll("listeners") Listener base,
                                                  @ForAll("mutations") RouteDiffProperties.Mutation first,
                                                  @ForAll("mutations") RouteDiffProperties.Mutation second) {
        RoutingSnapshot b = DiffFixtures.snapshot(base);
        RoutingSnapshot h1 = DiffFixtures.snapshot(first.apply(base));
        RoutingSnapshot h2 = DiffFixtures.snapshot(second.apply(base));
        RouteDiffer warm = new RouteDiffer(new ClassCache());
        warm.diff(b, h1);
        warm.diff(h1, h2);
        RouteDiff cached = warm.diff(b, h2);
        RouteDiff fresh = new RouteDiffer(new ClassCache()).diff(b, h2);
        assertThat(cached).isEqualTo(fresh);
    }

    /** Walking two automata together finds a common string exactly when their intersection has one. */
    @Property(tries = 500)
    void automataIntersectExactlyWhenTheirIntersectionIsNotEmpty(@ForAll("conditions") Condition a,
                                                                 @ForAll("conditions") Condition b) {
        Languages languages = new Languages();
        Condition x = Languages.known(a);
        Condition y = Languages.known(b);
        boolean expected = !Languages.minimal(languages.of(x).intersection(languages.of(y))).isEmpty();
        assertThat(Languages.intersect(languages.of(x), languages.of(y))).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Listener> listeners() {
        return RouteDiffProperties.rule().list().ofMaxSize(12).map(RouteDiffProperties::listenerOf);
    }

    @Provide
    Arbitrary<RouteDiffProperties.Mutation> mutations() {
        return new RouteDiffProperties().mutations();
    }

    @Provide
    Arbitrary<Condition> conditions() {
        return Arbitraries.oneOf(RouteDiffProperties.condition(), RouteDiffProperties.condition()
                .map(c -> c.type() == dev.lbguard.model.ConditionType.HOST_HEADER ? c
                        : Condition.of(dev.lbguard.model.ConditionType.HOST_HEADER, List.of("*.example.com"))));
    }
}

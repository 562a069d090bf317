package dev.lbguard.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dk.brics.automaton.Automaton;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A field state split by a condition of literal values, treated as strings (the state's automaton built only
 * when needed), admits exactly the values the same split by automata admits, step after step.
 */
class FieldStateProperties {

    /** One step of a walk down the splits: a condition, and which part to keep. */
    record Step(Condition condition, boolean in) {
    }

    @Property(tries = 400)
    void splittingByStringsAdmitsWhatSplittingByAutomataAdmits(@ForAll("walks") List<Step> walk) {
        Languages languages = new Languages();
        String field = Languages.field(walk.get(0).condition());
        FieldState.Text byStrings = new FieldState.Text(field, languages.universe(field), List.of());
        FieldState.Text byAutomata = new FieldState.Text(field, languages.universe(field), List.of());
        for (Step step : walk) {
            Condition c = Languages.known(step.condition());
            Literal positive = new Literal(field, c, true);
            Automaton l = languages.of(c);
            FieldState.Split s = byStrings.split(positive, l, languages.strings(c));
            FieldState.Split a = byAutomata.split(positive, l, Optional.empty());
            assertThat(s.in().isPresent()).as("in part of %s", c).isEqualTo(a.in().isPresent());
            assertThat(s.out().isPresent()).as("out part of %s", c).isEqualTo(a.out().isPresent());
            Optional<FieldState> nextS = step.in() ? s.in() : s.out();
            Optional<FieldState> nextA = step.in() ? a.in() : a.out();
            if (nextS.isEmpty()) {
                return;
            }
            byStrings = (FieldState.Text) nextS.get();
            byAutomata = (FieldState.Text) nextA.get();
            assertThat(byStrings.literals()).isEqualTo(byAutomata.literals());
            assertThat(byStrings.language()).as("values after %s", c).isEqualTo(byAutomata.language());
        }
    }

    @Provide
    Arbitrary<List<Step>> walks() {
        return Arbitraries.of(ConditionType.HOST_HEADER, ConditionType.PATH_PATTERN,
                        ConditionType.HTTP_REQUEST_METHOD, ConditionType.SOURCE_IP)
                .flatMap(type -> Combinators.combine(values(type), Arbitraries.of(true, false))
                        .as((v, in) -> new Step(Condition.of(type, v), in)).list().ofMinSize(1).ofMaxSize(12));
    }

    private static Arbitrary<List<String>> values(ConditionType type) {
        List<String> alphabet = switch (type) {
            // Literals (handled as strings) mixed with patterns and blocks (handled as automata).
            case HOST_HEADER -> List.of("a.example.com", "B.example.com", "shop.example.com", "*.example.com",
                    "shop.*", "x.test", "a?.example.com");
            case PATH_PATTERN -> List.of("/", "/api", "/api/*", "/API", "/a?i", "/shop/*", "*");
            case HTTP_REQUEST_METHOD -> List.of("GET", "POST", "PUT");
            default -> List.of("10.0.0.1/32", "10.0.0.0/30", "10.0.0.0/8", "192.0.2.10", "2001:db8::10/128",
                    "0.0.0.0/0");
        };
        return Arbitraries.of(alphabet).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
    }
}

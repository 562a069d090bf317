package dev.lbguard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ModelTest {
    private static final SourceRef SRC = SourceRef.of("lb.tf", 1, 0);
    private static final RuleAction NOT_FOUND = RuleAction.of(new RouteAction.FixedResponse("404", "text/plain", ""));

    @Test
    void conditionValuesAreSortedDeduplicatedSetsAndHostsLowerCase() {
        assertThat(Condition.hostHeader("B.test", "a.test", "b.TEST").values()).containsExactly("a.test", "b.test");
        assertThat(Condition.pathPattern("/B", "/a", "/B").values()).containsExactly("/B", "/a");
        assertThat(Condition.queryString(QueryPair.of("", "x")).queryPairs()).containsExactly(QueryPair.valueOnly("x"));
    }

    @Test
    void ruleConditionsAreASet() {
        Rule a = new Rule(ElementId.of("r"), SRC, Priority.of(1),
                List.of(Condition.pathPattern("/x"), Condition.hostHeader("h"), Condition.hostHeader("H")), NOT_FOUND);
        Rule b = new Rule(ElementId.of("r"), SRC, Priority.of(1),
                List.of(Condition.hostHeader("h"), Condition.pathPattern("/x")), NOT_FOUND);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void disabledStickinessIsNoStickiness() {
        var tg = List.of(WeightedTarget.of(ElementId.of("tg"), 1));
        assertThat(new RouteAction.Forward(tg, Optional.of(new Stickiness(false, 300))))
                .isEqualTo(new RouteAction.Forward(tg, Optional.empty()));
    }

    @Test
    void listenerKeepsRulesByIdAndEvaluatesByPriority() {
        Rule late = new Rule(ElementId.of("a"), SRC, Priority.of(20), List.of(), NOT_FOUND);
        Rule early = new Rule(ElementId.of("b"), SRC, Priority.of(10), List.of(), NOT_FOUND);
        Rule unknown = new Rule(ElementId.of("0"), SRC, Priority.unknown(), List.of(), NOT_FOUND);
        Listener l = new Listener(ElementId.of("l"), SRC, "https", 443, Optional.empty(), List.of("c2", "c1", "c2"),
                NOT_FOUND, List.of(late, early, unknown));
        assertThat(l.rules()).containsExactly(unknown, late, early);
        assertThat(l.rulesInEvaluationOrder()).containsExactly(early, late, unknown);
        assertThat(l.certificates()).containsExactly("c1", "c2");
        assertThat(l.label()).isEqualTo("HTTPS:443");
    }

    @Test
    void authenticateStepsRunInOrder() {
        Authenticate second = Authenticate.of(Authenticate.Kind.COGNITO, 2, Map.of());
        Authenticate first = Authenticate.of(Authenticate.Kind.OIDC, 1, Map.of("issuer", "x"));
        RuleAction a = new RuleAction(List.of(second, first), NOT_FOUND.terminal());
        assertThat(a.authenticate()).containsExactly(first, second);
        assertThat(a.toString()).isEqualTo("authenticate-oidc then authenticate-cognito then fixed-response 404 text/plain");
    }

    @Test
    void snapshotIsCompleteWithoutErrors() {
        SnapshotOrigin o = SnapshotOrigin.other("t");
        assertThat(new RoutingSnapshot(o, List.of(), List.of(), List.of(Diagnostic.warning("w", "m", SRC))).complete()).isTrue();
        assertThat(new RoutingSnapshot(o, List.of(), List.of(), List.of(Diagnostic.error("e", "m", SRC))).complete()).isFalse();
    }

    @Test
    void duplicateIdsAreABug() {
        Rule r = new Rule(ElementId.of("r"), SRC, Priority.of(1), List.of(), NOT_FOUND);
        assertThatThrownBy(() -> new Listener(ElementId.of("l"), SRC, "HTTP", 80, Optional.empty(), List.of(), NOT_FOUND,
                List.of(r, r))).isInstanceOf(IllegalArgumentException.class);
    }

    /** STYLE.md: the model imports only the JDK and the diagnostic package. */
    @Test
    void modelImportsOnlyTheJdkAndDiagnostics() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/lbguard/model"))) {
            List<String> imports = files.flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(line -> line.startsWith("import ")).toList();
            assertThat(imports).isNotEmpty().allMatch(i -> i.matches("import (static )?(java\\.|dev\\.lbguard\\.diagnostic\\.).*"));
        }
    }
}

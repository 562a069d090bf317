package dev.lbguard.source.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Two rules said to share no request never both match one: for any two path patterns called disjoint, no path
 * matches both (a "no" must be sound, or a rule's unset priority would be called harmless where it decides).
 */
class UnsetPrioritiesProperties {
    @Property(tries = 2000)
    void patternsCalledDisjointShareNoPath(@ForAll("patterns") String p, @ForAll("patterns") String q,
                                           @ForAll("paths") String path) {
        if (!UnsetPriorities.mayShareARequest(rule(p), rule(q))) {
            assertThat(glob(p).matcher(path).matches() && glob(q).matcher(path).matches())
                    .as("%s and %s both match %s", p, q, path).isFalse();
        }
    }

    @Property(tries = 500)
    void aPatternSharesWithAnyPathItMatches(@ForAll("paths") String path, @ForAll("patterns") String q) {
        // A literal path against a pattern: they share exactly when the pattern matches the path.
        if (glob(q).matcher(path).matches()) {
            assertThat(UnsetPriorities.mayShareARequest(rule(path), rule(q))).isTrue();
        }
    }

    @Example
    void knownCases() {
        assertThat(UnsetPriorities.mayShareARequest(rule("/api/*"), rule("/web/*"))).isFalse();
        assertThat(UnsetPriorities.mayShareARequest(rule("/api/*"), rule("/*"))).isTrue();
        assertThat(UnsetPriorities.mayShareARequest(rule("*.png"), rule("*.css"))).isFalse();
        assertThat(UnsetPriorities.mayShareARequest(rule("/a*"), rule("*b"))).isTrue();
        assertThat(UnsetPriorities.mayShareARequest(rule("/health"), rule("/health"))).isTrue();
        // Different condition types constrain different parts of a request: a host rule and a path rule share.
        Rule host = new Rule(ElementId.of("h"), SourceRef.file("x"), Priority.assigned(1),
                List.of(Condition.hostHeader("api.example.com")), action());
        assertThat(UnsetPriorities.mayShareARequest(host, rule("/api/*"))).isTrue();
        Rule other = new Rule(ElementId.of("o"), SourceRef.file("x"), Priority.of(2),
                List.of(Condition.hostHeader("WWW.example.com")), action());
        assertThat(UnsetPriorities.mayShareARequest(host, other)).isFalse();
    }

    @Example
    void anUnsetPriorityBesideARuleItMayShareRequestsWithIsAnErrorElseAWarning() {
        Rule api = new Rule(ElementId.of("aws_lb_listener_rule.api"), SourceRef.file("main.tf"), Priority.of(100),
                List.of(Condition.pathPattern("/api/*")), action());
        Rule catchAll = new Rule(ElementId.of("aws_lb_listener_rule.all"), SourceRef.file("main.tf"),
                Priority.assigned(101), List.of(Condition.pathPattern("/*")), action());
        Rule images = new Rule(ElementId.of("aws_lb_listener_rule.images"), SourceRef.file("main.tf"),
                Priority.assigned(102), List.of(Condition.pathPattern("/img/*")), action());
        List<dev.lbguard.diagnostic.Diagnostic> said = new java.util.ArrayList<>();
        UnsetPriorities.report(List.of(api, images), false, said);
        assertThat(said).singleElement().satisfies(d -> {
            assertThat(d.isError()).isFalse();
            assertThat(d.code()).isEqualTo("tf-assigned-priority");
        });
        said.clear();
        UnsetPriorities.report(List.of(api, catchAll), false, said);
        assertThat(said).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.code()).isEqualTo("tf-unset-priority");
            assertThat(d.message()).contains("aws_lb_listener_rule.all").contains("aws_lb_listener_rule.api")
                    .contains("order the rules were created in");
        });
        said.clear();
        UnsetPriorities.report(List.of(api, catchAll, images), false, said);
        assertThat(said).filteredOn(d -> d.message().startsWith("aws_lb_listener_rule.all:")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("aws_lb_listener_rule.api, aws_lb_listener_rule.images match too"));
        said.clear();
        UnsetPriorities.report(List.of(catchAll), true, said);
        assertThat(said).singleElement().satisfies(d -> assertThat(d.message())
                .contains("after this configuration's rules on that listener").doesNotContain("next free"));
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("/ab*?.").ofMinLength(1).ofMaxLength(6);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("/ab.").ofMinLength(0).ofMaxLength(7);
    }

    private static Rule rule(String path) {
        return new Rule(ElementId.of("rule " + path), SourceRef.file("x"), Priority.assigned(1),
                List.of(Condition.pathPattern(path)), action());
    }

    private static RuleAction action() {
        return RuleAction.of(RouteAction.Forward.to(ElementId.of("tg")));
    }

    /** ALB's wildcards: * any run of characters, ? exactly one. */
    private static Pattern glob(String p) {
        StringBuilder r = new StringBuilder();
        for (char c : p.toCharArray()) {
            r.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(r.toString(), Pattern.DOTALL);
    }
}

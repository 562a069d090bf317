package dev.lbguard.source.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jinja as Ansible renders it: filters, native types, and failures instead of empty strings. */
class JinjaTest {
    private final Jinja jinja = new Jinja();

    private VarScope scope(Map<String, Y> vars) {
        Map<String, VarScope.VarDef> defs = new LinkedHashMap<>();
        vars.forEach((k, v) -> defs.put(k, new VarScope.VarDef(v, dev.lbguard.diagnostic.SourceRef.of("vars.yml", 1, 0))));
        return VarScope.empty(jinja, new LinkedHashMap<>()).with(VarScope.Level.PLAY_VARS, defs);
    }

    private static Y s(Object v) {
        return Y.fromJava(v, 1);
    }

    private Jinja.Result render(String template, Map<String, Y> vars) {
        return jinja.render(template, scope(vars), true);
    }

    @Test
    void anUndefinedVariableFailsRatherThanRenderingEmpty() {
        for (String t : List.of("{{ nope }}", "api-{{ nope }}", "{{ 'api-' ~ nope }}", "{{ nope.attr }}",
                "{{ nope | lower }}", "{% if nope %}x{% endif %}")) {
            Jinja.Result r = render(t, Map.of());
            assertThat(r.failure()).as(t + " gave " + r.value()).isPresent();
            assertThat(r.failure().get().code()).isEqualTo("ansible-undefined-variable");
            assertThat(r.failure().get().message()).contains("'nope' is undefined");
        }
    }

    @Test
    void rangeIsPythonsAndNeverStopsShortWithoutAWord() {
        // Jinjava's own range() stopped at 1000 items silently: range(1500)|length gave 1000.
        assertThat(render("{{ range(1500) | length }}", Map.of()).value()).contains(1500);
        assertThat(render("{{ range(2, 11, 3) | join(',') }}", Map.of()).value()).contains("2,5,8");
        assertThat(render("{{ range(5, 0, -2) | join(',') }}", Map.of()).value()).contains("5,3,1");
        assertThat(render("{{ range(3, 1) | length }}", Map.of()).value()).contains(0);
        Jinja.Result huge = render("{{ range(100000000) | length }}", Map.of());
        assertThat(huge.failure()).isPresent();
        assertThat(huge.failure().get().message()).contains("more than lbguard builds");
        assertThat(render("{{ range(1, 5, 0) }}", Map.of()).failure()).isPresent();
    }

    @Test
    void defaultAndIsDefinedGuardUndefinedVariables() {
        assertThat(render("{{ nope | default('x') }}", Map.of()).value()).contains("x");
        assertThat(render("{{ nope | d('y') }}", Map.of()).value()).contains("y");
        assertThat(render("{{ 'a' if nope is defined else 'b' }}", Map.of()).value()).contains("b");
    }

    @Test
    void theFiltersTemplatesUse() {
        Map<String, Y> vars = Map.of("host", s("API.Example.com"), "paths", s(List.of("/a", "/b")),
                "port", s("8080"), "name", s("  web  "));
        assertThat(render("{{ host | lower }}", vars).value()).contains("api.example.com");
        assertThat(render("{{ host | upper }}", vars).value()).contains("API.EXAMPLE.COM");
        assertThat(render("{{ paths | join(',') }}", vars).value()).contains("/a,/b");
        assertThat(render("{{ port | int + 1 }}", vars).value()).contains(8081L);
        assertThat(render("{{ 80 | string }}", vars).value()).contains("80");
        assertThat(render("{{ host | replace('Example', 'Shop') }}", vars).value()).contains("API.Shop.com");
        assertThat(render("{{ name | trim }}", vars).value()).contains("web");
        assertThat(render("{{ paths | to_json }}", vars).value()).contains("[\"/a\",\"/b\"]");
        assertThat(render("{{ true | ternary('on', 'off') }}", vars).value()).contains("on");
    }

    @Test
    void aLoneExpressionKeepsItsType() {
        assertThat(render("{{ paths }}", Map.of("paths", s(List.of("/a")))).value()).contains(List.of("/a"));
        assertThat(jinja.render("{{ paths }}", scope(Map.of("paths", s(List.of("/a")))), false).value())
                .hasValueSatisfying(v -> assertThat(v).isInstanceOf(String.class));
    }

    @Test
    void lookupsAreRunTimeOnly() {
        Jinja.Result r = render("{{ lookup('env', 'HOME') }}", Map.of());
        assertThat(r.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("ansible-lookup");
            assertThat(f.message()).contains("lookup('env', 'HOME')");
        });
        assertThat(render("prefix-{{ query('inventory_hostnames', 'web') | join(',') }}", Map.of()).failure()).isPresent();
    }

    @Test
    void factsAreNamedAsFacts() {
        assertThat(render("{{ ansible_default_ipv4.address }}", Map.of()).failure())
                .hasValueSatisfying(f -> assertThat(f.message()).contains("fact"));
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLine() {
        Jinja.Result r = jinja.render("line one\n{{ x | lower }\n", scope(Map.of("x", s("a"))), false);
        assertThat(r.failure()).isPresent();
        Jinja.Result r2 = jinja.render("a\nb\n{% if x %}\nunterminated", scope(Map.of("x", s("a"))), false);
        assertThat(r2.failure()).hasValueSatisfying(f -> assertThat(f.line()).isGreaterThan(0));
    }

    @Test
    void variablesResolveLazilyAndRecursively() {
        VarScope sc = scope(Map.of("a", s("{{ b }}-x"), "b", s("{{ c | upper }}"), "c", s("y")));
        assertThat(jinja.render("{{ a }}", sc, true).value()).contains("Y-x");
    }

    @Test
    void aCycleIsReportedNotOverflowed() {
        VarScope sc = scope(Map.of("a", s("{{ b }}"), "b", s("{{ a }}")));
        Jinja.Result r = jinja.render("{{ a }}", sc, true);
        assertThat(r.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("ansible-recursive-variable");
            assertThat(f.message()).contains("a -> b -> a");
        });
    }
}

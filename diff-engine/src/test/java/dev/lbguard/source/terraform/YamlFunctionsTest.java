package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.V.b;
import static dev.lbguard.source.terraform.V.call;
import static dev.lbguard.source.terraform.V.map;
import static dev.lbguard.source.terraform.V.n;
import static dev.lbguard.source.terraform.V.nul;
import static dev.lbguard.source.terraform.V.obj;
import static dev.lbguard.source.terraform.V.ref;
import static dev.lbguard.source.terraform.V.s;
import static dev.lbguard.source.terraform.V.set;
import static dev.lbguard.source.terraform.V.strings;
import static dev.lbguard.source.terraform.V.tuple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlFunctionsTest {
    @TempDir
    Path dir;

    @Test
    void listenerRulesFromAYamlFileEvaluateWithoutUnknownFunctions() {
        // The public configurations that found these functions missing read rule tables like this one.
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                locals {
                  rules = yamldecode(file("${path.module}/rules.yaml"))
                }
                resource "aws_lb_listener_rule" "r" {
                  for_each = local.rules
                  priority = each.value.priority
                  tags = {
                    file    = basename(each.value.page)
                    dir     = dirname(each.value.page)
                    expires = timeadd("2024-01-01T00:00:00Z", each.value.ttl)
                    day     = formatdate("YYYY-MM-DD", "2024-01-01T00:00:00Z")
                  }
                }
                """).file("rules.yaml", """
                api:
                  priority: 10
                  page: /srv/www/api/index.html
                  ttl: 36h
                static:
                  priority: 20
                  page: static.html
                  ttl: 90m
                """).evaluate();
        TfFixture.assertClean(e);
        assertThat(TfFixture.attr(e, "aws_lb_listener_rule.r[\"api\"]", "priority")).isEqualTo(n(10));
        assertThat(TfFixture.attr(e, "aws_lb_listener_rule.r[\"api\"]", "tags")).isEqualTo(obj(
                "file", s("index.html"), "dir", s("/srv/www/api"), "expires", s("2024-01-02T12:00:00Z"),
                "day", s("2024-01-01")));
        assertThat(TfFixture.attr(e, "aws_lb_listener_rule.r[\"static\"]", "tags")).isEqualTo(obj(
                "file", s("static.html"), "dir", s("."), "expires", s("2024-01-01T01:30:00Z"),
                "day", s("2024-01-01")));
    }

    @Test
    void yamldecodeDocumentedExamples() throws Exception {
        assertThat(call("yamldecode", s("hello: world"))).isEqualTo(obj("hello", s("world")));
        assertThat(call("yamldecode", s("true"))).isEqualTo(b(true));
        assertThat(call("yamldecode", s("{a: &foo [1, 2, 3], b: *foo}")))
                .isEqualTo(obj("a", tuple(n(1), n(2), n(3)), "b", tuple(n(1), n(2), n(3))));
        assertThat(call("yamldecode", s("{a: &foo [1, [2, 3]], b: *foo}")))
                .isEqualTo(obj("a", tuple(n(1), tuple(n(2), n(3))), "b", tuple(n(1), tuple(n(2), n(3)))));
    }

    @Test
    void yamldecodeResolvesScalarsAsYaml11() throws Exception {
        assertThat(call("yamldecode", s("[1, 0x1F, 0o17, 017, 1_000, .5, +.5, 1e3, ~, yes, No, on, !!str 1, '2']")))
                .isEqualTo(tuple(n(1), n(31), n(15), n(17), s("1_000"), n("0.5"), n("0.5"), n(1000), nul(),
                        b(true), b(false), b(true), s("1"), s("2")));
        assertThat(call("yamldecode", s("[2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10]")))
                .isEqualTo(tuple(s("2001-12-14T00:00:00Z"), s("2001-12-14T21:59:43-05:00"),
                        s("2001-12-14T21:59:43Z")));
        // go-cty-yaml types an untagged block scalar as a string but resolves it first.
        assertThat(call("yamldecode", s("a: |-\n  0x1F\nb: |\n  text\n"))).isEqualTo(obj("a", s("31"), "b",
                s("text\n")));
        assertThat(call("yamldecode", s("{1: a, true: b, 1.50: c}")))
                .isEqualTo(obj("1", s("a"), "true", s("b"), "1.5", s("c")));
        assertThat(call("yamldecode", s("---"))).isEqualTo(nul());
        assertThat(call("yamldecode", s("x: .inf"))).isInstanceOfSatisfying(Value.Obj.class,
                o -> assertThat(o.get("x")).isInstanceOf(Value.Unknown.class));
    }

    @Test
    void yamldecodeMergesMappingsLaterKeysWinning() throws Exception {
        assertThat(call("yamldecode", s("{a: &foo {b: 1}, c: {<<: *foo, d: 2}}")))
                .isEqualTo(obj("a", obj("b", n(1)), "c", obj("b", n(1), "d", n(2))));
        assertThat(call("yamldecode", s("{b: 0, <<: {b: 1, c: 2}, c: 3}"))).isEqualTo(obj("b", n(1), "c", n(3)));
    }

    @Test
    void yamldecodeErrorsAsGoCtyYaml() {
        assertDecodeFails("a: 1\nb: !!foo x", "on line 1, column 4: unsupported tag \"tag:yaml.org,2002:foo\"");
        assertDecodeFails("&x [*x]", "cannot refer to anchor \"x\" from inside its own definition");
        assertDecodeFails("a: *x", "reference to undefined anchor \"x\"");
        assertDecodeFails("<<: 1", "cannot merge number into mapping");
        assertDecodeFails("? [a]\n: b", "only strings are allowed as mapping keys");
        assertDecodeFails("{~: a}", "mapping key cannot be null");
        assertDecodeFails(".nan", "floating point NaN is not supported");
        assertDecodeFails("- a\n- b\n---\n- c", "on line 2, column 1: unexpected extra content after value");
        assertDecodeFails("", "on line 1, column 1: missing start of document");
        assertDecodeFails("!!int abc", "cannot parse \"abc\" as tag:yaml.org,2002:int");
        assertDecodeFails("a: b: c", "Call to function \"yamldecode\" failed: mapping values are not allowed in"
                + " this context");
        assertThatThrownBy(() -> call("yamldecode", nul())).hasMessageContaining("argument must not be null");
    }

    @Test
    void yamlencodeDocumentedExamples() throws Exception {
        assertThat(call("yamlencode", obj("a", s("b"), "c", s("d")))).isEqualTo(s("\"a\": \"b\"\n\"c\": \"d\"\n"));
        assertThat(call("yamlencode", obj("foo", tuple(n(1), n(2), n(3)), "bar", s("baz"))))
                .isEqualTo(s("\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n"));
        assertThat(call("yamlencode", obj("foo", tuple(n(1), obj("a", s("b"), "c", s("d")), n(3)), "bar",
                s("baz")))).isEqualTo(s("\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n- 3\n"));
    }

    @Test
    void yamlencodeWritesAsLibyamlDoes() throws Exception {
        assertThat(call("yamlencode", s("a"))).isEqualTo(s("\"a\"\n"));
        // A plain scalar at the root is open-ended, so libyaml ends the document explicitly.
        assertThat(call("yamlencode", n(1))).isEqualTo(s("1\n...\n"));
        assertThat(call("yamlencode", nul())).isEqualTo(s("null\n...\n"));
        assertThat(call("yamlencode", tuple())).isEqualTo(s("[]\n"));
        assertThat(call("yamlencode", obj("m", map(), "l", tuple(tuple(), tuple(n(1))))))
                .isEqualTo(s("\"l\":\n- []\n- - 1\n\"m\": {}\n"));
        assertThat(call("yamlencode", strings("a\n", "b\n\n", " c\nd", "e \nf", "tab\there", "é😀")))
                .isEqualTo(s("- |\n  a\n- |+\n  b\n\n- |2-\n   c\n  d\n- \"e \\nf\"\n- \"tab\\there\"\n"
                        + "- \"é\\U0001F600\"\n"));
        assertThat(call("yamlencode", obj("x\ny", b(true)))).isEqualTo(s("? |-\n  x\n  y\n: true\n"));
        assertThat(call("yamlencode", set(s("b"), s("a")))).isEqualTo(s("- \"a\"\n- \"b\"\n"));
    }

    @Test
    void yamlencodeFoldsLongQuotedStringsAtColumn80() throws Exception {
        String text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut"
                + " labore et dolore magna aliqua.";
        assertThat(call("yamlencode", obj("long", s(text)))).isEqualTo(s("\"long\": \"Lorem ipsum dolor sit amet,"
                + " consectetur adipiscing elit, sed do eiusmod tempor\n  incididunt ut labore et dolore magna"
                + " aliqua.\"\n"));
        assertThat(call("yamldecode", call("yamlencode", obj("long", s(text))))).isEqualTo(obj("long", s(text)));
    }

    @Test
    void unknownsStayUnknown() throws Exception {
        Value.Unknown dns = ref("aws_lb.x", "dns_name");
        assertThat(call("yamlencode", obj("host", dns))).isEqualTo(dns);
        assertThat(call("yamldecode", dns)).isEqualTo(dns);
    }

    private static void assertDecodeFails(String yaml, String message) {
        assertThatThrownBy(() -> call("yamldecode", s(yaml))).isInstanceOf(EvalException.class)
                .hasMessageContaining(message);
    }
}

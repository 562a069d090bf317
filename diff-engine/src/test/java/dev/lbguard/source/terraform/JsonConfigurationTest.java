package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Body;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.hcl.HclSyntaxException;
import dev.lbguard.source.hcl.TemplatePart;
import dev.lbguard.source.terraform.modules.JsonConfiguration;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonConfigurationTest {

    private static HclFile parse(String json) throws HclSyntaxException {
        return JsonConfiguration.parse("main.tf.json", json);
    }

    private static Block only(Body body, String type) {
        assertThat(body.blocks(type)).hasSize(1);
        return body.blocks(type).get(0);
    }

    private static Expression attr(Body body, String name) {
        return body.attribute(name).map(Attribute::expression)
                .orElseThrow(() -> new AssertionError("no attribute " + name + " in " + body));
    }

    private static Expression local(String json, String name) throws HclSyntaxException {
        return attr(only(parse(json).body(), "locals").body(), name);
    }

    @Test
    void aStringOfOneInterpolationIsItsExpressionAndOtherStringsAreTemplates() throws HclSyntaxException {
        String json = """
                {
                  "locals": {
                    "whole": "${var.x}",
                    "mixed": "a-${local.b}",
                    "escaped": "$${not.this}",
                    "plain": "forward"
                  }
                }
                """;
        Expression.Template whole = (Expression.Template) local(json, "whole");
        assertThat(whole.isSingleInterpolation()).isTrue();
        assertThat(whole.heredoc()).isFalse();
        Expression inner = ((TemplatePart.Interpolation) whole.parts().get(0)).expression();
        assertThat(inner).isInstanceOfSatisfying(Expression.GetAttr.class, g -> {
            assertThat(g.name()).isEqualTo("x");
            assertThat(g.source()).isEqualTo(new Expression.Variable("var", g.source().range()));
        });
        // Positions are the file's: "${var.x}" opens at column 14 of line 3, so var starts at 17.
        assertThat(inner.range().startLine()).isEqualTo(3);
        assertThat(inner.range().startColumn()).isEqualTo(17);

        Expression.Template mixed = (Expression.Template) local(json, "mixed");
        assertThat(mixed.parts()).hasSize(2);
        assertThat(((TemplatePart.Literal) mixed.parts().get(0)).text()).isEqualTo("a-");

        Expression.Template escaped = (Expression.Template) local(json, "escaped");
        assertThat(escaped.parts()).singleElement().isInstanceOfSatisfying(TemplatePart.Literal.class,
                l -> assertThat(l.text()).isEqualTo("${not.this}"));
        Expression.Template plain = (Expression.Template) local(json, "plain");
        assertThat(plain.parts()).singleElement().isInstanceOfSatisfying(TemplatePart.Literal.class,
                l -> assertThat(l.text()).isEqualTo("forward"));
    }

    @Test
    void positionsInsideAStringCountJsonEscapes() throws HclSyntaxException {
        // \" and \u00e9 are one character each once decoded, two and six in the file.
        Expression.Template t = (Expression.Template) local("{\"locals\": {\"s\": \"\\\"\\u00e9${var.y}\"}}", "s");
        Expression inner = ((TemplatePart.Interpolation) t.parts().get(1)).expression();
        assertThat("{\"locals\": {\"s\": \"\\\"\\u00e9${var.y}\"}}".indexOf("var.y") + 1)
                .isEqualTo(inner.range().startColumn());
    }

    @Test
    void numbersBooleansNullArraysAndObjects() throws HclSyntaxException {
        String json = """
                {"locals": {"n": 12.50, "t": true, "z": null, "list": [1, "${var.a}"],
                  "obj": {"k": "v", "${var.key}": 1, "//": "kept: an object expression is no body"}}}
                """;
        assertThat(local(json, "n")).isInstanceOfSatisfying(Expression.NumberLiteral.class,
                n -> assertThat(n.value()).isEqualByComparingTo(new BigDecimal("12.5")));
        assertThat(local(json, "t")).isInstanceOfSatisfying(Expression.BoolLiteral.class,
                b -> assertThat(b.value()).isTrue());
        assertThat(local(json, "z")).isInstanceOf(Expression.NullLiteral.class);
        assertThat(local(json, "list")).isInstanceOfSatisfying(Expression.Tuple.class,
                t -> assertThat(t.elements()).hasSize(2));
        Expression.ObjectCons obj = (Expression.ObjectCons) local(json, "obj");
        assertThat(obj.items()).extracting(i -> i.key().literalName())
                .containsExactly(Optional.of("k"), Optional.empty(), Optional.of("//"));
        assertThat(((Expression.Template) obj.items().get(1).key().expression()).isSingleInterpolation()).isTrue();
    }

    @Test
    void commentPropertiesOfBodiesAreIgnored() throws HclSyntaxException {
        HclFile f = parse("""
                {
                  "//": {"metadata": {"backend": "local", "stackName": "edge", "version": "0.20.0"}},
                  "resource": {
                    "aws_lb": {
                      "edge": {
                        "//": {"metadata": {"path": "edge/edge", "uniqueId": "edge"}},
                        "name": "edge"
                      }
                    }
                  }
                }
                """);
        assertThat(f.body().attributes()).isEmpty();
        Block lb = only(f.body(), "resource");
        assertThat(lb.labels()).containsExactly("aws_lb", "edge");
        assertThat(lb.body().attributes()).extracting(Attribute::name).containsExactly("name");
        assertThat(lb.range().startLine()).isEqualTo(5);
        assertThat(lb.body().attribute("name").orElseThrow().nameRange().startLine()).isEqualTo(7);
    }

    @Test
    void nestedBlocksOfLoadBalancerTypesAreBlocksAndOtherObjectsAreArguments() throws HclSyntaxException {
        HclFile f = parse("""
                {"resource": {"aws_lb_listener_rule": {"api": {
                  "listener_arn": "${aws_lb_listener.https.arn}",
                  "priority": 10,
                  "tags": {"team": "api"},
                  "condition": [
                    {"host_header": {"values": ["api.example.com"]}},
                    {"path_pattern": [{"values": ["/v1/*"]}]}
                  ],
                  "action": {"type": "forward", "forward": {
                    "target_group": [{"arn": "${aws_lb_target_group.a.arn}", "weight": 90},
                                     {"arn": "${aws_lb_target_group.b.arn}", "weight": 10}],
                    "stickiness": {"enabled": true, "duration": 60}}},
                  "lifecycle": {"ignore_changes": ["tags"], "create_before_destroy": true},
                  "depends_on": ["aws_lb_listener.https"]
                }}}}
                """);
        Block rule = only(f.body(), "resource");
        assertThat(rule.body().attributes()).extracting(Attribute::name)
                .containsExactly("listener_arn", "priority", "tags", "depends_on");
        assertThat(attr(rule.body(), "tags")).isInstanceOf(Expression.ObjectCons.class);
        List<Block> conditions = rule.body().blocks("condition");
        assertThat(conditions).hasSize(2);
        assertThat(conditions.get(0).body().blocks("host_header")).hasSize(1);
        assertThat(conditions.get(1).body().blocks("path_pattern")).hasSize(1);
        assertThat(conditions.get(1).range().startLine()).isEqualTo(7);
        Block forward = only(only(rule.body(), "action").body(), "forward");
        assertThat(forward.body().blocks("target_group")).hasSize(2);
        assertThat(forward.body().blocks("stickiness")).hasSize(1);
        Block lifecycle = only(rule.body(), "lifecycle");
        assertThat(attr(lifecycle.body(), "ignore_changes")).isInstanceOfSatisfying(Expression.Tuple.class,
                t -> assertThat(t.elements()).singleElement().isInstanceOf(Expression.Variable.class));
        assertThat(attr(rule.body(), "depends_on")).isInstanceOfSatisfying(Expression.Tuple.class,
                t -> assertThat(t.elements()).singleElement().isInstanceOf(Expression.GetAttr.class));
    }

    @Test
    void aResourceTypeWithoutSchemaHasArgumentsOnlyButItsMetaBlocksAreBlocks() throws HclSyntaxException {
        Block sg = only(parse("""
                {"resource": {"aws_security_group": {"web": {
                  "ingress": [{"from_port": 443, "to_port": 443}],
                  "lifecycle": {"create_before_destroy": true},
                  "provisioner": [{"local-exec": {"command": "echo ${self.id}"}}],
                  "provider": "aws.eu"
                }}}}
                """).body(), "resource");
        assertThat(attr(sg.body(), "ingress")).isInstanceOf(Expression.Tuple.class);
        assertThat(only(sg.body(), "provisioner").labels()).containsExactly("local-exec");
        assertThat(only(sg.body(), "lifecycle").body().attributes()).hasSize(1);
        assertThat(attr(sg.body(), "provider")).isInstanceOfSatisfying(Expression.GetAttr.class,
                g -> assertThat(g.name()).isEqualTo("eu"));
    }

    @Test
    void dynamicBlocksTakeTheirTypeAsLabelAndTheirContentItsSchema() throws HclSyntaxException {
        Block rule = only(parse("""
                {"resource": {"aws_alb_listener_rule": {"hosts": {
                  "dynamic": {"condition": {
                    "for_each": "${var.hosts}",
                    "iterator": "h",
                    "content": {"host_header": {"values": ["${h.value}"]}}
                  }}
                }}}}
                """).body(), "resource");
        Block dynamic = only(rule.body(), "dynamic");
        assertThat(dynamic.labels()).containsExactly("condition");
        assertThat(attr(dynamic.body(), "iterator")).isEqualTo(new Expression.Variable("h",
                attr(dynamic.body(), "iterator").range()));
        assertThat(attr(dynamic.body(), "for_each")).isInstanceOf(Expression.Template.class);
        Block content = only(dynamic.body(), "content");
        assertThat(content.body().blocks("host_header")).hasSize(1);
    }

    @Test
    void severalDynamicBlocksAsAnArray() throws HclSyntaxException {
        Block rule = only(parse("""
                {"resource": {"aws_lb_listener_rule": {"r": {
                  "dynamic": [
                    {"condition": {"for_each": [1], "content": {"path_pattern": {"values": ["/a"]}}}},
                    {"action": {"for_each": [1], "content": {"type": "forward"}}}
                  ]
                }}}}
                """).body(), "resource");
        assertThat(rule.body().blocks("dynamic")).extracting(b -> b.labels().get(0))
                .containsExactly("condition", "action");
    }

    @Test
    void variablesTakeTheirTypeAsAnExpressionAndTheirDefaultLiterally() throws HclSyntaxException {
        Block v = only(parse("""
                {"variable": {"hosts": {
                  "type": "list(string)",
                  "default": ["${not.a.reference}"],
                  "description": "hosts ${literally}",
                  "validation": {"condition": "${length(var.hosts) > 0}", "error_message": "at least one"}
                }}}
                """).body(), "variable");
        assertThat(v.labels()).containsExactly("hosts");
        assertThat(attr(v.body(), "type")).isInstanceOfSatisfying(Expression.FunctionCall.class,
                c -> assertThat(c.name()).isEqualTo("list"));
        Expression.Tuple def = (Expression.Tuple) attr(v.body(), "default");
        assertThat(((Expression.Template) def.elements().get(0)).parts()).singleElement()
                .isInstanceOfSatisfying(TemplatePart.Literal.class,
                        l -> assertThat(l.text()).isEqualTo("${not.a.reference}"));
        Expression.Template description = (Expression.Template) attr(v.body(), "description");
        assertThat(description.parts()).singleElement().isInstanceOf(TemplatePart.Literal.class);
        assertThat(only(v.body(), "validation").body().attributes()).hasSize(2);
    }

    @Test
    void movedModulesProvidersAndTheTerraformBlock() throws HclSyntaxException {
        HclFile f = parse("""
                {
                  "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "~> 5.0"}},
                                "backend": {"s3": {"bucket": "state-${not}"}}},
                  "provider": {"aws": [{"region": "eu-west-1"}, {"alias": "us", "region": "us-east-1"}]},
                  "moved": [{"from": "aws_lb.old", "to": "aws_lb.new"}],
                  "module": {"net": {"source": "./net", "providers": {"aws": "aws.us"}, "count": "${var.n}"}}
                }
                """);
        Block terraform = only(f.body(), "terraform");
        assertThat(only(terraform.body(), "backend").labels()).containsExactly("s3");
        Expression.ObjectCons aws = (Expression.ObjectCons) attr(only(terraform.body(), "required_providers").body(),
                "aws");
        assertThat(aws.items()).extracting(i -> i.key().literalName().orElseThrow()).containsExactly("source",
                "version");
        assertThat(f.body().blocks("provider")).hasSize(2).allSatisfy(p -> assertThat(p.labels())
                .containsExactly("aws"));
        Block moved = only(f.body(), "moved");
        assertThat(attr(moved.body(), "from")).isInstanceOf(Expression.GetAttr.class);
        Block module = only(f.body(), "module");
        assertThat(attr(module.body(), "source")).isInstanceOfSatisfying(Expression.Template.class,
                t -> assertThat(t.parts()).singleElement().isInstanceOf(TemplatePart.Literal.class));
        Expression.ObjectCons providers = (Expression.ObjectCons) attr(module.body(), "providers");
        assertThat(providers.items().get(0).value()).isInstanceOf(Expression.GetAttr.class);
        assertThat(attr(module.body(), "count")).isInstanceOf(Expression.Template.class);
    }

    @Test
    void labelsMayBeGivenAsAnArrayOfObjects() throws HclSyntaxException {
        HclFile f = parse("""
                {"resource": [{"aws_lb": {"a": {"name": "a"}}}, {"aws_lb": {"b": {"name": "b"}}}],
                 "output": {"x": {"value": "${aws_lb.a.arn}"}, "y": {"value": 1}}}
                """);
        assertThat(f.body().blocks("resource")).extracting(b -> b.labels().get(1)).containsExactly("a", "b");
        assertThat(f.body().blocks("output")).extracting(b -> b.labels().get(0)).containsExactly("x", "y");
    }

    @Test
    void badJsonIsASyntaxErrorAtItsLine() {
        assertThatThrownBy(() -> parse("{\n  \"resource\": {\n    \"aws_lb\": {,\n  }\n}\n"))
                .isInstanceOfSatisfying(HclSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.detail()).startsWith("invalid JSON: ");
                });
        assertThatThrownBy(() -> parse("{}\n{}")).isInstanceOfSatisfying(HclSyntaxException.class,
                e -> assertThat(e.line()).isEqualTo(2));
        assertThatThrownBy(() -> parse("")).isInstanceOf(HclSyntaxException.class);
        assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("holds one JSON object");
    }

    @Test
    void numbersBeyondReadingAreSyntaxErrorsAtTheirLineNotExceptions() {
        assertThatThrownBy(() -> parse("{\n  \"locals\": {\"n\": 1e4000000000}\n}"))
                .isInstanceOfSatisfying(HclSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.detail()).contains("exponent is out of range");
                });
        assertThatThrownBy(() -> parse("{\"locals\": {\"n\": 1e20000}}"))
                .isInstanceOfSatisfying(HclSyntaxException.class,
                        e -> assertThat(e.detail()).contains("more than 10000 digits"));
    }

    @Test
    void aBadTemplateIsASyntaxErrorWhereItIsInTheFile() {
        assertThatThrownBy(() -> parse("{\n  \"locals\": {\n    \"x\": \"${var.\"\n  }\n}\n"))
                .isInstanceOfSatisfying(HclSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isGreaterThan(10);
                    assertThat(e.detail()).doesNotContain("(at ");
                });
    }

    @Test
    void inAFileOfOneLineErrorsNameTheJsonPointer() {
        assertThatThrownBy(() -> parse("{\"resource\":{\"aws_lb_listener_rule\":{\"api\":{\"condition\":"
                + "[{\"host_header\":{\"values\":[\"${\"]}}]}}}}"))
                .isInstanceOfSatisfying(HclSyntaxException.class, e -> assertThat(e.detail())
                        .endsWith("(at /resource/aws_lb_listener_rule/api/condition/0/host_header/values/0)"));
        assertThatThrownBy(() -> parse("{\"resource\":{\"aws_lb\":{\"a/b\":{\"name\":\"x\",\"name\":\"y\"}}}}"))
                .isInstanceOfSatisfying(HclSyntaxException.class, e -> assertThat(e.detail())
                        .contains("already set").endsWith("(at /resource/aws_lb/a~1b/name)"));
    }

    @Test
    void shapesTheSpecificationRefuses() {
        assertThatThrownBy(() -> parse("{\"resource\": {\"aws_lb\": {}}}"))
                .hasMessageContaining("label of the resource block");
        assertThatThrownBy(() -> parse("{\"resource\": {\"aws_lb\": {\"x\": \"edge\"}}}"))
                .hasMessageContaining("found a string");
        assertThatThrownBy(() -> parse("{\"locals\": [1]}")).hasMessageContaining("found a number");
    }

    @Test
    void aNullBlockIsNoBlock() throws HclSyntaxException {
        assertThat(parse("{\"resource\": {\"aws_lb\": {\"x\": null}}}").body().blocks()).isEmpty();
    }
}

package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.hcl.HclSyntaxException;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.modules.JsonConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated listener rules written in native syntax and in JSON syntax evaluate alike; and reading JSON is total:
 * whatever the edit, a file either converts or is one syntax error, never an exception.
 */
class JsonSyntaxProperties {
    private static final String LISTENER = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/"
            + "50dc6c495c0c9188/f2f7dc8efc522ab2";
    private static final List<String> WORDS = List.of("api.example.com", "*.shop.test", "/v1/*", "/", "GET", "a\"b",
            "$${literal}", "x-${local.suffix}", "${local.suffix}", "10.0.0.0/8");

    /** One rule: its instance count (empty: no count), conditions, and an action. */
    record Rule(Optional<Integer> count, int priority, List<String> hosts, List<String> paths, boolean dynamicPaths,
                Optional<String> header, int action) {
    }

    @Property(tries = 60)
    void nativeAndJsonRenderingsEvaluateAlike(@ForAll("rules") List<Rule> rules) throws IOException {
        Path dir = Files.createTempDirectory("lbguard-json-prop");
        try {
            TfFixture fixture = new TfFixture(dir).file("hcl/main.tf", hcl(rules)).file("json/main.tf.json",
                    json(rules));
            TerraformEvaluation fromHcl = fixture.evaluate("hcl", TerraformInputs.none());
            TerraformEvaluation fromJson = fixture.evaluate("json", TerraformInputs.none());
            assertThat(JsonSyntaxEvaluationTest.valuesOf(fromJson)).as(json(rules))
                    .isEqualTo(JsonSyntaxEvaluationTest.valuesOf(fromHcl));
            assertThat(fromJson.diagnostics()).extracting(Diagnostic::code)
                    .isEqualTo(fromHcl.diagnostics().stream().map(Diagnostic::code).toList());
        } finally {
            TerraformCli.deleteTree(dir);
        }
    }

    @Property(tries = 300)
    void readingJsonIsTotal(@ForAll("rules") List<Rule> rules, @ForAll("cuts") int at, @ForAll("cuts") int length,
                            @ForAll("tokens") String token) {
        String text = json(rules);
        int a = Math.min(at, text.length());
        int b = Math.min(text.length(), a + length);
        String edited = text.substring(0, a) + token + text.substring(b);
        try {
            JsonConfiguration.parse("main.tf.json", edited);
        } catch (HclSyntaxException e) {
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
        }
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 600);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.of("", "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u00e9", "${", "}\"", "%{if", "null",
                "\"//\"", "\"dynamic\": {}", "\"condition\": 1", "[{}]", "1e400", "\n");
    }

    @Provide
    Arbitrary<List<Rule>> rules() {
        Arbitrary<List<String>> words = Arbitraries.of(WORDS).list().ofMaxSize(3);
        Arbitrary<Rule> rule = Combinators.combine(
                Arbitraries.integers().between(0, 2).optional(0.3),
                Arbitraries.integers().between(1, 60),
                words, words, Arbitraries.of(true, false),
                Arbitraries.of(WORDS).optional(0.3),
                Arbitraries.integers().between(0, 2)).as(Rule::new);
        return rule.list().ofMinSize(1).ofMaxSize(4);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String list(List<String> values) {
        return values.stream().map(JsonSyntaxProperties::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String priority(Rule r) {
        return r.count().isPresent() ? r.priority() + " + count.index" : String.valueOf(r.priority());
    }

    static String hcl(List<Rule> rules) {
        StringBuilder out = new StringBuilder("""
                locals {
                  suffix = "blue"
                }

                resource "aws_lb_target_group" "tg" {
                  count    = 2
                  name     = "tg-${count.index}"
                  port     = 80
                  protocol = "HTTP"
                }
                """);
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            out.append("\nresource \"aws_lb_listener_rule\" \"r").append(i).append("\" {\n");
            r.count().ifPresent(c -> out.append("  count = ").append(c).append('\n'));
            out.append("  listener_arn = ").append(quoted(LISTENER)).append('\n');
            out.append("  priority = ").append(priority(r)).append('\n');
            if (!r.hosts().isEmpty()) {
                out.append("  condition {\n    host_header {\n      values = ").append(list(r.hosts()))
                        .append("\n    }\n  }\n");
            }
            if (!r.dynamicPaths() && !r.paths().isEmpty()) {
                out.append("  condition {\n    path_pattern {\n      values = ").append(list(r.paths()))
                        .append("\n    }\n  }\n");
            }
            r.header().ifPresent(h -> out.append("  condition {\n    http_header {\n      http_header_name = \"X-H\"\n"
                    + "      values = [").append(quoted(h)).append("]\n    }\n  }\n"));
            // Static blocks first, then dynamic ones: the JSON rendering has one "condition" and one "dynamic".
            if (r.dynamicPaths()) {
                out.append("  dynamic \"condition\" {\n    for_each = [").append(list(r.paths()))
                        .append("]\n    content {\n      path_pattern {\n        values = condition.value\n      }\n"
                                + "    }\n  }\n");
            }
            out.append("  action {\n");
            switch (r.action()) {
                case 0 -> out.append("    type = \"forward\"\n    target_group_arn = aws_lb_target_group.tg[")
                        .append(i % 2).append("].arn\n");
                case 1 -> out.append("    type = \"forward\"\n    forward {\n"
                        + "      target_group {\n        arn = aws_lb_target_group.tg[0].arn\n        weight = 90\n"
                        + "      }\n      target_group {\n        arn = aws_lb_target_group.tg[1].arn\n"
                        + "        weight = 10\n      }\n    }\n");
                default -> out.append("    type = \"fixed-response\"\n    fixed_response {\n"
                        + "      content_type = \"text/plain\"\n      status_code = \"503\"\n"
                        + "      message_body = \"down ${local.suffix} $${x}\"\n    }\n");
            }
            out.append("  }\n}\n");
        }
        return out.toString();
    }

    static String json(List<Rule> rules) {
        List<String> resources = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            List<String> props = new ArrayList<>();
            props.add("\"//\": \"rule " + i + "\"");
            r.count().ifPresent(c -> props.add("\"count\": " + c));
            props.add("\"listener_arn\": " + quoted(LISTENER));
            props.add("\"priority\": " + (r.count().isPresent() ? quoted("${" + priority(r) + "}")
                    : String.valueOf(r.priority())));
            List<String> conditions = new ArrayList<>();
            if (!r.hosts().isEmpty()) {
                conditions.add("{\"host_header\": {\"values\": " + list(r.hosts()) + "}}");
            }
            if (!r.dynamicPaths() && !r.paths().isEmpty()) {
                conditions.add("{\"path_pattern\": [{\"values\": " + list(r.paths()) + "}]}");
            }
            r.header().ifPresent(h -> conditions.add("{\"http_header\": {\"http_header_name\": \"X-H\", \"values\": ["
                    + quoted(h) + "]}}"));
            if (!conditions.isEmpty()) {
                props.add("\"condition\": " + String.join(",\n    ", conditions).transform(c -> "[" + c + "]"));
            }
            if (r.dynamicPaths()) {
                props.add("\"dynamic\": {\"condition\": {\"for_each\": [" + list(r.paths()) + "], "
                        + "\"content\": {\"path_pattern\": {\"values\": \"${condition.value}\"}}}}");
            }
            String action = switch (r.action()) {
                case 0 -> "{\"type\": \"forward\", \"target_group_arn\": \"${aws_lb_target_group.tg[" + (i % 2)
                        + "].arn}\"}";
                case 1 -> "{\"type\": \"forward\", \"forward\": {\"target_group\": ["
                        + "{\"arn\": \"${aws_lb_target_group.tg[0].arn}\", \"weight\": 90}, "
                        + "{\"arn\": \"${aws_lb_target_group.tg[1].arn}\", \"weight\": 10}]}}";
                default -> "{\"type\": \"fixed-response\", \"fixed_response\": {\"content_type\": \"text/plain\", "
                        + "\"status_code\": \"503\", \"message_body\": \"down ${local.suffix} $${x}\"}}";
            };
            props.add("\"action\": [" + action + "]");
            resources.add("      \"r" + i + "\": {\n        " + String.join(",\n        ", props) + "\n      }");
        }
        return """
                {
                  "locals": {"suffix": "blue"},
                  "resource": {
                    "aws_lb_target_group": {
                      "tg": {"count": 2, "name": "tg-${count.index}", "port": 80, "protocol": "HTTP"}
                    },
                    "aws_lb_listener_rule": {
                """ + String.join(",\n", resources) + "\n    }\n  }\n}\n";
    }
}

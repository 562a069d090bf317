package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Evaluation is total and deterministic, whatever the edit made to a valid configuration. */
class TerraformEvaluatorProperties {
    private static final String BASE = load();
    private static final List<String> TOKENS = List.of("", "}", "{", "\"", "${", "[*]", ".arn", "count.index",
            "each.key", "var.x", "local.y", "module.m.o", "dynamic \"d\" {", "for_each = [1]", "= null", "...",
            "? 1 :", "[for x in [1] : x]", "\n", "aws_lb.edge", "try(", ")", "%{if true}", "<<EOT\n");

    @Property(tries = 300)
    void evaluationIsTotalAndDeterministic(@ForAll("edits") Edit edit) {
        String text = edit.apply(BASE);
        SourceTree tree = new MemoryTree(Map.of("main.tf", text, "m/main.tf", "output \"o\" {\n  value = 1\n}\n"));
        TerraformEvaluation first = new TerraformEvaluator().evaluate(tree, "", TerraformInputs.none());
        TerraformEvaluation second = new TerraformEvaluator().evaluate(tree, "", TerraformInputs.none());
        assertThat(first).isEqualTo(second);
        assertThat(first.diagnostics()).extracting(Diagnostic::code).doesNotContain("tf-internal");
    }

    /** Cut {@code length} characters at {@code at} and insert {@code token} there. */
    record Edit(int at, int length, String token) {
        String apply(String s) {
            int a = Math.min(at, s.length());
            int b = Math.min(s.length(), a + length);
            return s.substring(0, a) + token + s.substring(b);
        }
    }

    @Provide
    Arbitrary<Edit> edits() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, BASE.length()),
                Arbitraries.integers().between(0, 40), Arbitraries.of(TOKENS)).as(Edit::new);
    }

    private static String load() {
        try {
            return DomainSketchTest.fixture("main.tf") + """
                    module "m" {
                      source = "./m"
                    }
                    locals {
                      y = [for k, v in aws_lb_target_group.tg : v.arn]
                    }
                    """;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

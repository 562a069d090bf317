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
        SourceTree tree = new MapTree(Map.of("main.tf", text, "m/main.tf", "output \"o\" {\n  value = 1\n}\n"));
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

    /** A tree of files held in memory. */
    private record MapTree(Map<String, String> content) implements SourceTree {
        MapTree {
            content = new TreeMap<>(content);
        }

        @Override
        public List<String> files(String dir) {
            return content.keySet().stream().filter(p -> parent(p).equals(dir))
                    .map(p -> p.substring(p.lastIndexOf('/') + 1)).sorted().toList();
        }

        @Override
        public List<String> directories(String dir) {
            return List.of();
        }

        @Override
        public boolean isFile(String path) {
            return content.containsKey(path);
        }

        @Override
        public boolean isDirectory(String path) {
            return content.keySet().stream().anyMatch(p -> parent(p).equals(path));
        }

        @Override
        public byte[] read(String path) throws IOException {
            String s = content.get(path);
            if (s == null) {
                throw new IOException("no " + path);
            }
            return s.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String revision() {
            return "0123abc";
        }

        private static String parent(String p) {
            int i = p.lastIndexOf('/');
            return i < 0 ? "" : p.substring(0, i);
        }
    }
}

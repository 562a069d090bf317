package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Wrapping a reference in any composition of the constructs that hand a value on unchanged ({@code try}, {@code one},
 * {@code lookup}, {@code coalesce}, conditionals with a known condition, indexing, splats, {@code for}) keeps its
 * reference and attribute, so that a rule written that way still links to its listener.
 */
class SymbolicReferenceProperties {
    private static final Path DIR = tempDir();
    private static final String LISTENER = "aws_lb_listener.this[\"https\"]";
    private static final String MODULE = """
            variable "off" {
              default = false
            }
            locals {
              cfg = { port = 443 }
            }
            resource "aws_lb" "edge" {
              name = "edge"
            }
            resource "aws_lb_listener" "this" {
              for_each          = { http = 80, https = 443 }
              load_balancer_arn = aws_lb.edge.arn
              port              = each.value
              protocol          = "HTTP"
              default_action {
                type = "fixed-response"
                fixed_response {
                  content_type = "text/plain"
                  status_code  = "404"
                }
              }
            }
            resource "aws_lb_listener_rule" "r" {
              listener_arn = %s
              priority     = 10
              action {
                type = "fixed-response"
                fixed_response {
                  content_type = "text/plain"
                  status_code  = "200"
                }
              }
              condition {
                path_pattern {
                  values = ["/x"]
                }
              }
            }
            """;

    /** Constructs that give back the value they wrap, as Terraform evaluates them after apply. */
    private static final List<UnaryOperator<String>> WRAPPERS = List.of(
            x -> "try(" + x + ", \"fallback\")",
            x -> "try(local.cfg.missing, " + x + ")",
            x -> "try(" + x + ")",
            x -> "one([" + x + "])",
            x -> "lookup({ k = " + x + " }, \"k\", \"d\")",
            x -> "lookup({ k = \"v\" }, \"other\", " + x + ")",
            x -> "(true ? " + x + " : \"other\")",
            x -> "(var.off ? \"other\" : " + x + ")",
            x -> "(local.cfg.port == 443 ? " + x + " : null)",
            x -> "coalesce(null, \"\", " + x + ")",
            x -> "coalesce(" + x + ", \"fallback\")",
            x -> "[" + x + "][0]",
            x -> "element([" + x + ", \"other\"], 0)",
            x -> "{ a = " + x + " }.a",
            x -> "[for v in [" + x + "] : v][0]",
            x -> "{ for k, v in { a = " + x + " } : k => v }[\"a\"]",
            x -> "([" + x + "][*])[0]",
            x -> "tolist([" + x + "])[0]",
            x -> "(" + x + ")");

    @Property(tries = 150)
    void anyCompositionKeepsTheReferenceAndTheRuleLinked(@ForAll("compositions") String expression) throws IOException {
        Files.writeString(DIR.resolve("main.tf"), MODULE.formatted(expression));
        TerraformEvaluation e = new TerraformEvaluator().evaluate(new DiskTree(DIR), "", TerraformInputs.none());
        assertThat(e.diagnostics()).as(expression).isEmpty();
        assertThat(TfFixture.attr(e, "aws_lb_listener_rule.r", "listener_arn")).as(expression)
                .isEqualTo(Value.Unknown.reference(LISTENER, "arn"));
        RoutingSnapshot s = new TerraformSource().read(new DiskTree(DIR), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other("property"));
        assertThat(s.diagnostics()).as(expression).extracting(Diagnostic::code).isEmpty();
        assertThat(s.loadBalancers().get(0).listeners()).filteredOn(l -> l.id().value().equals(LISTENER))
                .singleElement().satisfies(l -> assertThat(l.rules()).hasSize(1));
    }

    @Provide
    Arbitrary<String> compositions() {
        Arbitrary<String> base = Arbitraries.of(LISTENER + ".arn", "aws_lb_listener.this[\"https\"][\"arn\"]",
                "values(aws_lb_listener.this)[1].arn", "one(aws_lb_listener.this[\"https\"][*].arn)");
        return Arbitraries.integers().between(0, WRAPPERS.size() - 1).list().ofMaxSize(5).flatMap(path -> base.map(b -> {
            String x = b;
            for (int i : path) {
                x = WRAPPERS.get(i).apply(x);
            }
            return x;
        }));
    }

    @AfterContainer
    static void removeDir() throws IOException {
        Files.deleteIfExists(DIR.resolve("main.tf"));
        Files.deleteIfExists(DIR);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("lbguard-symbolic");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

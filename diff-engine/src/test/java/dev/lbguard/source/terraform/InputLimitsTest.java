package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.Limits;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.functions.RegexFunctions;
import dev.lbguard.source.value.Convert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that would make lbguard hang, exhaust memory or print gigabytes (found by a fuzz campaign, issue 20) is an
 * error at its line, naming the limit, and the result is incomplete: never a crash, never "complete".
 */
class InputLimitsTest {
    @TempDir
    Path dir;

    @Test
    void aNumberLiteralWithABillionDigitsIsASyntaxErrorNotABillionDigits() {
        Diagnostic d = only("""
                resource "aws_lb_listener_rule" "r" {
                  priority = 1e1000000000
                }
                """);
        assertThat(d.code()).isEqualTo("hcl-syntax");
        assertThat(d.source().line()).isEqualTo(2);
        assertThat(d.message()).contains("1e1000000000", "more than 10000 digits").hasSizeLessThan(200);
    }

    @Test
    void aFormatWidthBeyondGosLimitIsAnErrorNotAGigabyteOfSpaces() {
        TerraformEvaluation e = evaluate("""
                resource "aws_lb_target_group" "t" {
                  name     = format("%-2147483647s", "x")
                  port     = 80
                  protocol = "HTTP"
                }
                """);
        assertThat(e.complete()).isFalse();
        assertThat(e.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("format width 2147483647 is too large"));
    }

    @Test
    void countAndProductsBeyondTheLimitsAreErrorsNamingThem() {
        TerraformEvaluation e = evaluate("""
                resource "aws_lb" "e" {
                  count = 100000000
                  name  = "e"
                }
                resource "aws_lb_target_group" "t" {
                  for_each = toset([for p in setproduct(range(1000), range(1000), range(1000)) : join("-", p)])
                  name     = each.key
                  port     = 80
                  protocol = "HTTP"
                }
                """);
        assertThat(e.complete()).isFalse();
        assertThat(e.diagnostics()).extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("count of aws_lb.e is 100000000",
                        "(10000; raise it with --limit instances=N)"))
                .anySatisfy(m -> assertThat(m).contains("setproduct", "more than 1000000 elements"));
    }

    @Test
    void theInstanceLimitIsRaisedByLimitAndNamesTheFlagWhereItStops() throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                resource "aws_lb_target_group" "t" {
                  for_each = toset([for p in setproduct(range(120), range(100)) : "tg-${p[0]}-${p[1]}"])
                  name     = each.key
                  port     = 80
                  protocol = "HTTP"
                }
                """);
        TerraformEvaluation stopped = new TfFixture(dir).evaluate("", TerraformInputs.none());
        assertThat(stopped.complete()).isFalse();
        assertThat(stopped.diagnostics()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m)
                .contains("for_each of aws_lb_target_group.t has 12000 keys", "raise it with --limit instances=N"));
        TerraformEvaluation raised = new TfFixture(dir).evaluate("", TerraformInputs.none()
                .withLimits(Limits.DEFAULT.with("instances=20000")));
        assertThat(raised.diagnostics()).isEmpty();
        assertThat(raised.resources()).hasSize(12000);
    }

    @Test
    void aLimitThatIsNotOneIsRefusedWithTheOneThatIs() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Limits.DEFAULT.with("files=3"))
                .hasMessageContaining("no limit is called 'files'").hasMessageContaining("instances");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Limits.DEFAULT.with("instances=0"))
                .hasMessageContaining("a whole number above 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Limits.DEFAULT.with("instances"))
                .hasMessageContaining("a whole number above 0");
        assertThat(Limits.DEFAULT.with(" instances = 50_000 ").instances()).isEqualTo(50_000);
    }

    @Test
    void regexesThatBacktrackForeverInJavaMatchAsRe2Does() throws Exception {
        // RE2 semantics in linear time: (x+x+)+y never matches 40 x's (java.util.regex backtracks 2^40 ways), and
        // (a|a)*b over ten thousand a's overflowed java.util.regex's stack.
        String xs = "x".repeat(40);
        assertThat(RegexFunctions.replace(xs, "/(x+x+)+y/", "z")).isEqualTo(xs);
        assertThat(RegexFunctions.replace(xs + "y", "/(x+x+)+y/", "z")).isEqualTo("z");
        TerraformEvaluation e = evaluate("""
                resource "aws_lb_target_group" "t" {
                  name     = regex("(a|a)*b", join("", [for i in range(1000) : "aaaaaaaaaa"]))
                  port     = 80
                  protocol = "HTTP"
                }
                """);
        assertThat(e.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("did not match"));
    }

    @Test
    void aHugeComputedNumberPrintsInExponentForm() {
        assertThat(Convert.numberToString(new java.math.BigDecimal("1e9999").multiply(new java.math.BigDecimal("1e9999"))))
                .isEqualTo("1E+19998");
        assertThat(Convert.numberToString(new java.math.BigDecimal("123.50"))).isEqualTo("123.5");
    }

    private Diagnostic only(String main) {
        TerraformEvaluation e = evaluate(main);
        assertThat(e.diagnostics()).hasSize(1);
        return e.diagnostics().get(0);
    }

    private TerraformEvaluation evaluate(String main) {
        try {
            Files.writeString(dir.resolve("main.tf"), main);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new TfFixture(dir).evaluate();
    }
}

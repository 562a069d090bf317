package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformLoadingTest {
    @TempDir
    Path dir;

    private static final String LB = """
            resource "aws_lb" "x" {
              name = "x"
            }
            """;

    @Test
    void emptyDirectoryIsOneDiagnostic() {
        TerraformEvaluation e = new TfFixture(dir).file("infra/README.md", "nothing").evaluate("infra",
                TerraformInputs.none());
        single(e, "infra: error: no Terraform files in infra [tf-no-files]");
        assertThat(e.resources()).isEmpty();
    }

    @Test
    void syntaxErrorNamesFileLineAndColumnAndTheRestIsRead() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB)
                .file("b.tf", "resource \"aws_lb\" \"y\" {\n  name = \n}\n").evaluate();
        single(e, "b.tf:", "error", "[hcl-syntax]");
        assertThat(e.diagnostics().get(0).source().line()).isBetween(2, 3);
        assertThat(e.diagnostics().get(0).source().column()).isPositive();
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactly("aws_lb.x");
    }

    @Test
    void binaryAndInvalidUtf8FilesAreReportedAndSkipped() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB)
                .bytes("blob.tf", new byte[] {'r', 0, 1, 2})
                .bytes("latin1.tf", new byte[] {'#', ' ', (byte) 0xE9, '\n'})
                .evaluate();
        assertThat(rendered(e)).containsExactly(
                "blob.tf: error: blob.tf is a binary file (it contains NUL bytes); not read [tf-unreadable-file]",
                "latin1.tf: error: latin1.tf is not valid UTF-8; not read [tf-unreadable-file]");
        assertThat(e.resources()).hasSize(1);
    }

    @Test
    void overrideFilesAreNotSupported() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB)
                .file("lb_override.tf", "resource \"aws_lb\" \"x\" {\n  name = \"y\"\n}\n").evaluate();
        single(e, "lb_override.tf: error: override file lb_override.tf is not supported");
        assertThat(attr(e, "aws_lb.x", "name")).isEqualTo(str("x"));
    }

    @Test
    void jsonFilesAreWarningsUnlessTheyDeclareLoadBalancers() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB)
                .file("vpc.tf.json", "{\"resource\": {\"aws_vpc\": {\"v\": {}}}}")
                .file("lb.tf.json", "{\"resource\": {\"aws_lb_listener\": {\"l\": {}}}}").evaluate();
        assertThat(e.diagnostics()).extracting(d -> d.source().path(), d -> d.severity()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lb.tf.json", Severity.ERROR),
                org.assertj.core.groups.Tuple.tuple("vpc.tf.json", Severity.WARNING));
    }

    @Test
    void duplicateResourceIsReported() {
        TerraformEvaluation e = new TfFixture(dir).file("a.tf", LB).file("b.tf", LB).evaluate();
        single(e, "b.tf:1:", "duplicate resource aws_lb.x");
    }

    @Test
    void revisionAndPathsComeFromTheTree() {
        TerraformEvaluation e = new TfFixture(dir).file("stacks/edge/lb.tf", LB)
                .evaluate("stacks/edge", TerraformInputs.none());
        assertClean(e);
        ResourceInstance r = resource(e, "aws_lb.x");
        assertThat(r.source().path()).isEqualTo("stacks/edge/lb.tf");
        assertThat(r.attributeSources().get("name")).satisfies(s -> {
            assertThat(s.line()).isEqualTo(2);
            assertThat(s.column()).isEqualTo(3);
            assertThat(s.revision()).isEmpty();
        });
        assertThat(e.moduleDir()).isEqualTo("stacks/edge");
    }
}

package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.DiskTree;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.eval.TerraformWorkspace;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terraform.workspace}: named on the command line or in {@code TF_WORKSPACE}, else selected in the root
 * module's {@code .terraform/environment}, else {@code default}. The oracle checks the staging workspace of
 * {@code fixtures/terraform/workspace-hosts} against terraform (its {@code env} file sets {@code TF_WORKSPACE});
 * these tests cover the other ways of choosing, and that the choice changes what is routed.
 */
class TerraformWorkspaceTest {
    private static final Path FIXTURE = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"))
            .toAbsolutePath().normalize().resolve("terraform/workspace-hosts");

    @TempDir
    Path temp;

    @Test
    void nothingSelectedIsDefault() {
        assertThat(TerraformWorkspace.unselected().forRootModule("")).isEqualTo("default");
        assertThat(new TerraformWorkspace(Optional.empty(), Optional.of(temp), ".terraform").forRootModule("stacks/a"))
                .isEqualTo("default");
    }

    @Test
    void eachRootModuleHasItsOwnSelectionOnDisk() throws IOException {
        select(temp.resolve("stacks/a/.terraform"), "staging\n");
        select(temp.resolve("stacks/b/.terraform"), "  \n");
        TerraformWorkspace w = new TerraformWorkspace(Optional.empty(), Optional.of(temp), ".terraform");
        assertThat(w.forRootModule("stacks/a")).isEqualTo("staging");
        // Terraform reads an empty selection as default, and a module without one is in default.
        assertThat(w.forRootModule("stacks/b")).isEqualTo("default");
        assertThat(w.forRootModule("stacks/c")).isEqualTo("default");
    }

    @Test
    void aGivenWorkspaceWinsOverTheSelectionOnDisk() throws IOException {
        select(temp.resolve(".terraform"), "staging");
        assertThat(new TerraformWorkspace(Optional.of("prod"), Optional.of(temp), ".terraform").forRootModule(""))
                .isEqualTo("prod");
    }

    @Test
    void theDataDirectoryMayBeMoved() throws IOException {
        select(temp.resolve("stacks/a/.tfdata"), "qa");
        select(temp.resolve("shared-data"), "perf");
        assertThat(new TerraformWorkspace(Optional.empty(), Optional.of(temp), ".tfdata").forRootModule("stacks/a"))
                .isEqualTo("qa");
        // An absolute TF_DATA_DIR is one selection for every root module.
        assertThat(new TerraformWorkspace(Optional.empty(), Optional.of(temp), temp.resolve("shared-data").toString())
                .forRootModule("stacks/a")).isEqualTo("perf");
    }

    @Test
    void namesAreWhatTerraformAccepts() {
        assertThat(TerraformWorkspace.isValidName("staging-eu_1.2~x")).isTrue();
        assertThat(TerraformWorkspace.isValidName("a$b&c+d:e=f@g")).isTrue();
        for (String bad : List.of("", "two words", "a/b", "a;b", "a,b", "a?b", "a%b", "é")) {
            assertThat(TerraformWorkspace.isValidName(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> new TerraformWorkspace(Optional.of("a/b"), Optional.empty(), ".terraform"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWorkspaceDecidesWhichHostsARuleTakes() throws IOException {
        assertThat(hosts(TerraformWorkspace.unselected(), FIXTURE)).isEqualTo("[\"shop.example.com\"]");
        assertThat(hosts(new TerraformWorkspace(Optional.of("staging"), Optional.empty(), ".terraform"), FIXTURE))
                .isEqualTo("[\"staging.shop.example.com\",\"preview.shop.example.com\"]");
        // terraform workspace select staging, run in a copy of the module: the choice is read beside it.
        Path module = temp.resolve("stack");
        Files.createDirectories(module);
        Files.copy(FIXTURE.resolve("main.tf"), module.resolve("main.tf"));
        select(module.resolve(".terraform"), "staging\n");
        TerraformWorkspace onDisk = TerraformWorkspace.unselected().withWorkTree(temp);
        TerraformEvaluation selected = evaluate(onDisk, temp, "stack");
        assertThat(selected.loadBalancerResources().stream()
                .filter(r -> r.address().equals("aws_lb.edge")).findFirst().orElseThrow()
                .attributes().get("name")).isEqualTo(new Value.Str("shop-staging"));
        assertThat(selected.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).isEqualTo(
                "terraform.workspace is \"staging\", selected in stack/.terraform/environment, not from the "
                + "repository; this report holds for that workspace"));
    }

    /** As for a variable given from outside: the report says which workspace its answer holds for, once. */
    @Test
    void aWorkspaceFromOutsideTheRepositoryIsNamedOnceWhereItIsRead() {
        TerraformEvaluation staging = evaluate(new TerraformWorkspace(Optional.of("staging"), "TF_WORKSPACE",
                Optional.empty(), ".terraform"), FIXTURE, "");
        assertThat(staging.complete()).isTrue();
        assertThat(staging.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isFalse();
            assertThat(d.source().path()).isEqualTo("main.tf");
            assertThat(d.source().line()).isPositive();
            assertThat(d.message()).contains("\"staging\", given by TF_WORKSPACE, not from the repository");
        });
        assertThat(evaluate(TerraformWorkspace.unselected(), FIXTURE, "").diagnostics()).isEmpty();
    }

    /** A workspace no map key names fails as terraform's lookup does: an error, and the result is incomplete. */
    @Test
    void aWorkspaceTheConfigurationDoesNotKnowIsAnError() {
        TerraformEvaluation e = evaluate(new TerraformWorkspace(Optional.of("qa"), Optional.empty(), ".terraform"),
                FIXTURE, "");
        assertThat(e.complete()).isFalse();
        assertThat(e.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("qa"));
    }

    private static String hosts(TerraformWorkspace workspace, Path module) {
        TerraformEvaluation e = evaluate(workspace, module, "");
        assertThat(e.complete()).as("%s", e.diagnostics()).isTrue();
        ResourceInstance rule = e.loadBalancerResources().stream()
                .filter(r -> r.address().equals("aws_lb_listener_rule.web")).findFirst().orElseThrow();
        return ValueJson.toJson(rule.attributes()).path("condition").path(0).path("host_header").path(0)
                .path("values").toString();
    }

    private static TerraformEvaluation evaluate(TerraformWorkspace workspace, Path tree, String dir) {
        return new TerraformEvaluator().evaluate(new DiskTree(tree), dir,
                new TerraformInputs(Map.of(), List.of(), workspace));
    }

    private static void select(Path dataDir, String content) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("environment"), content);
    }
}

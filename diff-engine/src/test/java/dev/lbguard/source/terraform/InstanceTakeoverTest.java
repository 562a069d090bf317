package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.Reuse;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.eval.TerraformWorkspace;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Module instances taken over from the previous evaluation (see {@code InstanceTakeover}) give what a full evaluation
 * gives where the order of replay could show: diagnostics at one place (the log keeps the first), the workspace's
 * note (where it is read first), and a called module's load errors (raised by the call that loads it first). A
 * reviewer found each of these cases taken over with the wrong diagnostics: a value taken over now replays its reads
 * of its instance's other values in order, and an instance under which a module call raised diagnostics is
 * evaluated again.
 */
class InstanceTakeoverTest {
    @Test
    void missingVariablesOfANestedInstanceAreReportedAsAFullEvaluationDoes() {
        Map<String, String> f = Map.of(
                "main.tf", "module \"a\" {\n  source = \"./a\"\n}\n",
                "a/main.tf", "module \"n\" {\n  source = \"../n\"\n}\nlocals {\n  l = module.n.second\n}\n",
                "n/main.tf", "variable \"first\" {}\nvariable \"second\" {}\noutput \"second\" {\n  value = var.second\n}\n");
        // Two errors at the call, one kept: the one raised first (for second, which a local of a reads first).
        assertThat(assertSameBothWays(f, f, TerraformInputs.none())).isEqualTo(2);
    }

    @Test
    void theWorkspaceNoteIsWhereAFullEvaluationPutsIt() {
        Map<String, String> f = Map.of(
                "main.tf", "module \"m\" {\n  source = \"./m\"\n}\n",
                "m/main.tf", "locals {\n  a = \"${local.b}-${terraform.workspace}\"\n  b = terraform.workspace\n}\n");
        assertThat(assertSameBothWays(f, f, TerraformInputs.none().withWorkspace(
                new TerraformWorkspace(Optional.of("blue"), Optional.empty(), ".terraform")))).isEqualTo(1);
    }

    @Test
    void aSyntaxErrorMendedInANestedModuleIsGone() {
        Map<String, String> a = Map.of(
                "main.tf", "module \"a\" {\n  source = \"./a\"\n}\n",
                "a/main.tf", "module \"n\" {\n  source = \"../n\"\n}\n",
                "n/main.tf", "output \"o\" {\n  value = 1\n}\n",
                "n/bad.tf", "this is { broken\n");
        Map<String, String> b = new HashMap<>(a);
        b.put("n/bad.tf", "# mended\n");
        // module.a is evaluated again, so its call loads module n as it is now; n's instance is taken over.
        assertThat(assertSameBothWays(a, b, TerraformInputs.none())).isEqualTo(1);
    }

    @Test
    void aDuplicateRemovedInANestedModuleIsGone() {
        Map<String, String> a = Map.of(
                "main.tf", "module \"a\" {\n  source = \"./a\"\n}\n",
                "a/main.tf", "module \"n\" {\n  source = \"../n\"\n}\n",
                "n/a.tf", "locals {\n  x = 1\n}\n",
                "n/b.tf", "locals {\n  x = 1\n}\n");
        Map<String, String> b = new HashMap<>(a);
        b.remove("n/b.tf");
        // module.a is evaluated again, so its call loads module n as it is now; n's instance is taken over.
        assertThat(assertSameBothWays(a, b, TerraformInputs.none())).isEqualTo(1);
    }

    @Test
    void anUnchangedModuleTreeWithoutDiagnosticsIsTakenOverWhole() {
        Map<String, String> f = Map.of(
                "main.tf", "module \"a\" {\n  source = \"./a\"\n  name = \"x\"\n}\n",
                "a/main.tf", "variable \"name\" {}\nmodule \"n\" {\n  source = \"../n\"\n  host = var.name\n}\n",
                "n/main.tf", "variable \"host\" {}\noutput \"host\" {\n  value = \"${var.host}.example.com\"\n}\n");
        assertThat(assertSameBothWays(f, f, TerraformInputs.none())).isEqualTo(2);
    }

    /** Evaluates {@code before}, then {@code after} with its reuse and in full: the same; how many instances taken. */
    private static int assertSameBothWays(Map<String, String> before, Map<String, String> after,
                                          TerraformInputs inputs) {
        Reuse reuse = new Reuse();
        new TerraformEvaluator().evaluate(new IdentifiedTree(new MemoryTree(before, "a")), "", inputs, reuse);
        IdentifiedTree tree = new IdentifiedTree(new MemoryTree(after, "b"));
        TerraformEvaluation incremental = new TerraformEvaluator().evaluate(tree, "", inputs, reuse);
        TerraformEvaluation full = new TerraformEvaluator().evaluate(tree, "", inputs);
        assertThat(incremental.resources()).isEqualTo(full.resources());
        assertThat(incremental.moved()).isEqualTo(full.moved());
        assertThat(incremental.dataSources()).isEqualTo(full.dataSources());
        assertThat(incremental.diagnostics()).isEqualTo(full.diagnostics());
        assertThat(incremental.secrets()).isEqualTo(full.secrets());
        return reuse.instancesTaken();
    }
}

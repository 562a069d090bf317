package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.Reuse;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.eval.TerraformWorkspace;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    @Test
    void aCycleEnteredElsewhereBeforeIsReportedWhereAFullEvaluationEntersIt() {
        // The cycle's error and the unknown's reason go to the value entered first: the root read the output
        // before, and evaluates the instance whole first now. An instance under which a cycle was met is not taken.
        Map<String, String> a = new HashMap<>(Map.of(
                "main.tf", "module \"m\" {\n  source = \"./m\"\n}\nlocals {\n  x = module.m.o\n}\n",
                "m/main.tf", "locals {\n  a = local.b\n  b = local.a\n}\noutput \"o\" {\n  value = local.b\n}\n"
                        + "resource \"aws_lb\" \"e\" {\n  name = local.a\n  tags = { b = local.b }\n}\n"));
        Map<String, String> b = new HashMap<>(a);
        b.put("main.tf", "module \"m\" {\n  source = \"./m\"\n}\noutput \"x\" {\n  value = module.m.o\n}\n");
        assertThat(assertSameBothWays(a, b, TerraformInputs.none())).isZero();
    }

    @Test
    void aFileThatDoesNotParseOrADuplicateAddedToANestedModuleIsReported() {
        Map<String, String> a = Map.of(
                "main.tf", "module \"a\" {\n  source = \"./a\"\n}\n",
                "a/main.tf", "module \"n\" {\n  source = \"../n\"\n}\n",
                "n/main.tf", "locals {\n  x = 1\n}\noutput \"o\" {\n  value = local.x\n}\n");
        Map<String, String> broken = new HashMap<>(a);
        broken.put("n/bad.tf", "this is { broken\n");
        assertSameBothWays(a, broken, TerraformInputs.none());
        Map<String, String> duplicate = new HashMap<>(a);
        duplicate.put("n/b.tf", "locals {\n  x = 1\n}\n");
        assertSameBothWays(a, duplicate, TerraformInputs.none());
    }

    @Test
    void theLoadErrorsOfAModuleLoadedFirstByAnotherCallBeforeAreReported() {
        Map<String, String> a = new HashMap<>(Map.of(
                "main.tf", "module \"x\" {\n  source = \"./n\"\n}\nmodule \"a\" {\n  source = \"./a\"\n}\n",
                "a/main.tf", "module \"n\" {\n  source = \"../n\"\n}\n",
                "n/a.tf", "locals {\n  x = 1\n}\n",
                "n/b.tf", "locals {\n  x = 1\n}\n"));
        Map<String, String> b = new HashMap<>(a);
        b.put("main.tf", "module \"a\" {\n  source = \"./a\"\n}\n");
        // module.a, whose call of n raised nothing before, is taken over with n's instance; the duplicate is
        // reported by the takeover's own load of n.
        assertThat(assertSameBothWays(a, b, TerraformInputs.none())).isEqualTo(2);
    }

    @Test
    void aHistoryKeepsNoEarlierEvaluationAlive() {
        // Trails name the values they read by a token that holds nothing: naming them by their slots kept every
        // evaluation of a 40-revision history reachable (through a module call's instances and their state).
        Reuse reuse = new Reuse();
        List<WeakReference<Object>> trees = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            IdentifiedTree tree = new IdentifiedTree(new MemoryTree(Map.of(
                    "main.tf", "module \"a\" {\n  source = \"./a\"\n  x = \"a" + i / 2 + "\"\n}\n"
                            + "module \"b\" {\n  source = \"./a\"\n  x = \"b" + (i + 1) / 2 + "\"\n}\n",
                    "a/main.tf", "variable \"x\" {}\nmodule \"c\" {\n  source = \"../c\"\n  y = var.x\n}\n"
                            + "output \"o\" {\n  value = module.c.o\n}\n",
                    "c/main.tf", "variable \"y\" {}\noutput \"o\" {\n  value = \"${var.y}.example.com\"\n}\n"),
                    "r" + i));
            trees.add(new WeakReference<>(tree));
            new TerraformEvaluator().evaluate(tree, "", TerraformInputs.none(), reuse);
            assertThat(reuse.instancesTaken()).as("revision %d", i).isEqualTo(i == 0 ? 0 : 2);
        }
        // A full collection clears weak references as it runs; asked again in case the JVM let one pass.
        for (int k = 0; k < 10 && trees.stream().filter(w -> w.get() != null).count() > 2; k++) {
            System.gc();
        }
        assertThat(trees.stream().filter(w -> w.get() != null).count()).isLessThanOrEqualTo(2);
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

package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.PlanComparator.Mismatch;
import dev.lbguard.source.terraform.eval.Reuse;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.eval.TerraformInputs.CommandLineVar;
import dev.lbguard.source.terraform.eval.TerraformWorkspace;
import dev.lbguard.source.value.ValueJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks lbguard's Terraform evaluator against the real {@code terraform plan} of every fixture under
 * {@code fixtures/terraform}: the same load-balancer instances, a complete evaluation, the same values, and
 * no attribute written in the configuration dropped. Fails (never skips) when terraform is missing.
 */
class TerraformOracleTest {
    private static final Path FIXTURES = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"))
            .toAbsolutePath().normalize();
    private static final Path TERRAFORM_FIXTURES = FIXTURES.resolve("terraform");
    private static final Path WORK = Path.of("target", "terraform-oracle").toAbsolutePath();
    /** Terraform takes seconds per fixture, mostly waiting on the provider; two at once halves the wall time. */
    private static final int THREADS = 2;

    /**
     * Fixtures where lbguard is known to disagree with Terraform, with the text the failure must contain. They are
     * still run: the test fails if the disagreement changes or goes away, so a fix (or a new bug) is noticed and
     * the entry removed. Keep this empty whenever possible.
     */
    private static final Map<String, String> KNOWN_GAPS = Map.of();

    @TestFactory
    Stream<DynamicTest> lbguardAgreesWithTerraform() throws IOException {
        TerraformCli terraform = TerraformCli.locate(WORK);
        List<Path> fixtures = fixtureDirs();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "terraform-oracle");
            t.setDaemon(true);
            return t;
        });
        Map<Path, Future<String>> plans = new LinkedHashMap<>();
        for (Path fixture : fixtures) {
            plans.put(fixture, pool.submit(() -> terraform.planJson(fixture.getFileName().toString(), fixture,
                    terraformArgs(fixture), envFile(fixture))));
        }
        pool.shutdown();
        // Last: the module fixtures' second evaluations took instances over, so the oracle checked that path too.
        return Stream.concat(fixtures.stream().map(f -> dynamicTest(f.getFileName().toString(),
                () -> checkAllowingKnownGap(f, await(plans.get(f))))),
                Stream.of(dynamicTest("module instances were taken over", () -> assertThat(INSTANCES_TAKEN.get())
                        .as("module instances taken over by the fixtures' incremental evaluations").isPositive())));
    }

    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES_TAKEN =
            new java.util.concurrent.atomic.AtomicInteger();

    private static void checkAllowingKnownGap(Path fixture, String showJson) throws IOException {
        String gap = KNOWN_GAPS.get(fixture.getFileName().toString());
        if (gap == null) {
            check(fixture, showJson);
            return;
        }
        try {
            check(fixture, showJson);
        } catch (AssertionError e) {
            if (String.valueOf(e.getMessage()).contains(gap)) {
                return;
            }
            throw e;
        }
        throw new AssertionError(fixture.getFileName() + " now agrees with terraform: remove it from KNOWN_GAPS");
    }

    /**
     * Files that keep what {@code terraform fmt} rewrites on purpose: the legacy bare {@code type = list} and
     * {@code type = map}, which fmt spells {@code list(any)} and {@code map(any)}. Each must be formatted once
     * that spelling is replaced, so nothing else can hide here.
     */
    private static final Map<String, String> LEGACY_SPELLINGS = Map.of(
            "legacy-types/variables.tf", "(?m)^(\\s*type\\s*=\\s*)(list|map)[ \\t]*$");

    @Test
    void fixturesAreFormattedAndProviderFree() throws IOException {
        TerraformCli terraform = TerraformCli.locate(WORK);
        String unformatted = terraform.unformattedFiles(TERRAFORM_FIXTURES);
        assertThat(unformatted.lines().filter(f -> !LEGACY_SPELLINGS.containsKey(f.replace('\\', '/'))).toList())
                .as("terraform fmt -check -recursive fixtures/terraform").isEmpty();
        for (Map.Entry<String, String> legacy : LEGACY_SPELLINGS.entrySet()) {
            Path copy = Files.createDirectories(WORK.resolve("fmt-legacy")).resolve("legacy.tf");
            Files.writeString(copy, Files.readString(TERRAFORM_FIXTURES.resolve(legacy.getKey()))
                    .replaceAll(legacy.getValue(), "$1$2(any)"));
            assertThat(terraform.unformattedFiles(copy.getParent())).as("%s, legacy types spelled out",
                    legacy.getKey()).isEmpty();
        }
        for (Path fixture : fixtureDirs()) {
            try (Stream<Path> files = Files.walk(fixture)) {
                for (Path tf : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
                    assertThat(Files.readString(tf)).as("%s must leave the provider to the harness", tf)
                            .doesNotContain("required_providers").doesNotContainPattern("provider\\s+\"aws\"");
                }
            }
        }
    }

    @Test
    void thereAreEnoughFixtures() throws IOException {
        assertThat(fixtureDirs()).hasSizeGreaterThanOrEqualTo(18);
    }

    private static void check(Path fixture, String showJson) throws IOException {
        String name = fixture.getFileName().toString();
        TerraformPlan plan = TerraformPlan.parse(showJson);
        TerraformEvaluation evaluation;
        try {
            // On the incremental path: a second evaluation takes over what the first computed (Reuse), and is the
            // one checked against Terraform, after checking that it is the full one.
            SourceTree tree = new IdentifiedTree(new DiskTree(fixture));
            Reuse reuse = new Reuse();
            TerraformEvaluation full = new TerraformEvaluator().evaluate(tree, "", lbguardInputs(fixture), reuse);
            evaluation = new TerraformEvaluator().evaluate(tree, "", lbguardInputs(fixture), reuse);
            INSTANCES_TAKEN.addAndGet(reuse.instancesTaken());
            assertThat(evaluation).as("the incremental evaluation of %s", name).isEqualTo(full);
        } catch (RuntimeException e) {
            throw new AssertionError("lbguard threw while evaluating fixture " + name, e);
        }
        List<String> problems = new ArrayList<>();
        for (Diagnostic d : evaluation.diagnostics()) {
            if (d.isError()) {
                problems.add("incomplete evaluation: " + d.render());
            }
        }
        Map<String, ResourceInstance> lbguard = new TreeMap<>();
        evaluation.loadBalancerResources().forEach(r -> lbguard.put(r.address(), r));
        Set<String> missing = new TreeSet<>(plan.instances().keySet());
        missing.removeAll(lbguard.keySet());
        Set<String> extra = new TreeSet<>(lbguard.keySet());
        extra.removeAll(plan.instances().keySet());
        missing.forEach(a -> problems.add(a + ": planned by Terraform, missing from lbguard"));
        extra.forEach(a -> problems.add(a + ": evaluated by lbguard, not planned by Terraform"));
        // The other resources need no values compared, but the same instances: a for_each over what a provider
        // knows at plan time (docs/terraform-plan-time.md) must expand to Terraform's keys.
        Set<String> evaluated = new TreeSet<>();
        evaluation.resources().forEach(r -> evaluated.add(r.address()));
        Set<String> missingOther = new TreeSet<>(plan.managedAddresses());
        missingOther.removeAll(evaluated);
        missingOther.removeAll(missing);
        Set<String> extraOther = new TreeSet<>(evaluated);
        extraOther.removeAll(plan.managedAddresses());
        extraOther.removeAll(extra);
        missingOther.forEach(a -> problems.add(a + ": planned by Terraform, not expanded by lbguard"));
        extraOther.forEach(a -> problems.add(a + ": expanded by lbguard, not planned by Terraform"));

        List<Mismatch> mismatches = new ArrayList<>();
        for (TerraformPlan.Planned planned : plan.instances().values()) {
            ResourceInstance instance = lbguard.get(planned.address());
            if (instance == null) {
                continue;
            }
            JsonNode attributes = ValueJson.toJson(instance.attributes());
            PlanComparator.compare(planned.address(), planned.type(), attributes, planned.values(),
                    planned.afterUnknown(), mismatches);
            coverage(planned.address(), "", List.of(planned.expressions()), List.of(attributes),
                    List.of(planned.values()), List.of(planned.afterUnknown()), mismatches);
        }
        mismatches.forEach(m -> problems.add(m.render()));
        if (!problems.isEmpty()) {
            throw new AssertionError("fixture " + name + ": " + problems.size() + " disagreement(s) with terraform:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * Every argument or block written in the configuration must be in lbguard's output wherever Terraform plans
     * a value for it, so lbguard cannot silently drop one. Nested blocks are matched as the union of their
     * instances because {@code dynamic} blocks and sets make one-to-one pairing impossible.
     */
    private static void coverage(String address, String path, List<JsonNode> expressions, List<JsonNode> lbguard,
                                 List<JsonNode> planned, List<JsonNode> unknown, List<Mismatch> out) {
        Set<String> keys = new TreeSet<>();
        expressions.forEach(e -> e.fieldNames().forEachRemaining(keys::add));
        for (String key : keys) {
            String keyPath = path.isEmpty() ? key : path + "." + key;
            boolean lbguardHas = lbguard.stream().anyMatch(l -> l.has(key));
            JsonNode terraformValue = NullNode.instance;
            for (int i = 0; i < planned.size(); i++) {
                JsonNode u = unknown.get(i).path(key);
                JsonNode v = planned.get(i).path(key);
                if (u.isBoolean() && u.asBoolean()) {
                    terraformValue = TextNode.valueOf("(known after apply)");
                } else if (!v.isMissingNode() && !v.isNull() && !(v.isArray() && v.isEmpty())) {
                    terraformValue = v;
                }
            }
            if (!lbguardHas) {
                if (!terraformValue.isNull()) {
                    out.add(new Mismatch(address, keyPath, "written in the configuration, missing from lbguard",
                            TextNode.valueOf("(absent)"), terraformValue));
                }
                continue;
            }
            if (expressions.stream().anyMatch(e -> e.path(key).isArray())) {
                List<JsonNode> nestedExpr = new ArrayList<>();
                List<JsonNode> nestedLb = new ArrayList<>();
                List<JsonNode> nestedPlanned = new ArrayList<>();
                List<JsonNode> nestedUnknown = new ArrayList<>();
                expressions.forEach(e -> e.path(key).forEach(nestedExpr::add));
                lbguard.forEach(l -> l.path(key).forEach(nestedLb::add));
                for (int i = 0; i < planned.size(); i++) {
                    JsonNode u = unknown.get(i).path(key);
                    JsonNode items = planned.get(i).path(key);
                    for (int j = 0; j < items.size(); j++) {
                        nestedPlanned.add(items.get(j));
                        nestedUnknown.add(u.path(j));
                    }
                }
                coverage(address, keyPath, nestedExpr, nestedLb, nestedPlanned, nestedUnknown, out);
            }
        }
    }

    private static String await(Future<String> plan) {
        try {
            return plan.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("running terraform failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static List<Path> fixtureDirs() throws IOException {
        assertThat(TERRAFORM_FIXTURES).as("fixture directory (-Dlbguard.fixtures)").isDirectory();
        try (Stream<Path> dirs = Files.list(TERRAFORM_FIXTURES)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    /**
     * The fixture's {@code args} file: whitespace-separated {@code --var-file=FILE} and {@code --var=NAME=VALUE},
     * given to both Terraform and lbguard. Values cannot contain spaces; no fixture needs them.
     */
    static List<String> argsFile(Path fixture) throws IOException {
        Path args = fixture.resolve("args");
        if (!Files.isRegularFile(args)) {
            return List.of();
        }
        String text = Files.readString(args).trim();
        return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
    }

    /**
     * The fixture's {@code env} file: {@code NAME=value} lines (blank lines and {@code #} comments skipped), the
     * environment of both Terraform and lbguard. The value is the rest of the line, spaces included.
     */
    static Map<String, String> envFile(Path fixture) throws IOException {
        Path env = fixture.resolve("env");
        Map<String, String> out = new TreeMap<>();
        if (!Files.isRegularFile(env)) {
            return out;
        }
        for (String line : Files.readAllLines(env)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new AssertionError(env + ": expected NAME=value, found " + line);
            }
            out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    private static List<String> terraformArgs(Path fixture) throws IOException {
        // Terraform's flag parser takes one or two dashes; write the documented single-dash form.
        return argsFile(fixture).stream().map(a -> a.replaceFirst("^--", "-")).toList();
    }

    private static TerraformInputs lbguardInputs(Path fixture) throws IOException {
        List<CommandLineVar> vars = new ArrayList<>();
        for (String arg : argsFile(fixture)) {
            String a = arg.replaceFirst("^--?", "");
            if (a.startsWith("var-file=")) {
                String file = a.substring("var-file=".length());
                vars.add(new CommandLineVar.VarFile(file, Files.readString(fixture.resolve(file))));
            } else if (a.startsWith("var=") && a.indexOf('=', 4) > 0) {
                String nameValue = a.substring(4);
                int eq = nameValue.indexOf('=');
                vars.add(new CommandLineVar.Var(nameValue.substring(0, eq), nameValue.substring(eq + 1)));
            } else {
                throw new AssertionError(fixture + "/args: unsupported argument " + arg);
            }
        }
        // As the CLI does: TF_VAR_name in the environment sets variable name, TF_WORKSPACE the workspace.
        Map<String, String> environment = new TreeMap<>();
        Map<String, String> env = envFile(fixture);
        env.forEach((k, v) -> {
            if (k.startsWith("TF_VAR_")) {
                environment.put(k.substring("TF_VAR_".length()), v);
            }
        });
        TerraformWorkspace workspace = new TerraformWorkspace(java.util.Optional.ofNullable(env.get("TF_WORKSPACE")),
                "TF_WORKSPACE", java.util.Optional.of(fixture), ".terraform");
        return new TerraformInputs(environment, vars, workspace);
    }
}

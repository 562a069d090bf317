package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.HclParser;
import dev.lbguard.source.terraform.eval.EvalState;
import dev.lbguard.source.terraform.eval.ExprEvaluator;
import dev.lbguard.source.terraform.eval.Refs;
import dev.lbguard.source.terraform.eval.Scope;
import dev.lbguard.source.terraform.functions.Json;
import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the function library against {@code terraform console}: every expression of
 * {@code console-cases.txt} must give the value Terraform gives (compared as {@code jsonencode} output) or fail
 * with Terraform's message. The answers are cached under {@code target/terraform-oracle} by a hash of the cases,
 * so only a changed table runs terraform. Fails (never skips) when terraform is missing.
 */
class TerraformConsoleOracleTest {
    private static final Path WORK = Path.of("target", "terraform-oracle").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files the cases read, in the directory both Terraform and lbguard evaluate in. */
    private static final Map<String, byte[]> FILES = Map.of(
            "hello.txt", "Hello World".getBytes(StandardCharsets.UTF_8),
            "data/bytes.bin", new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10});

    /**
     * Cases where lbguard is known to disagree with Terraform, with text the disagreement must contain. They still
     * run: the test fails when the disagreement changes or goes away.
     */
    private static final Map<String, String> KNOWN_GAPS = Map.of();

    /** A console refs: no variables, every function. */
    private static final Refs CONSOLE = new Refs() {
        @Override
        public Resolved resolve(Expression.Variable root, List<Step> steps, ExprEvaluator evaluator, Scope scope)
                throws EvalException {
            throw new EvalException("no variables in the console cases (" + root.name() + ")");
        }

        @Override
        public boolean allowsFunctions() {
            return true;
        }
    };

    /** Terraform's answer: a JSON encoding or an error (summary and detail). */
    record Answer(Optional<String> json, String summary, String detail) {
    }

    @TestFactory
    Stream<DynamicTest> functionsAgreeWithTerraformConsole() throws Exception {
        List<String> cases = cases();
        Path dir = Files.createDirectories(WORK.resolve("console-files"));
        for (Map.Entry<String, byte[]> f : FILES.entrySet()) {
            Files.createDirectories(dir.resolve(f.getKey()).getParent());
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        List<Answer> answers = terraformAnswers(dir, cases);
        return IntStream.range(0, cases.size()).mapToObj(i -> dynamicTest(cases.get(i),
                () -> checkAllowingKnownGap(dir, cases.get(i), answers.get(i))));
    }

    private static void checkAllowingKnownGap(Path dir, String expression, Answer answer) {
        String gap = KNOWN_GAPS.get(expression);
        if (gap == null) {
            check(dir, expression, answer);
            return;
        }
        try {
            check(dir, expression, answer);
        } catch (AssertionError e) {
            if (String.valueOf(e.getMessage()).contains(gap)) {
                return;
            }
            throw e;
        }
        throw new AssertionError(expression + " now agrees with terraform: remove it from KNOWN_GAPS");
    }

    private static void check(Path dir, String expression, Answer answer) {
        EvalState state = new EvalState(new DiskTree(dir), "");
        Expression parsed;
        try {
            parsed = HclParser.parseExpression("<console-input>", expression);
        } catch (dev.lbguard.source.hcl.HclSyntaxException e) {
            throw new AssertionError("lbguard cannot parse " + expression + ": " + e.getMessage(), e);
        }
        Value v = new ExprEvaluator(state).value(parsed, Scope.of(CONSOLE));
        List<String> errors = state.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                .toList();
        if (answer.json().isPresent()) {
            assertThat(errors).as("lbguard errors for %s; terraform gives %s", expression, answer.json().get())
                    .isEmpty();
            assertThat(Convert.isWhollyKnown(v)).as("lbguard's value %s is not known; terraform gives %s", v,
                    answer.json().get()).isTrue();
            assertThat(Json.encode(v)).as("jsonencode(%s)", expression).isEqualTo(answer.json().get());
            return;
        }
        assertThat(errors).as("lbguard gives %s; terraform fails: %s", v, answer.detail()).hasSize(1);
        String message = errors.get(0);
        String prefix = "Invalid function argument: ";
        if (message.startsWith(prefix)) {
            assertThat(answer.summary()).as("terraform's summary for %s", expression)
                    .isEqualTo("Invalid function argument");
            message = message.substring(prefix.length());
        }
        assertThat(normalized(message)).as("error of %s", expression).isEqualTo(normalized(answer.detail()));
    }

    /** Terraform wraps diagnostics at 78 columns and ends them with a period. */
    private static String normalized(String message) {
        String s = message.trim().replaceAll("\\s+", " ");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static List<String> cases() throws IOException {
        try (InputStream in = TerraformConsoleOracleTest.class.getResourceAsStream("console-cases.txt")) {
            assertThat(in).as("console-cases.txt").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    /**
     * Terraform's answers, from the cache or from terraform: one console run gives every value (a base64 of a
     * JSON object, so no HCL string escapes need reading); each case that fails there runs alone for its error.
     */
    private static List<Answer> terraformAnswers(Path dir, List<String> cases) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        cases.forEach(c -> md.update((c + "\n").getBytes(StandardCharsets.UTF_8)));
        FILES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(f -> {
            md.update(f.getKey().getBytes(StandardCharsets.UTF_8));
            md.update(f.getValue());
        });
        Path cached = WORK.resolve("console-" + HexFormat.of().formatHex(md.digest(), 0, 8) + ".json");
        if (!Files.isRegularFile(cached)) {
            ObjectNode all = ask(TerraformCli.locate(WORK), dir, cases);
            Path tmp = Files.createTempFile(WORK, "console", ".partial");
            JSON.writeValue(tmp.toFile(), all);
            Files.move(tmp, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        JsonNode all = JSON.readTree(cached.toFile());
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode a = all.get(String.valueOf(i));
            answers.add(a.has("json") ? new Answer(Optional.of(a.get("json").asText()), "", "")
                    : new Answer(Optional.empty(), a.get("summary").asText(), a.get("detail").asText()));
        }
        return answers;
    }

    private static ObjectNode ask(TerraformCli terraform, Path dir, List<String> cases) throws IOException {
        StringBuilder batch = new StringBuilder("base64encode(jsonencode({");
        for (int i = 0; i < cases.size(); i++) {
            batch.append('"').append(i).append("\" = try(jsonencode(").append(cases.get(i)).append("), null), ");
        }
        batch.append("}))");
        TerraformCli.ConsoleOutput out = terraform.console(dir, batch.toString());
        if (out.exitCode() != 0) {
            throw new AssertionError("terraform console failed on the batch:\n" + out.stderr());
        }
        String b64 = out.stdout().strip().replaceAll("^\"|\"$", "");
        JsonNode values = JSON.readTree(Base64.getDecoder().decode(b64));
        ObjectNode all = JSON.createObjectNode();
        for (int i = 0; i < cases.size(); i++) {
            ObjectNode a = all.putObject(String.valueOf(i));
            JsonNode v = values.get(String.valueOf(i));
            if (v != null && !v.isNull()) {
                a.put("json", v.asText());
                continue;
            }
            TerraformCli.ConsoleOutput alone = terraform.console(dir, cases.get(i));
            if (alone.exitCode() == 0) {
                throw new AssertionError(cases.get(i) + " fails inside jsonencode but not alone (a value JSON"
                        + " cannot carry?): " + alone.stdout());
            }
            List<String> lines = alone.stderr().lines().toList();
            int summary = IntStream.range(0, lines.size()).filter(k -> lines.get(k).startsWith("Error: "))
                    .findFirst().orElseThrow(() -> new AssertionError("no error in " + alone.stderr()));
            int source = IntStream.range(summary, lines.size())
                    .filter(k -> lines.get(k).contains("(source code not available)")).findFirst().orElse(summary);
            a.put("summary", lines.get(summary).substring("Error: ".length()).strip());
            a.put("detail", String.join(" ", lines.subList(source + 1, lines.size())).strip());
        }
        return all;
    }
}

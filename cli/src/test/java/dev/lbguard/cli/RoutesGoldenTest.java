package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden {@code routes} reports (text and JSON) for every Terraform fixture in {@code fixtures/terraform}, the
 * Ansible trees of {@code fixtures/ansible} and the HAProxy config of {@code fixtures/haproxy}.
 */
class RoutesGoldenTest {
    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> routesOfEveryFixture() throws Exception {
        List<Path> fixtures = new ArrayList<>();
        try (Stream<Path> s = Files.list(Golden.FIXTURES.resolve("terraform"))) {
            fixtures.addAll(s.filter(Files::isDirectory).sorted().toList());
        }
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(15);
        // The other families of sources: Ansible trees (one incomplete on purpose) and a committed HAProxy config.
        fixtures.add(Golden.FIXTURES.resolve("ansible/services-loop"));
        fixtures.add(Golden.FIXTURES.resolve("ansible/unresolvable-lookup"));
        fixtures.add(Golden.FIXTURES.resolve("haproxy"));
        return fixtures.stream().map(f -> DynamicTest.dynamicTest(Golden.FIXTURES.relativize(f).toString(), () -> {
            Path repo = temp.resolve(Golden.FIXTURES.relativize(f).toString().replace('/', '-'));
            Golden.commit(f, repo);
            for (String format : List.of("text", "json")) {
                List<String> args = new ArrayList<>(List.of("routes", "--repo", repo.toString(), "--rev", "HEAD",
                        "--format", format, "--no-color"));
                args.addAll(fixtureArgs(f));
                CliRun run = CliRun.run(fixtureEnvironment(f), args.toArray(String[]::new));
                assertThat(run.err()).as("stderr").isEmpty();
                assertThat(run.exitCode()).as("exit code of " + args + "\n" + run.out()).isIn(0, 3);
                Golden.check(f.resolve("expected/routes." + (format.equals("text") ? "txt" : "json")), run.out());
            }
        }));
    }

    /**
     * A fixture's {@code env} file: {@code NAME=value} lines (blank lines and {@code #} comments skipped), the
     * environment the command sees, as the Terraform oracle gives it to terraform.
     */
    static Map<String, String> fixtureEnvironment(Path fixture) throws Exception {
        Path envFile = fixture.resolve("env");
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(envFile)) {
            return out;
        }
        for (String line : Files.readAllLines(envFile)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            assertThat(eq).as("%s: NAME=value expected, found %s", envFile, line).isPositive();
            out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    /** A fixture's {@code args} file holds extra options; --var-file paths are relative to the fixture. */
    static List<String> fixtureArgs(Path fixture) throws Exception {
        Path argsFile = fixture.resolve("args");
        List<String> out = new ArrayList<>();
        if (!Files.exists(argsFile)) {
            return out;
        }
        for (String a : Files.readString(argsFile).trim().split("\\s+")) {
            if (a.startsWith("--var-file=")) {
                out.add("--var-file=" + fixture.resolve(a.substring("--var-file=".length())));
            } else if (a.startsWith("--traffic=")) {
                // KIND:PATH with PATH inside the fixture, given relative to the working directory as a user would, so
                // that the files a report names do not depend on where the repository is checked out.
                String spec = a.substring("--traffic=".length());
                int colon = spec.indexOf(':');
                Path file = fixture.resolve(spec.substring(colon + 1)).toAbsolutePath().normalize();
                out.add("--traffic=" + spec.substring(0, colon + 1)
                        + Path.of("").toAbsolutePath().relativize(file).toString().replace('\\', '/'));
            } else if (!a.isEmpty()) {
                out.add(a);
            }
        }
        return out;
    }
}

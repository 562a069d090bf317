package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.cli.demo.BundledDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code check} and {@code policy init} on the demo history (a real repository made by JGit), with the demo's
 * policy in {@code fixtures/policy}: golden reports, exit codes, and that a starter policy passes its own check.
 */
class PolicyCommandsTest {
    private static final Path POLICY = Golden.FIXTURES.resolve("policy/lbguard.yml");
    private static final Path EXPECTED = Golden.FIXTURES.resolve("policy/expected");
    /** The commit before "Networking updates", and the last commit, after it. */
    private static final String BEFORE = "HEAD~2";
    private static Path temp;
    private static String repo;

    @BeforeAll
    static void buildDemo() throws Exception {
        temp = Files.createTempDirectory("lbguard-policy");
        Path dir = temp.resolve("demo");
        BundledDemo.buildInto(dir);
        repo = dir.toString();
    }

    @AfterAll
    static void clean() {
        BundledDemo.delete(temp);
    }

    /** lbguard with {@code --repo} the demo, after the command's words ({@code check}, {@code policy init}). */
    private static CliRun lbguard(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        int words = 0;
        while (words < all.size() && !all.get(words).startsWith("-")) {
            words++;
        }
        all.addAll(words, java.util.List.of("--repo", repo));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void everyInvariantHoldsBeforeTheIncident() throws Exception {
        CliRun text = lbguard("check", "--rev", BEFORE, "--policy", POLICY.toString(), "--no-color");
        assertThat(text.err()).isEmpty();
        assertThat(text.exitCode()).as(text.out()).isZero();
        Golden.check(EXPECTED.resolve("check-before.txt"), text.out().replace(POLICY.toString(), "lbguard.yml"));
        CliRun json = lbguard("check", "--rev", BEFORE, "--policy", POLICY.toString(), "--format", "json");
        assertThat(json.exitCode()).isZero();
        Golden.check(EXPECTED.resolve("check-before.json"), json.out().replace(POLICY.toString(), "lbguard.yml"));
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("invariants")).hasSize(5);
        // Five invariants exercise five of the eight rules; the other three are listed by id.
        assertThat(report.at("/coverage/rules").asInt()).isEqualTo(8);
        assertThat(report.at("/coverage/uncovered").toString()).contains("aws_lb_listener_rule.payments");
    }

    @Test
    void theIncidentBreaksCheckoutAndOnlyCheckout() throws Exception {
        CliRun text = lbguard("check", "--rev", "HEAD", "--policy", POLICY.toString(), "--no-color");
        assertThat(text.exitCode()).as(text.out()).isEqualTo(1);
        Golden.check(EXPECTED.resolve("check-after.txt"), text.out().replace(POLICY.toString(), "lbguard.yml"));
        CliRun markdown = lbguard("check", "--rev", "HEAD", "--policy", POLICY.toString(), "--format", "markdown");
        assertThat(markdown.exitCode()).isEqualTo(1);
        Golden.check(EXPECTED.resolve("check-after.md"), markdown.out().replace(POLICY.toString(), "lbguard.yml"));
        JsonNode report = new ObjectMapper().readTree(lbguard("check", "--rev", "HEAD", "--policy",
                POLICY.toString(), "--format", "json").out());
        assertThat(report.get("invariants")).filteredOn(i -> !i.get("passed").asBoolean())
                .extracting(i -> i.get("name").asText() + " -> " + i.get("rule").asText())
                .containsExactly("checkout reaches checkout -> aws_lb_listener_rule.campaign");
    }

    @Test
    void failUnderFailsOnCoverageAlone() {
        CliRun run = lbguard("check", "--rev", BEFORE, "--policy", POLICY.toString(), "--fail-under", "90");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("under --fail-under 90%");
        assertThat(lbguard("check", "--rev", BEFORE, "--policy", POLICY.toString(), "--fail-under", "50").exitCode())
                .isZero();
    }

    @Test
    void aStarterPolicyPassesItsOwnCheckAtFullCoverageAndCatchesTheIncident() throws Exception {
        CliRun init = lbguard("policy", "init", "--rev", BEFORE, "--file", "-");
        assertThat(init.exitCode()).as(init.err()).isZero();
        Golden.check(EXPECTED.resolve("init-before.yml"), init.out());
        Path starter = temp.resolve("starter.yml");
        Files.writeString(starter, init.out());
        CliRun check = lbguard("check", "--rev", BEFORE, "--policy", starter.toString(), "--fail-under", "100",
                "--format", "json");
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(new ObjectMapper().readTree(check.out()).at("/coverage/percent").asDouble()).isEqualTo(100.0);
        CliRun after = lbguard("check", "--rev", "HEAD", "--policy", starter.toString());
        assertThat(after.exitCode()).isEqualTo(1);
        assertThat(after.out()).contains("FAILED  " + "shop-edge-prod:443 aws_lb_listener_rule.checkout");
    }

    @Test
    void initNeverOverwrites() throws Exception {
        Path existing = Path.of(repo, "lbguard.yml");
        Files.writeString(existing, "version: 1\n");
        try {
            CliRun run = lbguard("policy", "init", "--rev", BEFORE);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("never overwrites");
            assertThat(Files.readString(existing)).isEqualTo("version: 1\n");
        } finally {
            Files.delete(existing);
        }
        CliRun written = lbguard("policy", "init", "--rev", BEFORE, "--quiet");
        try {
            assertThat(written.exitCode()).isZero();
            assertThat(Files.readString(existing)).isEqualTo(lbguard("policy", "init", "--rev", BEFORE, "--file", "-")
                    .out());
        } finally {
            Files.deleteIfExists(existing);
        }
    }

    @Test
    void aBrokenPolicyIsAUsageErrorNamingFileLineAndColumn() throws Exception {
        Path bad = temp.resolve("bad.yml");
        Files.writeString(bad, "version: 1\ninvariants:\n  - name: x\n    listener: shop-edge-prod:443\n"
                + "    request: {host: shop.example.com}\n    expect: {forwrd: shop-checkout}\n");
        CliRun run = lbguard("check", "--rev", BEFORE, "--policy", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ":6:14: unknown key 'forwrd' in 'expect'; did you mean 'forward'?")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void withoutAPolicyFileCheckSaysHowToWriteOne() {
        // The demo's first commit, before the team wrote lbguard.yml.
        CliRun run = lbguard("check", "--rev", "HEAD~4");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("lbguard policy init");
    }

    @Test
    void aPullRequestRepairingABrokenPolicyIsJudgedByItsOwnAndOneBreakingItIsFlagged(@org.junit.jupiter.api.io.TempDir
                                                                                      Path dir) throws Exception {
        String good = "version: 1\ninvariants:\n  - name: api reaches api\n    listener: edge:443\n"
                + "    request: {host: api.shop.test, source_ip: 203.0.113.9}\n    expect: {not_forward: nowhere}\n";
        try (TestHistory h = TestHistory.init(dir)) {
            h.copy(Golden.FIXTURES.resolve("scenarios/canary-cutover/base"), "")
                    .write("lbguard.yml", "version: 1\ninvariants: {name: x}\n")
                    .commit(TestHistory.who("Ann", "2026-01-01T00:00:00Z"), "a broken policy");
            h.write("lbguard.yml", good).commit(TestHistory.who("Ann", "2026-01-02T00:00:00Z"), "repair it");
            h.write("lbguard.yml", good.replace("expect:", "expected:"))
                    .commit(TestHistory.who("Bob", "2026-01-03T00:00:00Z"), "break it again");
        }
        CliRun repair = CliRun.run("review", "--repo", dir.toString(), "--base", "HEAD~2", "--head", "HEAD~1",
                "--no-color");
        assertThat(repair.exitCode()).as(repair.err() + repair.out()).isZero();
        assertThat(repair.out()).contains("the policy file before the change cannot be read")
                .contains("the change is judged by its own policy file").contains("1 held");
        CliRun breaking = CliRun.run("review", "--repo", dir.toString(), "--base", "HEAD~1", "--head", "HEAD",
                "--no-color");
        assertThat(breaking.out()).contains("LBG017 Routing policy weakened")
                .contains("cannot be read after the change")
                .contains("lbguard.yml:6:5: unknown key 'expected' in an invariant; did you mean 'expect'?");
    }
}

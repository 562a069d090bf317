package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import dev.lbguard.cli.demo.ScenarioHistory;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resources} reads a Terragrunt unit as {@code routes} does, its module run with the unit's inputs: it had
 * evaluated the unit's directory as a module of its own, which has no resources, or its module without inputs.
 */
class TerragruntResourcesTest {
    @TempDir
    Path temp;

    @Test
    void aUnitsResourcesAreItsModulesWithItsInputs() throws Exception {
        Path scenario = Golden.FIXTURES.resolve("scenarios/terragrunt-live");
        Path repo = temp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            ScenarioHistory.commitTree(git, ScenarioTree.of(scenario, "head", temp), Golden.AUTHOR, "head");
        }
        CliRun resources = CliRun.run("resources", "--repo", repo.toString(), "--format", "json");
        CliRun routes = CliRun.run("routes", "--repo", repo.toString(), "--format", "json");
        assertThat(resources.exitCode()).as(resources.out() + resources.err()).isEqualTo(routes.exitCode());
        assertThat(resources.out()).contains("unit[\\\"live/prod/orders\\\"].aws_lb_listener_rule.this")
                .contains("unit[\\\"live/prod/cart\\\"].aws_lb_listener_rule.this");
        // The unit's inputs reached the rule: its hosts, not the module's variable without a value.
        assertThat(resources.out()).doesNotContain("has no value").contains("orders.prod.shop.test");
        for (String unit : new String[] {"live/prod/orders", "live/prod/cart"}) {
            assertThat(routes.out()).contains("unit[\\\"" + unit + "\\\"].aws_lb_listener_rule.this");
        }
    }
}

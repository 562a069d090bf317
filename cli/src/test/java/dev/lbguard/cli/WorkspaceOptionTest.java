package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terraform.workspace} on the command line: {@code --workspace}, then {@code TF_WORKSPACE}, then the
 * selection {@code terraform workspace select} left in the root module's {@code .terraform/environment} in the work
 * tree, then {@code default}; on {@code fixtures/terraform/workspace-hosts}, whose rule takes other hosts per
 * workspace.
 */
class WorkspaceOptionTest {
    private static final Path FIXTURE = Golden.FIXTURES.resolve("terraform/workspace-hosts");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DEFAULT_HOSTS = "[\"shop.example.com\"]";
    private static final String STAGING_HOSTS = "[\"preview.shop.example.com\",\"staging.shop.example.com\"]";

    @TempDir
    Path temp;
    Path repo;

    @BeforeEach
    void repository() throws Exception {
        repo = temp.resolve("repo");
        Golden.commit(FIXTURE, repo);
    }

    @Test
    void nothingSelectedIsTheDefaultWorkspace() throws Exception {
        assertThat(hosts(Map.of())).isEqualTo(DEFAULT_HOSTS);
    }

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheSelectionOnDisk() throws Exception {
        assertThat(hosts(Map.of(), "--workspace", "staging")).isEqualTo(STAGING_HOSTS);
        assertThat(hosts(Map.of("TF_WORKSPACE", "staging"))).isEqualTo(STAGING_HOSTS);
        assertThat(hosts(Map.of("TF_WORKSPACE", "staging"), "--workspace", "default")).isEqualTo(DEFAULT_HOSTS);
        select(repo.resolve(".terraform"), "staging\n");
        assertThat(hosts(Map.of())).isEqualTo(STAGING_HOSTS);
        assertThat(hosts(Map.of("TF_WORKSPACE", "default"))).isEqualTo(DEFAULT_HOSTS);
        // An empty TF_WORKSPACE is no selection, as terraform reads it.
        assertThat(hosts(Map.of("TF_WORKSPACE", ""))).isEqualTo(STAGING_HOSTS);
    }

    @Test
    void theReportSaysWhichWorkspaceItHoldsFor() {
        CliRun run = CliRun.run(Map.of(), "routes", "--repo", repo.toString(), "--workspace", "staging");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("warning: terraform.workspace is \"staging\", given by --workspace, not from "
                + "the repository; this report holds for that workspace");
        assertThat(CliRun.run(Map.of(), "routes", "--repo", repo.toString()).out()).doesNotContain("workspace");
    }

    @Test
    void theSelectionIsReadWhereTerraformKeepsIt() throws Exception {
        select(repo.resolve("tfdata"), "staging");
        assertThat(hosts(Map.of())).isEqualTo(DEFAULT_HOSTS);
        assertThat(hosts(Map.of("TF_DATA_DIR", "tfdata"))).isEqualTo(STAGING_HOSTS);
    }

    @Test
    void everyCommandThatReadsTerraformTakesIt() throws Exception {
        CliRun review = CliRun.run(Map.of(), "review", "--repo", repo.toString(), "--base", "HEAD", "--head",
                "WORKTREE", "--workspace", "staging", "--format", "json");
        assertThat(review.exitCode()).as(review.err()).isZero();
        CliRun resources = CliRun.run(Map.of(), "resources", "--repo", repo.toString(), "--rev", "HEAD",
                "--workspace", "staging", "--format", "json");
        assertThat(resources.out()).contains("staging.shop.example.com").doesNotContain("\"shop.example.com\"");
        CliRun route = CliRun.run(Map.of(), "route", "--repo", repo.toString(), "--listener", "shop-staging:80",
                "--host", "preview.shop.example.com", "--workspace", "staging", "--format", "json");
        assertThat(route.out()).as(route.err()).contains("\"rule\" : \"aws_lb_listener_rule.web\"");
    }

    @Test
    void aWorkspaceNameTerraformRefusesIsAUsageError() {
        CliRun option = CliRun.run(Map.of(), "routes", "--repo", repo.toString(), "--workspace", "two words");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err().strip()).doesNotContain("\n").contains("--workspace two words")
                .contains("not a valid workspace name");
        CliRun environment = CliRun.run(Map.of("TF_WORKSPACE", "a/b"), "routes", "--repo", repo.toString());
        assertThat(environment.exitCode()).isEqualTo(2);
        assertThat(environment.err()).contains("TF_WORKSPACE=a/b").contains("not a valid workspace name");
    }

    private String hosts(Map<String, String> environment, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("routes", "--repo", repo.toString(), "--format", "json"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.run(environment, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode rule = MAPPER.readTree(run.out()).path("loadBalancers").path(0).path("listeners").path(0)
                .path("rules").path(0);
        return rule.path("conditions").path(0).path("values").toString();
    }

    private static void select(Path dataDir, String workspace) throws Exception {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("environment"), workspace);
    }
}

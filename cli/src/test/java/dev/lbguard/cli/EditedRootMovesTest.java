package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roots named apart whose directories move and are edited in one commit ("networking updates"): a root whose
 * backend names the same state is the same stack, so a review shows its edit, not its load balancer destroyed and
 * another created; a root whose backend names another state is another stack, removed and added.
 */
class EditedRootMovesTest {
    @TempDir
    static Path temp;
    static String repo;

    static String backend(String key) {
        return """
                terraform {
                  backend "s3" {
                    bucket = "acme-tf-state"
                    key    = "%s/terraform.tfstate"
                    region = "eu-west-1"
                  }
                }
                """.formatted(key);
    }

    @BeforeAll
    static void twoEnvironmentsThenBothMovedAndEdited() throws Exception {
        Path dir = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(dir)) {
            h.write("modules/alb/main.tf", RootsNamedApartTest.MODULE);
            for (String env : new String[] {"a-prod", "b-dev"}) {
                h.write("envs/" + env + "/main.tf", RootsNamedApartTest.env(env, "/api/*"));
                h.write("envs/" + env + "/backend.tf", backend("edge/" + env));
            }
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T10:00:00Z"), "two environments");
            // dev moves with its state and its API path changes; prod moves to a state of its own.
            h.write("environments/b-dev/main.tf", RootsNamedApartTest.env("b-dev", "/v2/*"))
                    .write("environments/b-dev/backend.tf", backend("edge/b-dev"))
                    .delete("envs/b-dev/main.tf").delete("envs/b-dev/backend.tf");
            h.write("environments/a-prod/main.tf", RootsNamedApartTest.env("a-prod", "/api/*") + "\n# moved\n")
                    .write("environments/a-prod/backend.tf", backend("environments/a-prod"))
                    .delete("envs/a-prod/main.tf").delete("envs/a-prod/backend.tf");
            h.commit(TestHistory.who("Bo Builder", "2026-01-05T11:00:00Z"), "networking updates");
        }
        repo = dir.toString();
    }

    @Test
    void theRootThatKeepsItsStateMovesAndShowsItsEdit() {
        CliRun review = CliRun.run("review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD", "--no-color");
        assertThat(review.out())
                .contains("renamed   load balancer root[\"environments/b-dev\"].module.alb.aws_lb.this (from "
                        + "root[\"envs/b-dev\"].module.alb.aws_lb.this, root directory moved)")
                .doesNotContain("removed   load balancer root[\"envs/b-dev\"]")
                .doesNotContain("added     load balancer root[\"environments/b-dev\"]");
        // Its one edit is what moves requests: /v2/ now reaches the API, /api/ the web group.
        assertThat(review.out()).contains("edge-b-dev HTTP:80").contains("/v2/");
    }

    @Test
    void theRootThatKeepsItsStateIsNotDestroyed() {
        CliRun review = CliRun.run("review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD", "--no-color");
        assertThat(review.out()).contains("conditions[path-pattern].values: [\"/api/*\"] -> [\"/v2/*\"]")
                .doesNotContain("root[\"envs/b-dev\"].module.alb.aws_lb.this is renamed");
    }

    @Test
    void theRootWithAnotherStateIsAnotherStackDestroyedAndCreated() {
        CliRun review = CliRun.run("review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD", "--no-color");
        assertThat(review.out()).contains("load balancer root[\"envs/a-prod\"].module.alb.aws_lb.this is renamed to "
                        + "root[\"environments/a-prod\"].module.alb.aws_lb.this without a moved block")
                .contains("renamed   load balancer root[\"environments/a-prod\"].module.alb.aws_lb.this (from "
                        + "root[\"envs/a-prod\"].module.alb.aws_lb.this)  ");
    }

    @Test
    void aTimelineReadsTheMoveAsReviewDoes() {
        CliRun timeline = CliRun.run("timeline", "--repo", repo, "--range", "HEAD~1..HEAD", "--no-color");
        assertThat(timeline.out()).contains("after  forward api-b-dev  (root[\"environments/b-dev\"]")
                .contains("load balancer root[\"envs/a-prod\"].module.alb.aws_lb.this is renamed")
                .doesNotContain("root[\"envs/b-dev\"].module.alb.aws_lb.this is renamed");
    }

    @Test
    void aRollbackMovesTheEditedRootBack() {
        CliRun rollback = CliRun.run("rollback", "--repo", repo, "--to", "HEAD~1", "--no-color");
        assertThat(rollback.out()).contains("PROOF OK")
                .doesNotContain("root[\"environments/b-dev\"].module.alb.aws_lb.this is renamed");
    }
}

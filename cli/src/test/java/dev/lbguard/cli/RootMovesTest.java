package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roots named apart whose directories move, beside roots that are deleted (cases a review of this feature found):
 * only a directory whose files moved with it is a move; its elements keep one name on both sides even when it no
 * longer clashes afterwards; a rollback moves it back as a review moves it forward.
 */
class RootMovesTest {
    @TempDir
    static Path temp;
    static String repo;

    @BeforeAll
    static void threeEnvironmentsThenOneDeletedAndOneMoved() throws Exception {
        Path dir = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(dir)) {
            h.write("modules/alb/main.tf", RootsNamedApartTest.MODULE);
            for (String env : new String[] {"a-prod", "b-dev"}) {
                h.write("envs/" + env + "/main.tf", RootsNamedApartTest.env(env, "/api/*"));
            }
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T10:00:00Z"), "two environments");
            h.write("envs/b-development/main.tf", h.read("envs/b-dev/main.tf")).delete("envs/b-dev/main.tf")
                    .delete("envs/a-prod/main.tf");
            h.commit(TestHistory.who("Bo Builder", "2026-01-05T11:00:00Z"), "prod goes; git mv envs/b-dev envs/b-development");
        }
        repo = dir.toString();
    }

    @Test
    void theDeletedRootIsRemovedAndTheMovedOneMoved() {
        CliRun review = CliRun.run("review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD");
        assertThat(review.out()).doesNotContain("LBG013")
                .contains("removed   load balancer root[\"envs/a-prod\"].module.alb.aws_lb.this")
                .contains("renamed   load balancer root[\"envs/b-development\"].module.alb.aws_lb.this (from "
                        + "root[\"envs/b-dev\"].module.alb.aws_lb.this, root directory moved)")
                .doesNotContain("removed   load balancer root[\"envs/b-dev\"]");
        // Only prod's requests move: dev's listener is the same listener under its new directory.
        assertThat(review.out()).contains("edge-a-prod HTTP:80").doesNotContain("edge-b-dev HTTP:80");
    }

    @Test
    void aRollbackMovesTheRootBack() {
        CliRun rollback = CliRun.run("rollback", "--repo", repo, "--to", "HEAD~1", "--no-color");
        // Prod's listener comes back; dev's moves back under its old directory, no request of it rerouted.
        assertThat(rollback.out()).contains("PROOF OK").doesNotContain("LBG013").contains("edge-a-prod HTTP:80")
                .doesNotContain("edge-b-dev");
    }
}

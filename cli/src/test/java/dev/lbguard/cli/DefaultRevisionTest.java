package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code resources} and {@code routes} read without {@code --rev}: the same revision, HEAD, as every command
 * that reads one, and their help says so. An uncommitted edit is read only with {@code --rev WORKTREE}.
 */
class DefaultRevisionTest {
    @TempDir
    static Path temp;
    static String repo;

    private static final String ROOT = """
            resource "aws_lb" "edge" {
              name = "%s"
            }
            resource "aws_lb_target_group" "app" {
              name     = "app"
              port     = 80
              protocol = "HTTP"
            }
            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.edge.arn
              port              = 80
              protocol          = "HTTP"
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.app.arn
              }
            }
            """;

    @BeforeAll
    static void aCommitAndAnUncommittedEdit() throws Exception {
        Path dir = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(dir)) {
            h.write("edge/main.tf", ROOT.formatted("committed-edge"));
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T10:00:00Z"), "edge");
            h.write("edge/main.tf", ROOT.formatted("uncommitted-edge"));
        }
        repo = dir.toString();
    }

    @Test
    void resourcesAndRoutesBothReadHeadByDefault() {
        for (String command : new String[] {"resources", "routes"}) {
            CliRun byDefault = CliRun.run(command, "--repo", repo);
            assertThat(byDefault.exitCode()).as(command).isZero();
            assertThat(byDefault.out()).as(command).contains("committed-edge").doesNotContain("uncommitted-edge");
            assertThat(CliRun.run(command, "--repo", repo, "--rev", "WORKTREE").out()).as(command)
                    .contains("uncommitted-edge");
        }
    }

    @Test
    void theirHelpSaysWhatIsReadByDefault() {
        for (String command : new String[] {"resources", "routes"}) {
            String help = CliRun.run(command, "--help").out().replaceAll("\\s+", " ");
            assertThat(help).as(command).contains("Default: HEAD, the last commit: uncommitted changes are read only "
                    + "with WORKTREE");
        }
    }
}

package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target group re-created under its old name (a new address, the same name): a route change from one to the other
 * must not read "before forward web / after forward web"; each side names its group's id (seen in public code).
 */
class SameNameGroupsTest {
    @TempDir
    Path temp;

    private static String root(String group) {
        return """
                resource "aws_lb" "edge" {
                  name = "edge"
                }
                resource "aws_lb_target_group" "%1$s" {
                  name = "web"
                }
                resource "aws_lb_listener" "http" {
                  load_balancer_arn = aws_lb.edge.arn
                  port              = 80
                  protocol          = "HTTP"
                  default_action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.%1$s.arn
                  }
                }
                """.formatted(group);
    }

    @Test
    void bothSidesNameTheirGroupWhereTheNamesReadAlike() throws Exception {
        Path repo = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(repo)) {
            h.write("main.tf", root("old"));
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-02T10:00:00Z"), "web");
            h.write("main.tf", root("next"));
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-02T11:00:00Z"), "web again");
        }
        for (String format : new String[] {"text", "markdown"}) {
            CliRun run = CliRun.run("review", "--repo", repo.toString(), "--base", "HEAD~1", "--format", format,
                    "--fail-on", "never");
            assertThat(run.out()).as(format).contains("forward web [aws_lb_target_group.old]")
                    .contains("forward web [aws_lb_target_group.next]");
        }
    }
}

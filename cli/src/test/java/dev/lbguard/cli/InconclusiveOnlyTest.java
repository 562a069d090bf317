package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review that read everything but where a check could not decide (a health-check path computed from a variable
 * without a value changes) is incomplete, and says why in its opening and closing lines alike: not "could not read"
 * at the top and "Analysis complete" at the bottom.
 */
class InconclusiveOnlyTest {
    @TempDir
    Path temp;

    private static String main(String path) {
        return """
                variable "svc" {}
                resource "aws_lb_target_group" "web" {
                  name     = "web"
                  port     = 80
                  protocol = "HTTP"
                  health_check {
                    path = "%s"
                  }
                }
                """.formatted(path);
    }

    @Test
    void theOpeningAndClosingLinesAgree() throws Exception {
        Path repo = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(repo)) {
            h.write("main.tf", main("/${var.svc}/health"));
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T10:00:00Z"), "check");
            h.write("main.tf", main("/v2/${var.svc}/healthz"));
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T11:00:00Z"), "another check");
        }
        CliRun run = CliRun.run("review", "--repo", repo.toString(), "--base", "HEAD~1", "--no-color");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains("Analysis INCOMPLETE: everything was read, but some checks could not decide")
                .contains("inconclusive LBG012").contains("INCOMPLETE: everything was read, but 1 check could not decide")
                .doesNotContain("Analysis complete.");
    }
}

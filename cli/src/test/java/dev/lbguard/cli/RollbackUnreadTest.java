package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback whose routing lbguard cannot read whole is not proven, and says so: "PROOF FAILED" is kept for a patch
 * that applied and still leaves requests routed otherwise than at the target.
 */
class RollbackUnreadTest {
    @TempDir
    Path temp;

    private static String main(String status) {
        return """
                variable "host" {}
                resource "aws_lb" "edge" {
                  name = "edge"
                }
                resource "aws_lb_listener" "http" {
                  load_balancer_arn = aws_lb.edge.arn
                  port              = 80
                  protocol          = "HTTP"
                  default_action {
                    type = "fixed-response"
                    fixed_response {
                      content_type = "text/plain"
                      status_code  = "%s"
                    }
                  }
                }
                resource "aws_lb_listener_rule" "app" {
                  listener_arn = aws_lb_listener.http.arn
                  priority     = 10
                  condition {
                    host_header {
                      values = [var.host]
                    }
                  }
                  action {
                    type = "fixed-response"
                    fixed_response {
                      content_type = "text/plain"
                      status_code  = "200"
                    }
                  }
                }
                """.formatted(status);
    }

    @Test
    void anUnreadVariableLeavesTheRollbackNotProvenNotFailed() throws Exception {
        Path repo = temp.resolve("repo");
        RevCommit good;
        try (TestHistory h = TestHistory.init(repo)) {
            h.write("main.tf", main("404"));
            good = h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T10:00:00Z"), "edge");
            h.write("main.tf", main("503"));
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T11:00:00Z"), "503 by default");
        }
        CliRun run = CliRun.run("rollback", "--repo", repo.toString(), "--to", good.name(), "--no-color");
        assertThat(run.out()).as(run.err()).contains("NOT PROVEN").doesNotContain("PROOF FAILED")
                .contains("could not read everything");
    }

    @Test
    void aVarFilesDirectoryIsNotWhatTheRootReadsOnlyTheVarFileIs() throws Exception {
        Path repo = temp.resolve("vars");
        String main = """
                variable "code" { type = string }
                resource "aws_lb" "a" { name = "lb" }
                resource "aws_lb_listener" "l" {
                  load_balancer_arn = aws_lb.a.arn
                  port              = 80
                  protocol          = "HTTP"
                  default_action {
                    type = "fixed-response"
                    fixed_response {
                      content_type = "text/plain"
                      status_code  = var.code
                    }
                  }
                }
                """;
        RevCommit good;
        try (TestHistory h = TestHistory.init(repo)) {
            h.write("root/main.tf", main).write("env/staging.tfvars", "code = \"404\"\n")
                    .write("env/prod.tfvars", "code = \"404\"\n").write("env/notes.txt", "a\n");
            good = h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T10:00:00Z"), "c1");
            h.write("env/staging.tfvars", "code = \"503\"\n");
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T11:00:00Z"), "c2");
            h.write("env/prod.tfvars", "code = \"500\"\n").write("env/notes.txt", "b\n");
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T12:00:00Z"), "prod only");
        }
        CliRun run = CliRun.run("rollback", "--repo", repo.toString(), "--to", good.name(), "--dir", "root",
                "--var-file", repo.resolve("env/staging.tfvars").toString(), "--no-color");
        assertThat(run.out()).as(run.err()).contains("env/staging.tfvars").doesNotContain("env/prod.tfvars")
                .doesNotContain("env/notes.txt");
        CliRun timeline = CliRun.run("timeline", "--repo", repo.toString(), "--range", good.name() + "..HEAD",
                "--dir", "root", "--var-file", repo.resolve("env/staging.tfvars").toString(), "--format", "json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(timeline.out()).get("commits"))
                .as(timeline.out()).hasSize(1);
    }
}

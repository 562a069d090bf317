package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module that two root modules call, attaching a rule to a listener of another stack: each root's reading warns at
 * the module's line. At one revision that is one problem, in JSON as in text; and so is the same problem at two
 * revisions (both sides of a review, the commits of a timeline): a JSON entry carries no revision, so the entries
 * read alike (a timeline of a public repository's 1,249 commits listed 27,603 of them, 1,255 different).
 */
class JsonDiagnosticsTest {
    @TempDir
    static Path temp;
    static String repo;

    private static final String EXTERNAL = "tf-external-listener";

    @BeforeAll
    static void twoRootsCallingOneModule() throws Exception {
        Path dir = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(dir)) {
            h.write("modules/rules/main.tf", """
                    variable "host" {}
                    variable "priority" {}
                    resource "aws_lb_target_group" "app" {
                      name     = "app-${var.priority}"
                      port     = 80
                      protocol = "HTTP"
                    }
                    resource "aws_lb_listener_rule" "r" {
                      listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/50dc/f2f7"
                      priority     = var.priority
                      condition {
                        host_header {
                          values = [var.host]
                        }
                      }
                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.app.arn
                      }
                    }
                    """);
            h.write("a/main.tf", call("a", 10));
            h.write("b/main.tf", call("b", 20));
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T10:00:00Z"), "two stacks");
            h.write("b/main.tf", call("b", 30));
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T11:00:00Z"), "b moves");
        }
        repo = dir.toString();
    }

    private static String call(String root, int priority) {
        return "module \"rules\" {\n  source   = \"../modules/rules\"\n  host     = \"" + root
                + ".example.com\"\n  priority = " + priority + "\n}\n";
    }

    @Test
    void theSameProblemAtOneRevisionIsOneDiagnostic() throws Exception {
        CliRun routes = CliRun.run("routes", "--repo", repo, "--format", "json");
        assertThat(codes(routes.out())).containsOnlyOnce(EXTERNAL);
        assertThat(CliRun.run("routes", "--repo", repo).out().split(EXTERNAL, -1)).hasSize(2);
        Golden.validate(routes.out());
    }

    @Test
    void theSameProblemAtSeveralRevisionsIsOneDiagnostic() throws Exception {
        CliRun review = CliRun.run("review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD", "--format", "json");
        assertThat(codes(review.out())).filteredOn(EXTERNAL::equals).hasSize(1);
        assertThat(CliRun.run("review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD").out()
                .split(EXTERNAL, -1)).hasSize(2);
        CliRun same = CliRun.run("review", "--repo", repo, "--base", "HEAD", "--head", "HEAD", "--format", "json");
        assertThat(codes(same.out())).filteredOn(EXTERNAL::equals).hasSize(1);
        CliRun sarif = CliRun.run("review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD", "--format", "sarif");
        assertThat(sarif.out().split(EXTERNAL, -1)).hasSize(2);
        ReviewGoldenTest.validateSarif(sarif.out());
        CliRun timeline = CliRun.run("timeline", "--repo", repo, "--range", "HEAD~1..HEAD", "--format", "json",
                "--fail-on", "never");
        assertThat(codes(timeline.out())).filteredOn(EXTERNAL::equals).hasSize(1);
        Golden.validate(timeline.out());
    }

    private static List<String> codes(String json) throws Exception {
        List<String> codes = new ArrayList<>();
        for (JsonNode d : new ObjectMapper().readTree(json).path("diagnostics")) {
            codes.add(d.path("code").asText());
        }
        return codes;
    }
}

package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared {@code globals.tf} linked into each stack ({@code stacks/a/globals.tf -> ../../shared/globals.tf}): a
 * commit that changes only the shared file changes the routing of every stack that links it, in {@code timeline}
 * (whose snapshot cache keys on what a root read outside its directories), {@code review} and {@code rollback}.
 */
class LinkedFilesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;
    Path repo;
    RevCommit stacks;
    RevCommit domain;

    @BeforeEach
    void history() throws Exception {
        repo = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(repo)) {
            h.write("shared/globals.tf", "locals {\n  shop_host = \"shop.example.com\"\n}\n");
            for (String stack : new String[] {"a", "b"}) {
                h.write("stacks/" + stack + "/main.tf", stack(stack));
                Files.createSymbolicLink(repo.resolve("stacks/" + stack + "/globals.tf"),
                        Path.of("../../shared/globals.tf"));
            }
            stacks = h.commit(TestHistory.who("Ada Lovelace", "2026-03-02T10:00:00Z"), "two stacks, one domain");
            h.write("docs/README.md", "# Stacks\n");
            h.commit(TestHistory.who("Bob Byte", "2026-03-02T11:00:00Z"), "docs");
            h.write("shared/globals.tf", "locals {\n  shop_host = \"shop.example.org\"\n}\n");
            domain = h.commit(TestHistory.who("Dan Deploy", "2026-03-02T12:00:00Z"), "the new domain");
        }
    }

    @Test
    void aCommitChangingOnlyTheLinkedFileReroutesEveryStackThatLinksIt() throws Exception {
        CliRun run = CliRun.run(Map.of("LBGUARD_NOW", "2026-03-02T15:00:00Z"), "timeline", "--repo",
                repo.toString(), "--range", stacks.name() + "..HEAD", "--format", "json");
        assertThat(run.err()).isEmpty();
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("complete").asBoolean()).as(run.out()).isTrue();
        assertThat(json.get("commits")).hasSize(1);
        JsonNode commit = json.get("commits").get(0);
        assertThat(commit.get("commit").asText()).isEqualTo(domain.name());
        assertThat(commit.get("routeChanges").toString()).contains("shop-a").contains("shop-b")
                .contains("shop.example.org");
        assertThat(json.get("unrelatedCommits")).hasSize(1);
    }

    @Test
    void reviewAndRollbackFollowTheLink() throws Exception {
        CliRun review = CliRun.run("review", "--repo", repo.toString(), "--base", "HEAD~1", "--format", "json");
        assertThat(MAPPER.readTree(review.out()).get("routeChanges")).as(review.out()).hasSize(4);
        CliRun rollback = CliRun.run("rollback", "--repo", repo.toString(), "--to", stacks.name(), "--format",
                "json");
        JsonNode r = MAPPER.readTree(rollback.out());
        assertThat(r.get("patch").asText()).contains("shared/globals.tf").contains("+  shop_host = \"shop.example.com\"");
        assertThat(r.get("proof").get("restoresTarget").asBoolean()).as(rollback.out()).isTrue();
    }

    private static String stack(String name) {
        return """
                resource "aws_lb" "edge_%1$s" {
                  name               = "shop-%1$s"
                  load_balancer_type = "application"
                  subnets            = ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"]
                }

                resource "aws_lb_listener" "http_%1$s" {
                  load_balancer_arn = aws_lb.edge_%1$s.arn
                  port              = 80
                  protocol          = "HTTP"

                  default_action {
                    type = "fixed-response"

                    fixed_response {
                      content_type = "text/plain"
                      status_code  = "404"
                    }
                  }
                }

                resource "aws_lb_listener_rule" "shop_%1$s" {
                  listener_arn = aws_lb_listener.http_%1$s.arn
                  priority     = 10

                  action {
                    type = "fixed-response"

                    fixed_response {
                      content_type = "text/plain"
                      status_code  = "200"
                    }
                  }

                  condition {
                    host_header {
                      values = [local.shop_host]
                    }
                  }
                }
                """.formatted(name);
    }
}

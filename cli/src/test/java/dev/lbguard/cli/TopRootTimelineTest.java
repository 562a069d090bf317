package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root module at the top of its repository, as many public ones are: a commit that edits its README, its
 * .gitignore or its CI workflow, or adds a page to an existing docs directory, changes nothing it reads and is no
 * load-balancer change; a commit that edits a file one of its functions reads, or adds a .tf file, is one.
 */
class TopRootTimelineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;
    Path repo;
    RevCommit base;
    RevCommit paths;
    RevCommit outputs;

    private static final String MAIN = """
            locals {
              api_paths = jsondecode(file("${path.module}/config/paths.json"))
            }
            resource "aws_lb" "edge" {
              name = "edge"
            }
            resource "aws_lb_target_group" "web" {
              name = "web"
            }
            resource "aws_lb_target_group" "api" {
              name = "api"
            }
            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.edge.arn
              port              = 80
              protocol          = "HTTP"
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.web.arn
              }
            }
            resource "aws_lb_listener_rule" "api" {
              listener_arn = aws_lb_listener.http.arn
              priority     = 10
              condition {
                path_pattern {
                  values = local.api_paths
                }
              }
              action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.api.arn
              }
            }
            """;

    @BeforeEach
    void history() throws Exception {
        repo = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(repo)) {
            h.write("main.tf", MAIN).write("config/paths.json", "[\"/api/*\"]\n").write("README.md", "# Edge\n")
                    .write(".gitignore", ".terraform/\n").write(".github/workflows/ci.yml", "on: push\n")
                    .write("docs/index.md", "# Docs\n");
            base = h.commit(TestHistory.who("Ada Lovelace", "2026-03-02T10:00:00Z"), "the edge");
            h.write("README.md", "# Edge\n\nThe shop's edge load balancer.\n");
            h.commit(TestHistory.who("Bob Byte", "2026-03-02T11:00:00Z"), "readme");
            h.write(".gitignore", ".terraform/\n*.tfstate\n").write(".github/workflows/ci.yml", "on: [push]\n");
            h.commit(TestHistory.who("Bob Byte", "2026-03-02T11:30:00Z"), "ci and ignores");
            h.write("docs/guide.md", "# Guide\n");
            h.commit(TestHistory.who("Bob Byte", "2026-03-02T11:45:00Z"), "a guide");
            h.write("config/paths.json", "[\"/api/*\", \"/v2/*\"]\n");
            paths = h.commit(TestHistory.who("Dan Deploy", "2026-03-02T12:00:00Z"), "v2 to the api");
            h.write("outputs.tf", "output \"edge\" {\n  value = aws_lb.edge.name\n}\n");
            outputs = h.commit(TestHistory.who("Dan Deploy", "2026-03-02T12:30:00Z"), "an output");
        }
    }

    @Test
    void onlyCommitsThatChangeWhatTheRootReadsAreLoadBalancerChanges() throws Exception {
        CliRun run = CliRun.run(Map.of("LBGUARD_NOW", "2026-03-02T15:00:00Z"), "timeline", "--repo",
                repo.toString(), "--range", base.name() + "..HEAD", "--format", "json");
        assertThat(run.err()).isEmpty();
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("complete").asBoolean()).as(run.out()).isTrue();
        List<String> changed = new ArrayList<>();
        json.get("commits").forEach(c -> changed.add(c.get("commit").asText()));
        assertThat(changed).as(run.out()).containsExactlyInAnyOrder(paths.name(), outputs.name());
        assertThat(json.get("unrelatedCommits")).as(run.out()).hasSize(3);
        JsonNode v2 = json.get("commits").get(0);
        assertThat(v2.get("commit").asText()).isEqualTo(paths.name());
        assertThat(v2.get("routeChanges").toString()).contains("/v2/");
    }

    /**
     * fileset reads names only: editing a listed file changes nothing, while a file that comes, goes or turns into
     * a directory changes the listing (a review helper found the last one missed when only presence was compared).
     */
    @Test
    void aListedFileThatComesGoesOrTurnsIntoADirectoryChangesTheRootAndAnEditDoesNot() throws Exception {
        Path listed = temp.resolve("listed");
        RevCommit start;
        RevCommit added;
        RevCommit turned;
        try (TestHistory h = TestHistory.init(listed)) {
            h.write("main.tf", MAIN.replace("jsondecode(file(\"${path.module}/config/paths.json\"))",
                    "[for f in sort(fileset(\"${path.module}/paths\", \"*\")) : \"/${f}/*\"]"))
                    .write("paths/api", "").write("paths/b", "");
            start = h.commit(TestHistory.who("Ada Lovelace", "2026-03-02T10:00:00Z"), "paths by file name");
            h.write("paths/api", "served by the api team\n");
            h.commit(TestHistory.who("Bob Byte", "2026-03-02T11:00:00Z"), "a note in a listed file");
            h.write("paths/v2", "");
            added = h.commit(TestHistory.who("Dan Deploy", "2026-03-02T12:00:00Z"), "v2");
            h.delete("paths/b").write("paths/b/README", "now a directory\n");
            turned = h.commit(TestHistory.who("Dan Deploy", "2026-03-02T12:30:00Z"), "b is a directory");
        }
        CliRun run = CliRun.run(Map.of("LBGUARD_NOW", "2026-03-02T15:00:00Z"), "timeline", "--repo",
                listed.toString(), "--range", start.name() + "..HEAD", "--format", "json");
        assertThat(run.err()).isEmpty();
        JsonNode json = MAPPER.readTree(run.out());
        List<String> changed = new ArrayList<>();
        json.get("commits").forEach(c -> changed.add(c.get("commit").asText()));
        assertThat(changed).as(run.out()).containsExactlyInAnyOrder(added.name(), turned.name());
        assertThat(json.get("unrelatedCommits")).as(run.out()).hasSize(1);
        assertThat(run.out()).contains("/v2/*");
    }

    @Test
    void aDirGivenAtARevisionBeforeItsRootExistedHoldsNoLoadBalancersThereNotAnError() throws Exception {
        Path fresh = temp.resolve("fresh");
        RevCommit empty;
        RevCommit created;
        try (TestHistory h = TestHistory.init(fresh)) {
            h.write("README.md", "# Edge\n");
            empty = h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T10:00:00Z"), "initial commit");
            h.write("main.tf", MAIN).write("config/paths.json", "[\"/api/*\"]\n");
            created = h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T11:00:00Z"), "the edge");
        }
        CliRun review = CliRun.run("review", "--repo", fresh.toString(), "--dir", ".", "--base", empty.name(),
                "--head", created.name(), "--format", "json");
        JsonNode json = MAPPER.readTree(review.out());
        assertThat(json.get("complete").asBoolean()).as(review.out()).isTrue();
        assertThat(review.out()).doesNotContain("no-configuration");
        assertThat(json.get("routeChanges")).isNotEmpty();
        CliRun timeline = CliRun.run("timeline", "--repo", fresh.toString(), "--dir", ".", "--range",
                empty.name() + "..HEAD", "--format", "json");
        assertThat(timeline.out()).as(timeline.err()).doesNotContain("no-configuration");
        assertThat(MAPPER.readTree(timeline.out()).get("commits").get(0).get("complete").asBoolean()).isTrue();
        CliRun rollback = CliRun.run("rollback", "--repo", fresh.toString(), "--dir", ".", "--to", empty.name(),
                "--format", "json");
        assertThat(rollback.out()).as(rollback.err()).doesNotContain("no-configuration");
        assertThat(MAPPER.readTree(rollback.out()).get("proof").get("restoresTarget").asBoolean()).isTrue();
        // Holding nothing at both revisions is still a mistake worth saying.
        CliRun neither = CliRun.run("review", "--repo", fresh.toString(), "--dir", "config", "--base", empty.name(),
                "--head", created.name());
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--dir config holds no Terraform files");
    }
}

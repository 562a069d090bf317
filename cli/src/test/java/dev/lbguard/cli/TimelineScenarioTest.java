package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code timeline} over a real history: unrelated commits, a routing-neutral refactor, a misrouting commit made
 * on a branch and merged, and an unrelated commit after it. Golden reports, and the ranking, net change,
 * {@code --request} and authors asserted.
 */
class TimelineScenarioTest {
    private static final Path EXPECTED = Golden.FIXTURES.resolve("history/timeline/expected");
    private static final Path DEMO = Golden.FIXTURES.resolve("demo/history");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    Path repo;
    RevCommit start;
    RevCommit database;
    RevCommit refactor;
    RevCommit campaign;
    RevCommit runbook;
    RevCommit merge;
    RevCommit app;

    @BeforeEach
    void history() throws Exception {
        repo = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(repo)) {
            h.copy(DEMO.resolve("01-initial/tree"), "");
            start = h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T09:00:00Z"), "edge: the shop's load balancer");
            h.write("infra/database/main.tf", h.read("infra/database/main.tf") + "\n# bigger instance\n");
            database = h.commit(TestHistory.who("Bob Byte", "2026-03-02T10:00:00Z"), "database: bigger instance");
            String rules = h.read("infra/edge/rules.tf");
            int payments = rules.indexOf("resource \"aws_lb_listener_rule\" \"payments\"");
            h.write("infra/edge/rules.tf", rules.substring(0, payments).stripTrailing() + "\n");
            h.write("infra/edge/payments.tf", "# Payments get their own file.\n" + rules.substring(payments));
            refactor = h.commit(TestHistory.who("Carol Code", "2026-03-02T11:00:00Z"),
                    "edge: move the payments rule into its own file");
            h.checkout("campaign", true);
            h.write("infra/edge/rules.tf", h.read("infra/edge/rules.tf") + campaignRule());
            campaign = h.commit(TestHistory.who("Dan Deploy", "2026-03-02T12:00:00Z"), "Networking updates");
            h.checkout("main", false);
            h.write("docs/runbook.md", "# Runbook\n");
            runbook = h.commit(TestHistory.who("Bob Byte", "2026-03-02T12:30:00Z"), "docs: runbook");
            merge = h.merge("campaign", TestHistory.who("Eve Merge", "2026-03-02T13:00:00Z"),
                    "Merge branch 'campaign'");
            h.write("app/VERSION", "2.0\n");
            app = h.commit(TestHistory.who("Bob Byte", "2026-03-02T14:00:00Z"), "app: 2.0");
        }
    }

    private static String campaignRule() {
        return """

                # New landing pages for the spring campaign.
                resource "aws_lb_listener_rule" "campaign" {
                  listener_arn = aws_lb_listener.https.arn
                  priority     = 15

                  action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.svc["storefront"].arn
                  }

                  condition {
                    host_header {
                      values = ["*.${var.domain}", var.domain]
                    }
                  }
                  condition {
                    path_pattern {
                      values = ["/*"]
                    }
                  }
                }
                """;
    }

    private CliRun timeline(String... extra) {
        List<String> args = new ArrayList<>(List.of("timeline", "--repo", repo.toString(), "--no-color"));
        args.addAll(List.of(extra));
        return CliRun.run(Map.of("LBGUARD_NOW", "2026-03-02T15:00:00Z"), args.toArray(String[]::new));
    }

    @Test
    void ranksTheMergedMisroutingFirstAndListsUnrelatedCommits() throws Exception {
        CliRun run = timeline("--range", start.name() + "..HEAD", "--format", "json");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        JsonNode json = MAPPER.readTree(run.out());
        List<String> ranked = new ArrayList<>();
        json.get("commits").forEach(c -> ranked.add(c.get("commit").asText()));
        // The merge brought the misrouting to main; the refactor moved nothing and ranks after it.
        assertThat(ranked).containsExactly(merge.name(), refactor.name());
        JsonNode first = json.get("commits").get(0);
        assertThat(first.get("author").asText()).isEqualTo("Eve Merge");
        assertThat(first.get("parents")).hasSize(2);
        // The merge names the commit it brought in, whose author wrote the change.
        assertThat(first.get("mergedCommits").get(0).get("commit").asText()).isEqualTo(campaign.name());
        assertThat(first.get("mergedCommits").get(0).get("author").asText()).isEqualTo("Dan Deploy");
        assertThat(first.get("risk").asText()).isEqualTo("high");
        assertThat(first.get("routeChanges")).isNotEmpty();
        JsonNode neutral = json.get("commits").get(1);
        assertThat(neutral.get("author").asText()).isEqualTo("Carol Code");
        assertThat(neutral.get("routeChanges")).isEmpty();
        assertThat(neutral.get("risk").asText()).isEqualTo("none");
        List<String> unrelated = new ArrayList<>();
        json.get("unrelatedCommits").forEach(c -> unrelated.add(c.get("commit").asText()));
        assertThat(unrelated).containsExactly(app.name(), runbook.name(), database.name());
        // The net change of the window is the merge's change: the refactor nets out to nothing.
        assertThat(json.get("netChange").get("routeChanges")).hasSameSizeAs(first.get("routeChanges"));
        assertThat(json.get("netChange").get("base").get("commit").asText()).isEqualTo(start.name());
        assertThat(json.get("firstParent").asBoolean()).isTrue();
        Golden.check(EXPECTED.resolve("timeline.json"), run.out());
        Golden.check(EXPECTED.resolve("timeline.txt"), timeline("--range", start.name() + "..HEAD").out());
        Golden.check(EXPECTED.resolve("timeline.md"),
                timeline("--range", start.name() + "..HEAD", "--format", "markdown").out());
    }

    @Test
    void requestNarrowsToTheCommitThatBrokeCheckout() throws Exception {
        CliRun run = timeline("--since", "1d", "--request", "shop.example.com/checkout/cart",
                "--listener", "shop-edge-prod:443", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("commits")).hasSize(1);
        JsonNode broke = json.get("commits").get(0);
        assertThat(broke.get("commit").asText()).isEqualTo(merge.name());
        assertThat(broke.get("requestMoves").get(0).get("before").get("summary").asText()).contains("shop-checkout");
        assertThat(broke.get("requestMoves").get(0).get("after").get("summary").asText()).contains("shop-storefront");
        assertThat(json.get("requestUnmovedCommits").get(0).get("commit").asText()).isEqualTo(refactor.name());
        Golden.check(EXPECTED.resolve("request.txt"), timeline("--since", "1d", "--request",
                "shop.example.com/checkout/cart", "--listener", "shop-edge-prod:443").out());
    }

    @Test
    void aRangeFromAMergedBranchReviewsEachCommitAgainstItsFirstParent() throws Exception {
        // The campaign commit is not on main's first-parent line: the window is runbook, merge, app, and the
        // merge must be reviewed against runbook (without the campaign rule), not against the campaign commit.
        CliRun run = timeline("--range", campaign.name() + "..HEAD", "--format", "json");
        assertThat(run.err()).isEmpty();
        JsonNode json = MAPPER.readTree(run.out());
        List<String> ranked = new ArrayList<>();
        json.get("commits").forEach(c -> ranked.add(c.get("commit").asText()));
        assertThat(ranked).containsExactly(merge.name());
        assertThat(json.get("commits").get(0).get("routeChanges")).isNotEmpty();
        List<String> unrelated = new ArrayList<>();
        json.get("unrelatedCommits").forEach(c -> unrelated.add(c.get("commit").asText()));
        assertThat(unrelated).containsExactly(app.name(), runbook.name());
        // From the campaign commit to HEAD the rules are the same: the net change is none.
        assertThat(json.get("netChange").get("base").get("commit").asText()).isEqualTo(campaign.name());
        assertThat(json.get("netChange").get("routeChanges")).isEmpty();
    }

    @Test
    void aRangeGivenNewestFirstSaysWhichComesFirstAndShowsNothing() {
        CliRun run = timeline("--range", "HEAD.." + refactor.name());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("is an ancestor of HEAD").contains("--range " + refactor.name() + "..HEAD");
        CliRun same = timeline("--range", "HEAD..HEAD", "--format", "json");
        assertThat(same.exitCode()).as(same.err()).isZero();
    }

    @Test
    void anUntilBeforeTheSinceIsAnError() {
        CliRun run = timeline("--since", "2h", "--until", "1d");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--until 1d is before --since 2h");
    }

    @Test
    void aRequestNoCommitMovedNamesNoCommit() throws Exception {
        CliRun run = timeline("--range", start.name() + "..HEAD", "--request", "api.shop.example.com/v1/orders",
                "--format", "json");
        assertThat(MAPPER.readTree(run.out()).get("commits")).isEmpty();
    }

    @Test
    void shallowCloneMissingTheWindowSaysHowToFetchItAndShowsNothing() throws Exception {
        Path clone = temp.resolve("shallow");
        Git.cloneRepository().setURI(repo.toUri().toString()).setDirectory(clone.toFile()).setDepth(1).call().close();
        for (String[] window : List.of(new String[] {"--since", "1d"}, new String[] {"--range", "HEAD~3..HEAD"},
                new String[] {"--range", start.name() + "..HEAD"})) {
            List<String> args = new ArrayList<>(List.of("timeline", "--repo", clone.toString()));
            args.addAll(List.of(window));
            CliRun run = CliRun.run(Map.of("LBGUARD_NOW", "2026-03-02T15:00:00Z"), args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", window) + "\n" + run.err()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("shallow").contains("fetch-depth: 0").contains("git fetch --deepen");
        }
    }
}

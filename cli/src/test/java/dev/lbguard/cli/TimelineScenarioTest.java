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

    /** The real git checks the patch against the work tree, as a user's git apply would. */
    private void assertGitApplies(Path patch) throws Exception {
        Process apply = new ProcessBuilder("git", "-C", repo.toString(), "apply", "--check", patch.toString())
                .redirectErrorStream(true).start();
        String out = new String(apply.getInputStream().readAllBytes());
        assertThat(apply.waitFor()).as(out).isZero();
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

    /**
     * Every commit is judged by the policy file at the end of the window: a live waiver keeps a finding listed but
     * out of the exit code and the risk, a severity override and a disabled rule apply to each commit, an expired
     * waiver waives nothing.
     */
    @Test
    void thePolicyFileJudgesEveryCommitWithItsWaiversAndSeverities() throws Exception {
        Path policy = temp.resolve("policy.yml");
        java.nio.file.Files.writeString(policy, """
                version: 1
                waivers:
                  - rule: LBG002
                    element: aws_lb_listener_rule.campaign
                    reason: "campaign approved in #1234"
                    expires: 2099-01-31
                rules:
                  LBG004: {enabled: false}
                """);
        CliRun waived = timeline("--range", start.name() + "..HEAD", "--policy", policy.toString(), "--format",
                "json");
        assertThat(waived.err()).isEmpty();
        assertThat(waived.exitCode()).as(waived.out()).isEqualTo(0);
        JsonNode json = MAPPER.readTree(waived.out());
        JsonNode merged = json.get("commits").get(0);
        assertThat(merged.get("commit").asText()).isEqualTo(merge.name());
        List<String> ids = new ArrayList<>();
        merged.get("findings").forEach(f -> ids.add(f.get("id").asText()));
        assertThat(ids).containsExactly("LBG002");
        assertThat(merged.get("findings").get(0).get("waiver").get("reason").asText())
                .isEqualTo("campaign approved in #1234");
        assertThat(merged.get("risk").asText()).isNotEqualTo("high");
        assertThat(json.get("policy")).isNotNull();
        Golden.validate(waived.out());
        assertThat(timeline("--range", start.name() + "..HEAD", "--policy", policy.toString()).out())
                .contains("LBG004 disabled").contains("waived until 2099-01-31: campaign approved in #1234");

        java.nio.file.Files.writeString(policy, """
                version: 1
                waivers:
                  - rule: LBG002
                    element: aws_lb_listener_rule.campaign
                    reason: "campaign approved in #1234"
                    expires: 2026-01-31
                rules:
                  LBG002: {severity: critical}
                """);
        CliRun expired = timeline("--range", start.name() + "..HEAD", "--policy", policy.toString(), "--format",
                "json");
        assertThat(expired.exitCode()).as(expired.out()).isEqualTo(1);
        JsonNode first = MAPPER.readTree(expired.out()).get("commits").get(0);
        assertThat(first.get("risk").asText()).isEqualTo("critical");
        assertThat(first.get("findings").findValues("waiver")).isEmpty();
    }

    /**
     * A commit's review covers the root modules it changed; its invariants are judged on all of them. Moving the
     * load balancer to another root (copy, then delete the old one) breaks no invariant, though the commit that
     * deletes the old root, compared over that root alone, loses the load balancer.
     */
    @Test
    void movingTheLoadBalancerToAnotherRootBreaksNoInvariant() throws Exception {
        Path moved = temp.resolve("moved");
        Path tree = DEMO.resolve("01-initial/tree");
        RevCommit first;
        try (TestHistory h = TestHistory.init(moved)) {
            h.copy(tree, "");
            h.write("lbguard.yml", """
                    version: 1
                    invariants:
                      - name: payments reach payments
                        listener: shop-edge-prod:443
                        request: {host: shop.example.com, path: /payments/pay, method: POST}
                        expect: {forward: shop-payments}
                    """);
            first = h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T09:00:00Z"), "edge and its policy");
            h.copy(tree.resolve("infra/edge"), "infra/edge-v2");
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T10:00:00Z"), "edge: the new stack");
            for (String f : List.of("lb.tf", "rules.tf", "target_groups.tf", "variables.tf")) {
                h.delete("infra/edge/" + f);
            }
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T11:00:00Z"), "edge: retire the old stack");
        }
        CliRun run = CliRun.run(Map.of("LBGUARD_NOW", "2026-03-02T00:00:00Z"), "timeline", "--repo",
                moved.toString(), "--range", first.name() + "..HEAD", "--fail-on", "never", "--format", "json");
        assertThat(run.err()).isEmpty();
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("commits")).hasSize(2);
        assertThat(json.findValuesAsText("id")).doesNotContain("LBG016");
    }

    /** In an incident the policy file never holds the answer up: one lbguard cannot read is said, and judges nothing. */
    @Test
    void aPolicyFileThatCannotBeReadIsSaidAndDoesNotStopTimelineOrRollback() throws Exception {
        try (TestHistory h = TestHistory.reopen(repo)) {
            h.write("lbguard.yml", "version: 1\ninvariantz: []\n");
            h.commit(TestHistory.who("Bob Byte", "2026-03-02T14:00:00Z"), "policy: a typo");
        }
        CliRun timeline = timeline("--range", start.name() + "..HEAD");
        assertThat(timeline.exitCode()).as(timeline.err()).isEqualTo(1);
        assertThat(timeline.out()).contains("the policy file cannot be read").contains("lbguard.yml:2");
        CliRun rollback = CliRun.run("rollback", "--repo", repo.toString(), "--to", start.name(), "--fail-on",
                "never");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("the policy file cannot be read");
        // Following one of its invariants needs it, though.
        assertThat(timeline("--range", start.name() + "..HEAD", "--invariant", "x").exitCode()).isEqualTo(2);
    }

    /** A root module at the repository root covers its top-level files, but never the policy file that judges. */
    @Test
    void aRollbackOfARootModuleAtTheTopLeavesThePolicyFileAsItIs() throws Exception {
        Path top = temp.resolve("top");
        RevCommit target;
        try (TestHistory h = TestHistory.init(top)) {
            h.copy(DEMO.resolve("01-initial/tree/infra/edge"), "");
            target = h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T09:00:00Z"), "edge at the top");
            h.write("lbguard.yml", """
                    version: 1
                    invariants:
                      - name: checkout reaches checkout
                        listener: shop-edge-prod:443
                        request: {host: shop.example.com, path: /checkout/pay, method: POST}
                        expect: {forward: shop-checkout}
                    """);
            h.write("rules.tf", h.read("rules.tf").replace("priority     = 20", "priority     = 21"));
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T10:00:00Z"), "edge: checkout at 21, and a policy");
        }
        CliRun run = CliRun.run("rollback", "--repo", top.toString(), "--to", target.name(), "--fail-on", "never",
                "--format", "json");
        assertThat(run.err()).isEmpty();
        JsonNode json = MAPPER.readTree(run.out());
        List<String> files = new ArrayList<>();
        json.get("files").forEach(f -> files.add(f.asText()));
        assertThat(files).contains("rules.tf").doesNotContain("lbguard.yml");
        assertThat(json.get("proof").get("restoresTarget").asBoolean()).isTrue();
    }

    /** Going back must keep today's promises: HEAD's invariants judge the rollback, and breaking one is a finding. */
    @Test
    void aRollbackThatBreaksAnInvariantOfHeadIsAFinding() throws Exception {
        Path policy = temp.resolve("policy.yml");
        java.nio.file.Files.writeString(policy, """
                version: 1
                invariants:
                  - name: the campaign takes the cart
                    listener: shop-edge-prod:443
                    request: {host: shop.example.com, path: /checkout/cart}
                    expect: {forward: shop-storefront}
                    severity: critical
                """);
        CliRun run = CliRun.run("rollback", "--repo", repo.toString(), "--to", start.name(), "--policy",
                policy.toString(), "--format", "json");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        Golden.validate(run.out());
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("proof").get("restoresTarget").asBoolean()).isTrue();
        assertThat(json.get("risk").asText()).isEqualTo("critical");
        assertThat(json.get("policy").get("file").asText()).isEqualTo(policy.toString());
        List<String> ids = new ArrayList<>();
        json.get("findings").forEach(f -> ids.add(f.get("id").asText()));
        assertThat(ids).contains("LBG016");
        assertThat(CliRun.run("rollback", "--repo", repo.toString(), "--to", start.name(), "--policy",
                policy.toString(), "--format", "markdown").out()).contains("LBG016")
                .contains("the campaign takes the cart");
        CliRun without = CliRun.run("rollback", "--repo", repo.toString(), "--to", start.name(), "--format", "json");
        assertThat(MAPPER.readTree(without.out()).get("findings").findValuesAsText("id")).doesNotContain("LBG016");
    }

    /**
     * The demo's history with an invariant written at its first commit, then: a fix after the campaign broke it, a
     * rule whose host lbguard cannot read (the invariant undecided), and that rule's host filled in together with
     * the campaign rule back before checkout (failing again, but not broken by that commit: it was undecided).
     */
    @Test
    void invariantNamesTheCommitThatBrokeItAndTheOneAfterWhichItPassesAgainNeverTakingUnknownForAPass()
            throws Exception {
        Path policyRepo = temp.resolve("policy-history");
        List<RevCommit> demo = new ArrayList<>();
        RevCommit fix;
        RevCommit preview;
        RevCommit campaignAgain;
        try (TestHistory h = TestHistory.init(policyRepo)) {
            try (var steps = java.nio.file.Files.list(DEMO)) {
                for (Path step : steps.sorted().toList()) {
                    java.util.Properties meta = new java.util.Properties();
                    try (var in = java.nio.file.Files.newInputStream(step.resolve("commit.properties"))) {
                        meta.load(in);
                    }
                    h.copy(step.resolve("tree"), "");
                    // This test's own policy at every commit, in place of the one the demo writes at its second.
                    h.write("lbguard.yml", """
                            version: 1
                            invariants:
                              - name: checkout reaches checkout
                                listener: shop-edge-prod:443
                                request: {host: shop.example.com, path: /checkout/pay, method: POST}
                                expect: {forward: shop-checkout}
                              - name: api reaches api
                                listener: shop-edge-prod:443
                                request: {host: api.shop.example.com, path: /v1/orders}
                                expect: {forward: shop-api}
                            """);
                    demo.add(h.commit(TestHistory.who(meta.getProperty("author"), meta.getProperty("date")),
                            meta.getProperty("message")));
                }
            }
            String rules = h.read("infra/edge/rules.tf");
            h.write("infra/edge/rules.tf", rules.replace("priority     = 15", "priority     = 50"));
            fix = h.commit(TestHistory.who("Fay Fixer", "2026-11-24T17:00:00Z"), "edge: campaign after checkout");
            h.write("infra/edge/preview.tf", """
                    variable "preview_host" {
                      type = string
                    }

                    resource "aws_lb_listener_rule" "preview" {
                      listener_arn = aws_lb_listener.https.arn
                      priority     = 5

                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.svc["storefront"].arn
                      }

                      condition {
                        host_header {
                          values = [var.preview_host]
                        }
                      }
                      condition {
                        path_pattern {
                          values = ["/checkout/*"]
                        }
                      }
                    }
                    """);
            preview = h.commit(TestHistory.who("Pia Preview", "2026-11-24T17:30:00Z"), "edge: preview host");
            h.write("infra/edge/preview.tf", h.read("infra/edge/preview.tf")
                    .replace("[var.preview_host]", "[\"preview.shop.example.com\"]"));
            h.write("infra/edge/rules.tf", rules);
            campaignAgain = h.commit(TestHistory.who("Mallory Byte", "2026-11-24T18:00:00Z"),
                    "edge: preview on its own host; campaign back at 15");
        }
        String window = demo.get(0).name() + "..HEAD";
        CliRun run = CliRun.run(Map.of("LBGUARD_NOW", "2026-11-25T00:00:00Z"), "timeline", "--repo",
                policyRepo.toString(), "--range", window, "--invariant", "checkout reaches checkout", "--fail-on",
                "never", "--format", "json");
        assertThat(run.err()).isEmpty();
        // The invariant was undecided after one commit: which commit broke it is not certain everywhere.
        assertThat(run.exitCode()).as(run.out()).isEqualTo(3);
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("complete").asBoolean()).isFalse();
        JsonNode inv = json.get("invariant");
        assertThat(inv.get("name").asText()).isEqualTo("checkout reaches checkout");
        assertThat(inv.get("start").get("status").asText()).isEqualTo("passed");
        assertThat(inv.get("end").get("status").asText()).isEqualTo("failed");
        RevCommit networking = demo.get(3);
        assertThat(inv.get("brokenBy").asText()).isEqualTo(networking.name());
        assertThat(inv.get("passesAgainAt").asText()).isEqualTo(fix.name());
        List<String> trail = new ArrayList<>();
        inv.get("transitions").forEach(t -> trail.add(t.get("commit").asText().substring(0, 7) + " "
                + t.get("before").get("status").asText() + "->" + t.get("after").get("status").asText() + " "
                + t.get("change").asText() + " " + t.get("broke").asBoolean()));
        assertThat(trail).containsExactly(
                networking.name().substring(0, 7) + " passed->failed broke it true",
                fix.name().substring(0, 7) + " failed->passed passes again false",
                preview.name().substring(0, 7) + " passed->unknown undecided false",
                // Failing after an unknown is not a break by this commit: the unknown was never a pass.
                campaignAgain.name().substring(0, 7) + " unknown->failed fails false");
        JsonNode broke = inv.get("transitions").get(0);
        assertThat(broke.get("author").asText()).isEqualTo("Mallory Byte");
        assertThat(broke.get("before").get("rule").asText()).isEqualTo("aws_lb_listener_rule.checkout");
        assertThat(broke.get("after").get("actual").asText()).isEqualTo("forward shop-storefront");
        assertThat(broke.get("after").get("rule").asText()).isEqualTo("aws_lb_listener_rule.campaign");
        assertThat(broke.get("after").get("ruleLocation").get("file").asText()).isEqualTo("infra/edge/rules.tf");
        assertThat(broke.get("after").get("ruleLocation").get("line").asInt()).isEqualTo(
                lineOf(networking, policyRepo, "infra/edge/rules.tf", "resource \"aws_lb_listener_rule\" \"campaign\""));
        assertThat(inv.get("transitions").get(2).get("after").get("actual").asText()).contains("preview_host");
        // Ranked: the commits that changed the invariant's result; the other load-balancer commits apart.
        List<String> ranked = new ArrayList<>();
        json.get("commits").forEach(c -> ranked.add(c.get("commit").asText()));
        assertThat(ranked).containsExactlyInAnyOrder(networking.name(), fix.name(), preview.name(),
                campaignAgain.name());
        assertThat(json.get("commits").get(0).get("invariant").get("before")).isNotNull();
        List<String> unchanged = new ArrayList<>();
        json.get("invariantUnchangedCommits").forEach(c -> unchanged.add(c.get("commit").asText()));
        assertThat(unchanged).containsExactlyInAnyOrder(demo.get(1).name(), demo.get(4).name());
        Golden.check(EXPECTED.resolve("invariant.json"), run.out());
        Golden.check(EXPECTED.resolve("invariant.txt"), CliRun.run(Map.of("LBGUARD_NOW", "2026-11-25T00:00:00Z"),
                "timeline", "--repo", policyRepo.toString(), "--range", window, "--invariant",
                "checkout reaches checkout", "--no-color").out());
        Golden.check(EXPECTED.resolve("invariant.md"), CliRun.run(Map.of("LBGUARD_NOW", "2026-11-25T00:00:00Z"),
                "timeline", "--repo", policyRepo.toString(), "--range", window, "--invariant",
                "checkout reaches checkout", "--format", "markdown").out());

        CliRun unknown = CliRun.run("timeline", "--repo", policyRepo.toString(), "--range", window, "--invariant",
                "checkout works");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("--invariant 'checkout works' is no invariant of lbguard.yml")
                .contains("'checkout reaches checkout', 'api reaches api'");
        CliRun both = CliRun.run("timeline", "--repo", policyRepo.toString(), "--range", window, "--invariant",
                "api reaches api", "--request", "api.shop.example.com/v1/orders");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give --request or --invariant, not both");
    }

    /** The 1-based line of the first line of {@code path} at {@code commit} that starts with {@code prefix}. */
    private static int lineOf(RevCommit commit, Path repoDir, String path, String prefix) throws Exception {
        try (Git git = Git.open(repoDir.toFile());
             org.eclipse.jgit.treewalk.TreeWalk walk = org.eclipse.jgit.treewalk.TreeWalk.forPath(git.getRepository(),
                     path, commit.getTree())) {
            String text = new String(git.getRepository().open(walk.getObjectId(0)).getBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    return i + 1;
                }
            }
            throw new AssertionError(prefix + " is not in " + path);
        }
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
    void anAgeWithoutItsUnitOrWithAnUnknownOneIsAnErrorNotARevision() {
        for (String when : List.of("13", "1y", "2H", "3 days")) {
            CliRun run = timeline("--since", when);
            assertThat(run.exitCode()).as(when).isEqualTo(2);
            assertThat(run.err()).as(when).contains("give an age with its unit (30m, 2h, 1d, 1w)");
        }
        assertThat(timeline("--since", start.name().substring(0, 7), "--format", "json").exitCode()).isIn(0, 1);
    }

    @Test
    void anUntilBeforeTheSinceIsAnError() {
        CliRun run = timeline("--since", "2h", "--until", "1d");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--until 1d is before --since 2h");
    }

    @Test
    void aCommitToOneStackIsComparedWithTheOtherStacksOnItsSharedListener() throws Exception {
        // Two root modules hang rules on one platform listener; the commit changes only cart, whose widened rule
        // takes orders.shop.test from the unchanged orders stack. Compared alone, cart would only gain hosts nobody
        // took: the move is seen only with both stacks on the listener, as review sees it.
        Path scenario = Golden.FIXTURES.resolve("scenarios/shared-listener-two-stacks");
        RevCommit widened;
        try (TestHistory h = TestHistory.init(repo)) {
            h.copy(scenario.resolve("base"), "platform-stacks");
            h.commit(TestHistory.who("Ops", "2026-03-03T09:00:00Z"), "two stacks on the platform listener");
            h.copy(scenario.resolve("head/cart"), "platform-stacks/cart");
            widened = h.commit(TestHistory.who("Cart Team", "2026-03-03T10:00:00Z"), "cart: take every shop host");
        }
        CliRun json = timeline("--range", app.name() + "..HEAD", "--format", "json");
        JsonNode report = MAPPER.readTree(json.out());
        JsonNode entry = null;
        for (JsonNode c : report.get("commits")) {
            if (c.get("commit").asText().equals(widened.name())) {
                entry = c;
            }
        }
        assertThat(entry).as(json.out()).isNotNull();
        assertThat(entry.get("routeChanges").toString()).contains("orders.shop.test");
    }

    @Test
    void aStackInJsonSyntaxIsReadAndACommitThatChangesItsRoutesIsRanked() throws Exception {
        // CDK for Terraform writes cdk.tf.json: its commits are read as native ones are, so a timeline shows the
        // synth that moved requests, and the one that only renumbered a lone rule as a change that moved none.
        RevCommit first;
        RevCommit second;
        try (TestHistory h = TestHistory.init(repo)) {
            String stack = """
                    {"resource": {"aws_lb_listener_rule": {"beta": {
                      "listener_arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/50dc6c495c0c9188/f2f7dc8efc522ab2",
                      "priority": %d,
                      "action": [{"type": "fixed-response", "fixed_response": {"content_type": "text/plain", "status_code": "503"}}],
                      "condition": [{"path_pattern": [{"values": ["/beta/*"]}]}]
                    }}}}
                    """;
            h.write("stacks/edge/cdk.tf.json", stack.formatted(5));
            first = h.commit(TestHistory.who("Cdk Bot", "2026-03-02T14:10:00Z"), "synth: beta rule");
            h.write("stacks/edge/cdk.tf.json", stack.formatted(6));
            second = h.commit(TestHistory.who("Cdk Bot", "2026-03-02T14:20:00Z"), "synth: beta rule priority");
        }
        CliRun json = timeline("--range", app.name() + "..HEAD", "--format", "json");
        JsonNode report = MAPPER.readTree(json.out());
        assertThat(report.get("complete").asBoolean()).as(json.out()).isTrue();
        assertThat(json.out()).doesNotContain("tf-json-not-read");
        Map<String, Integer> routeChanges = new java.util.HashMap<>();
        report.get("commits").forEach(c -> routeChanges.put(c.get("commit").asText(), c.get("routeChanges").size()));
        assertThat(routeChanges).containsOnlyKeys(first.name(), second.name());
        assertThat(routeChanges.get(first.name())).isPositive();
        assertThat(routeChanges.get(second.name())).isZero();
        assertThat(report.get("unrelatedCommits")).isEmpty();
    }

    @Test
    void anAnsibleHaproxyChangeIsACommitThatMovedRequestsAndRollsBack() throws Exception {
        String template = "ops/haproxy/roles/haproxy/templates/haproxy.cfg.j2";
        RevCommit reports;
        try (TestHistory h = TestHistory.init(repo)) {
            h.write(template, h.read(template).replace("use_backend be_reports if", "use_backend be_warehouse if"));
            reports = h.commit(TestHistory.who("Ops Person", "2026-03-02T14:30:00Z"), "haproxy: tidy the backends");
        }
        CliRun run = timeline("--range", app.name() + "..HEAD", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("commits")).hasSize(1);
        assertThat(json.get("commits").get(0).get("commit").asText()).isEqualTo(reports.name());
        assertThat(json.get("commits").get(0).get("modules").get(0).asText()).isEqualTo("ops/haproxy");
        assertThat(json.get("commits").get(0).get("routeChanges")).isNotEmpty();
        assertThat(json.get("netChange").get("routeChanges")).isNotEmpty();

        CliRun rollback = CliRun.run("rollback", "--repo", repo.toString(), "--to", app.name(), "--format", "json");
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isIn(0, 1);
        JsonNode r = MAPPER.readTree(rollback.out());
        assertThat(r.get("patch").asText()).contains("+    use_backend be_reports if path_reports");
        assertThat(r.get("routeChanges")).isNotEmpty();
    }

    @Test
    void aRollbackThatDeletesARootAddedSinceTheTargetProvesItself() throws Exception {
        try (TestHistory h = TestHistory.init(repo)) {
            h.write("infra/other/main.tf", """
                    resource "aws_lb" "other" {
                      name    = "other"
                      subnets = ["subnet-a", "subnet-b"]
                    }
                    """);
            h.commit(TestHistory.who("Ada Lovelace", "2026-03-02T14:40:00Z"), "other: a second load balancer");
        }
        CliRun run = CliRun.run("rollback", "--repo", repo.toString(), "--to", app.name(), "--format", "json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isIn(0, 1);
        JsonNode r = MAPPER.readTree(run.out());
        assertThat(r.get("proof").get("restoresTarget").asBoolean()).as(run.out()).isTrue();
        assertThat(r.get("patch").asText()).contains("deleted file mode").contains("infra/other/main.tf");
    }

    @Test
    void aCommittedVarFileIsReadAtEachRevisionSoChangingItIsARoutingChange() throws Exception {
        RevCommit prod;
        RevCommit moved;
        try (TestHistory h = TestHistory.init(repo)) {
            h.write("envs/prod.tfvars", "domain = \"shop.example.com\"\n");
            prod = h.commit(TestHistory.who("Ada Lovelace", "2026-03-02T14:40:00Z"), "envs: prod variables");
            h.write("envs/prod.tfvars", "domain = \"shop.example.org\"\n");
            moved = h.commit(TestHistory.who("Dan Deploy", "2026-03-02T14:50:00Z"), "envs: the new domain");
        }
        String varFile = repo.resolve("envs/prod.tfvars").toString();
        JsonNode json = MAPPER.readTree(timeline("--range", prod.name() + "..HEAD", "--var-file", varFile,
                "--format", "json").out());
        assertThat(json.get("commits")).hasSize(1);
        assertThat(json.get("commits").get(0).get("commit").asText()).isEqualTo(moved.name());
        assertThat(json.get("commits").get(0).get("routeChanges")).isNotEmpty();
        CliRun review = CliRun.run("review", "--repo", repo.toString(), "--base", "HEAD~1", "--var-file", varFile,
                "--format", "json");
        assertThat(MAPPER.readTree(review.out()).get("routeChanges")).as(review.out()).isNotEmpty();
        // The same repository reached through a symbolic link is the same repository.
        Path link = java.nio.file.Files.createSymbolicLink(temp.resolve("link"), repo);
        CliRun linked = CliRun.run("review", "--repo", link.toString(), "--base", "HEAD~1", "--var-file", varFile,
                "--format", "json");
        assertThat(MAPPER.readTree(linked.out()).get("routeChanges")).as(linked.out()).isNotEmpty();
        CliRun rollback = CliRun.run("rollback", "--repo", repo.toString(), "--to", prod.name(), "--var-file",
                varFile, "--format", "json");
        JsonNode r = MAPPER.readTree(rollback.out());
        assertThat(r.get("patch").asText()).contains("+domain = \"shop.example.com\"");
        assertThat(r.get("proof").get("restoresTarget").asBoolean()).as(rollback.out()).isTrue();
    }

    @Test
    void aRollbackOverCrlfAndBinaryFilesAppliesWithGitAndNamesWhatItLeaves() throws Exception {
        String variables = "infra/edge/variables.tf";
        RevCommit crlf;
        try (TestHistory h = TestHistory.init(repo)) {
            h.write(variables, h.read(variables).replace("\n", "\r\n"));
            java.nio.file.Files.write(repo.resolve("infra/edge/logo.bin"), new byte[] {'B', 0, 1, 2});
            crlf = h.commit(TestHistory.who("Win Dows", "2026-03-02T14:40:00Z"), "edge: CRLF, and a logo");
            h.write(variables, h.read(variables).replace("shop.example.com", "shop.example.org"));
            java.nio.file.Files.write(repo.resolve("infra/edge/logo.bin"), new byte[] {'B', 0, 3, 4});
            h.commit(TestHistory.who("Dan Deploy", "2026-03-02T14:50:00Z"), "edge: the new domain");
        }
        CliRun run = CliRun.run("rollback", "--repo", repo.toString(), "--to", crlf.name(), "--no-color",
                "--fail-on", "never");
        // JGit cannot check a patch of CRLF files in memory: the rollback says so rather than claim a proof.
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        // Its review's findings come first, as for every command.
        assertThat(CliRun.run("rollback", "--repo", repo.toString(), "--to", crlf.name(), "--no-color").exitCode())
                .isEqualTo(1);
        assertThat(run.out()).contains("NOT PROVEN").contains("git checkout " + crlf.name().substring(0, 12)
                + " -- infra/edge/logo.bin");
        Path patch = temp.resolve("rollback.patch");
        java.nio.file.Files.writeString(patch, run.out());
        assertGitApplies(patch);
    }

    @Test
    void aSensitiveHeaderIsHiddenInEveryReportButTheRollbackPatchCarriesItToApply() throws Exception {
        String secret = "S3CR3T-Origin-Verify";
        RevCommit guarded;
        try (TestHistory h = TestHistory.init(repo)) {
            h.write("infra/edge/origin.tf", """
                    variable "origin_secret" {
                      type      = string
                      sensitive = true
                      default   = "%s"
                    }

                    resource "aws_lb_listener_rule" "origin" {
                      listener_arn = aws_lb_listener.https.arn
                      priority     = 5
                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.svc["storefront"].arn
                      }
                      condition {
                        http_header {
                          http_header_name = "X-Origin-Verify"
                          values           = [var.origin_secret]
                        }
                      }
                    }
                    """.formatted(secret));
            guarded = h.commit(TestHistory.who("Ada Lovelace", "2026-03-02T14:40:00Z"), "edge: only the CDN");
            h.delete("infra/edge/origin.tf");
            h.commit(TestHistory.who("Dan Deploy", "2026-03-02T14:50:00Z"), "edge: drop the origin check");
        }
        StringBuilder reports = new StringBuilder();
        for (String format : List.of("text", "markdown", "json")) {
            CliRun review = CliRun.run("review", "--repo", repo.toString(), "--base", "HEAD~1", "--format", format);
            if (format.equals("json")) {
                JsonNode json = MAPPER.readTree(review.out()); // still a JSON document
                assertThat(json.get("routeChanges")).isNotEmpty();
            }
            reports.append(review.out());
            reports.append(timeline("--range", app.name() + "..HEAD", "--format", format).out());
            if (!format.equals("text")) {
                reports.append(CliRun.run("rollback", "--repo", repo.toString(), "--to", guarded.name(), "--format",
                        format).out().replaceAll("\"patch\" : \"(\\\\.|[^\"\\\\])*\"", "\"patch\" : \"\""));
            }
        }
        // Examples show header values as sent, in lower case: hidden in any case.
        assertThat(reports.toString().toLowerCase(java.util.Locale.ROOT)).doesNotContain(secret.toLowerCase(java.util.Locale.ROOT));
        CliRun rollback = CliRun.run("rollback", "--repo", repo.toString(), "--to", guarded.name(), "--no-color");
        String head = rollback.out().substring(0, rollback.out().indexOf("diff --git"));
        assertThat(head.toLowerCase(java.util.Locale.ROOT)).doesNotContain(secret.toLowerCase(java.util.Locale.ROOT))
                .contains("carries sensitive values");
        assertThat(rollback.out()).contains("+  default   = \"" + secret + "\"");
        Path patch = temp.resolve("origin.patch");
        java.nio.file.Files.writeString(patch, rollback.out());
        assertGitApplies(patch);
        assertThat(CliRun.run("rollback", "--repo", repo.toString(), "--to", guarded.name(), "--format", "markdown")
                .out()).contains("so it is not shown here");
    }

    @Test
    void aChangeThatDeletesTheLastLoadBalancerIsReviewedNotRefused() throws Exception {
        try (TestHistory h = TestHistory.init(repo)) {
            for (String f : List.of("lb.tf", "rules.tf", "target_groups.tf", "variables.tf", "payments.tf")) {
                h.delete("infra/edge/" + f);
            }
            h.delete("ops/haproxy/site.yml");
            h.commit(TestHistory.who("Dan Deploy", "2026-03-02T14:40:00Z"), "networking updates");
        }
        CliRun review = CliRun.run("review", "--repo", repo.toString(), "--base", "HEAD~1", "--format", "json");
        assertThat(review.exitCode()).as(review.err()).isEqualTo(1);
        JsonNode json = MAPPER.readTree(review.out());
        assertThat(json.get("routeChanges")).isNotEmpty();
        assertThat(json.get("risk").asText()).isIn("high", "critical");
        CliRun none = CliRun.run("review", "--repo", repo.toString(), "--base", "HEAD", "--head", "HEAD",
                "--dir", "infra/nowhere");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--dir infra/nowhere holds no Terraform files, Ansible playbook or HAProxy config at HEAD or at HEAD");
    }

    @Test
    void aFileAnAnsibleTreeReadsFromOutsideItsDirectoryIsWatched() throws Exception {
        // The inventory lives beside the tree (ansible.cfg: inventory = ../hosts.ini); a commit changing only it
        // changes the tree's routing, and must not be listed as touching no load-balancer definition.
        RevCommit moved;
        try (TestHistory h = TestHistory.init(repo)) {
            h.delete("ops/haproxy/inventory.ini");
            h.write("ops/haproxy/ansible.cfg", "[defaults]\ninventory = ../hosts.ini\n");
            h.write("ops/hosts.ini", "[ops_lb]\nops-lb1.shop.internal\n\n[ops_lb:vars]\nhaproxy_frontend_port=8080\n");
            String vars = "ops/haproxy/group_vars/ops_lb.yml";
            h.write(vars, h.read(vars).replace("haproxy_frontend_port: 8080\n", ""));
            h.commit(TestHistory.who("Ops Person", "2026-03-02T14:40:00Z"), "ops: the inventory moves up");
            h.write("ops/hosts.ini", h.read("ops/hosts.ini").replace("=8080", "=9090"));
            moved = h.commit(TestHistory.who("Ops Person", "2026-03-02T14:50:00Z"), "ops: a new port");
        }
        JsonNode json = MAPPER.readTree(timeline("--range", "HEAD~1..HEAD", "--format", "json").out());
        assertThat(json.get("unrelatedCommits")).isEmpty();
        assertThat(json.get("commits").get(0).get("commit").asText()).isEqualTo(moved.name());
        assertThat(json.get("commits").get(0).get("resourceChanges").toString()).contains("9090");
        JsonNode rollback = MAPPER.readTree(CliRun.run("rollback", "--repo", repo.toString(), "--to", "HEAD~1",
                "--format", "json").out());
        assertThat(rollback.get("files").toString()).contains("ops/hosts.ini");
        assertThat(rollback.get("proof").get("restoresTarget").asBoolean()).isTrue();
    }

    @Test
    void dirIsNormalisedAndOneThatIsNowhereIsAnError() throws Exception {
        CliRun plain = timeline("--range", start.name() + "..HEAD", "--dir", "infra/edge", "--format", "json");
        CliRun spelled = timeline("--range", start.name() + "..HEAD", "--dir", "./infra/edge/", "--format", "json");
        assertThat(MAPPER.readTree(plain.out()).get("commits")).hasSize(2);
        assertThat(spelled.out()).isEqualTo(plain.out());
        CliRun typo = timeline("--range", start.name() + "..HEAD", "--dir", "infra/egde");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("--dir infra/egde holds no Terraform files");
        CliRun rollback = CliRun.run("rollback", "--repo", repo.toString(), "--to", start.name(), "--dir",
                "infra/egde");
        assertThat(rollback.exitCode()).isEqualTo(2);
        assertThat(rollback.err()).contains("--dir infra/egde holds no Terraform files");
    }

    @Test
    void aListenerThatIsNowhereIsAnErrorNotACommitThatMovedNothing() {
        CliRun run = timeline("--range", start.name() + "..HEAD", "--request", "shop.example.com/checkout/cart",
                "--listener", "shop-edge-prd:443");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--listener shop-edge-prd:443 names no listener").contains("shop-edge-prod:443");
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

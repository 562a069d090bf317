package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * For random histories of rule edits, the rollback patch applied by the real {@code git apply} to the work tree
 * leaves routing exactly as at the target: reviewing the work tree against the target gives no route change.
 */
class RollbackProperties {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] HOSTS = {"shop.test", "api.shop.test", "*.shop.test"};
    private static final String[] PATHS = {"/*", "/cart/*", "/api/*", "/checkout", "/static/*"};
    private static final String[] GROUPS = {"web", "api", "cart"};

    /** One rule of the generated listener. */
    record Rule(int id, int priority, int host, int path, int group) {
    }

    /** One edit a commit makes: to the rules, or to a file that is no load-balancer definition. */
    record Edit(int kind, int index, int value) {
    }

    @Property(tries = 12)
    void patchedWorkTreeRoutesAsTheTarget(@ForAll("edits") @Size(min = 1, max = 6) List<Edit> edits,
                                          @ForAll @IntRange(min = 0, max = 6) int targetBack) throws Exception {
        Path dir = Files.createTempDirectory("lbguard-rollback-");
        try (TestHistory h = TestHistory.init(dir)) {
            List<Rule> rules = new ArrayList<>(List.of(new Rule(0, 10, 0, 1, 2), new Rule(1, 20, 1, 0, 1)));
            h.write("infra/lb/main.tf", lb());
            h.write("infra/lb/rules.tf", rules(rules));
            h.commit(TestHistory.who("Ada", "2026-03-01T00:00:00Z"), "initial");
            int n = 0;
            for (Edit e : edits) {
                apply(e, rules, h);
                h.write("infra/lb/rules.tf", rules(rules));
                n++;
                h.commit(TestHistory.who("Dev" + n, String.format(Locale.ROOT, "2026-03-01T%02d:00:00Z", n)),
                        "edit " + n);
            }
            String target = "HEAD~" + Math.min(targetBack, edits.size());
            CliRun rollback = CliRun.run("rollback", "--repo", dir.toString(), "--to", target, "--format", "json",
                    "--fail-on", "never");
            assertThat(rollback.exitCode()).as(rollback.err() + rollback.out()).isZero();
            JsonNode json = MAPPER.readTree(rollback.out());
            assertThat(json.get("proof").get("restoresTarget").asBoolean()).isTrue();
            Path patch = Files.createTempFile("rollback-", ".patch");
            Files.writeString(patch, json.get("patch").asText());
            if (!json.get("patch").asText().isEmpty()) {
                git(dir, "apply", "--check", patch.toString());
                git(dir, "apply", patch.toString());
            }
            CliRun review = CliRun.run("review", "--repo", dir.toString(), "--base", target, "--head", "WORKTREE",
                    "--format", "json", "--fail-on", "never");
            assertThat(MAPPER.readTree(review.out()).get("routeChanges")).as(review.out()).isEmpty();
            Files.delete(patch);
        } finally {
            TestHistory.deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 99)).as(Edit::new).list();
    }

    private static void apply(Edit e, List<Rule> rules, TestHistory h) throws Exception {
        int i = e.index() % Math.max(1, rules.size());
        switch (e.kind()) {
            case 0 -> rules.add(new Rule(rules.stream().mapToInt(Rule::id).max().orElse(0) + 1,
                    nextPriority(rules, 5 + e.value()), e.value() % HOSTS.length, e.value() % PATHS.length,
                    e.value() % GROUPS.length));
            case 1 -> {
                if (rules.size() > 1) {
                    rules.remove(i);
                }
            }
            case 2 -> {
                Rule r = rules.get(i);
                rules.set(i, new Rule(r.id(), nextPriority(rules, 1 + e.value()), r.host(), r.path(), r.group()));
            }
            case 3 -> {
                Rule r = rules.get(i);
                rules.set(i, new Rule(r.id(), r.priority(), r.host(), r.path(), e.value() % GROUPS.length));
            }
            case 4 -> {
                Rule r = rules.get(i);
                rules.set(i, new Rule(r.id(), r.priority(), e.value() % HOSTS.length, e.value() % PATHS.length,
                        r.group()));
            }
            default -> h.write("app/notes.txt", "note " + e.value() + "\n");
        }
    }

    private static int nextPriority(List<Rule> rules, int wanted) {
        int p = wanted;
        while (true) {
            int c = p;
            if (rules.stream().noneMatch(r -> r.priority() == c)) {
                return p;
            }
            p++;
        }
    }

    private static String lb() {
        return """
                resource "aws_lb" "edge" {
                  name               = "edge"
                  load_balancer_type = "application"
                  subnets            = ["subnet-a", "subnet-b"]
                }

                resource "aws_lb_target_group" "svc" {
                  for_each = toset(["web", "api", "cart"])
                  name     = "tg-${each.key}"
                  port     = 8080
                  protocol = "HTTP"
                  vpc_id   = "vpc-1"
                }

                resource "aws_lb_listener" "https" {
                  load_balancer_arn = aws_lb.edge.arn
                  port              = 443
                  protocol          = "HTTPS"
                  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/x"
                  default_action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.svc["web"].arn
                  }
                }
                """;
    }

    private static String rules(List<Rule> rules) {
        StringBuilder s = new StringBuilder();
        for (Rule r : rules) {
            s.append(String.format(Locale.ROOT, """
                    resource "aws_lb_listener_rule" "r%d" {
                      listener_arn = aws_lb_listener.https.arn
                      priority     = %d
                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.svc["%s"].arn
                      }
                      condition {
                        host_header {
                          values = ["%s"]
                        }
                      }
                      condition {
                        path_pattern {
                          values = ["%s"]
                        }
                      }
                    }

                    """, r.id(), r.priority(), GROUPS[r.group()], HOSTS[r.host()], PATHS[r.path()]));
        }
        return s.toString();
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }
}

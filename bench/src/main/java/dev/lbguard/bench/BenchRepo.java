package dev.lbguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Generates the benchmark repository: one Terraform root module with {@code lbs} application load balancers,
 * each with an HTTPS listener, four target groups and {@code rulesPerLb} listener rules, committed with JGit.
 * A second commit changes a few rules, so that {@code review HEAD~1..HEAD} has something to report.
 */
public final class BenchRepo {
    private static final PersonIdent WHO = new PersonIdent("bench", "bench@lbguard.test",
            Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private BenchRepo() {
    }

    public static void generate(Path dir, int lbs, int rulesPerLb) throws IOException {
        Path module = dir.resolve("infra");
        Files.createDirectories(module);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            for (int lb = 0; lb < lbs; lb++) {
                Files.writeString(module.resolve(String.format(Locale.ROOT, "lb%02d.tf", lb)), lbFile(lb, rulesPerLb, false));
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("benchmark load balancers").setAuthor(WHO).setCommitter(WHO).setSign(false).call();
            Files.writeString(module.resolve("lb00.tf"), lbFile(0, rulesPerLb, true));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("reorder a few rules").setAuthor(WHO).setCommitter(WHO).setSign(false).call();
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
    }

    private static String lbFile(int lb, int rules, boolean changed) {
        StringBuilder s = new StringBuilder();
        String n = String.format(Locale.ROOT, "lb%02d", lb);
        s.append(String.format(Locale.ROOT, """
                resource "aws_lb" "%1$s" {
                  name               = "bench-%1$s"
                  load_balancer_type = "application"
                  subnets            = ["subnet-a", "subnet-b"]
                }

                resource "aws_lb_target_group" "%1$s" {
                  for_each = toset(["web", "api", "static", "canary"])
                  name     = "%1$s-${each.key}"
                  port     = 8080
                  protocol = "HTTP"
                  vpc_id   = "vpc-1"
                  health_check {
                    path = "/healthz"
                  }
                }

                resource "aws_lb_listener" "%1$s" {
                  load_balancer_arn = aws_lb.%1$s.arn
                  port              = 443
                  protocol          = "HTTPS"
                  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
                  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/bench"
                  default_action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.%1$s["web"].arn
                  }
                }

                """, n));
        String[] tgs = {"web", "api", "static", "canary"};
        for (int r = 0; r < rules; r++) {
            int priority = changed && r < 3 ? rules + 10 + r : r + 1;
            s.append(String.format(Locale.ROOT, """
                    resource "aws_lb_listener_rule" "%1$s_r%2$d" {
                      listener_arn = aws_lb_listener.%1$s.arn
                      priority     = %3$d
                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.%1$s["%4$s"].arn
                      }
                      condition {
                        host_header {
                          values = ["svc%2$d.%1$s.example.com", "*.svc%2$d.%1$s.example.net"]
                        }
                      }
                      condition {
                        path_pattern {
                          values = ["/v%5$d/*", "/svc%2$d/*"]
                        }
                      }
                    }

                    """, n, r, priority, tgs[r % 4], r % 3));
        }
        return s.toString();
    }
}

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

    /**
     * A new directory for a generated repository, inside a scratch directory of its own where the benchmark's logs
     * and reports go too (its siblings); the scratch directory is removed when the benchmark's JVM exits.
     */
    public static Path scratch(String prefix) throws IOException {
        Path scratch = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (java.util.stream.Stream<Path> all = Files.walk(scratch)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.err.println("could not remove " + scratch + ": " + e);
            }
        }));
        return Files.createDirectory(scratch.resolve("repo"));
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

    /**
     * Writes a Terraform state (version 4) of the first commit as applied: {@code lbs} load balancers with
     * {@code rulesPerLb} rules each, with ARNs, so that drift against HEAD finds the second commit's reordered rules.
     */
    public static void writeState(Path file, int lbs, int rulesPerLb) throws IOException {
        String[] tgs = {"web", "api", "static", "canary"};
        StringBuilder s = new StringBuilder("{\"version\": 4, \"terraform_version\": \"1.11.4\", \"serial\": 1, "
                + "\"lineage\": \"bench\", \"outputs\": {}, \"resources\": [\n");
        String arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:";
        boolean first = true;
        for (int lb = 0; lb < lbs; lb++) {
            String n = String.format(Locale.ROOT, "lb%02d", lb);
            String lbArn = arn + "loadbalancer/app/bench-" + n + "/" + n;
            String listenerArn = arn + "listener/app/bench-" + n + "/" + n + "/443";
            s.append(first ? "" : ",\n");
            first = false;
            s.append(resource("aws_lb", n, "", "{\"arn\": \"" + lbArn + "\", \"id\": \"" + lbArn + "\", \"name\": \"bench-"
                    + n + "\", \"internal\": false, \"load_balancer_type\": \"application\", \"tags\": null, \"tags_all\": {}}"));
            StringBuilder groups = new StringBuilder();
            for (String tg : tgs) {
                String tgArn = arn + "targetgroup/" + n + "-" + tg + "/" + tg;
                groups.append(groups.length() == 0 ? "" : ", ").append("{\"index_key\": \"").append(tg)
                        .append("\", \"schema_version\": 0, \"attributes\": {\"arn\": \"").append(tgArn)
                        .append("\", \"id\": \"").append(tgArn).append("\", \"name\": \"").append(n).append('-').append(tg)
                        .append("\", \"port\": 8080, \"protocol\": \"HTTP\", \"target_type\": \"instance\", \"vpc_id\": \"vpc-1\", "
                                + "\"health_check\": [{\"enabled\": true, \"healthy_threshold\": 3, \"interval\": 30, "
                                + "\"matcher\": \"200\", \"path\": \"/healthz\", \"port\": \"traffic-port\", \"protocol\": \"HTTP\", "
                                + "\"timeout\": 5, \"unhealthy_threshold\": 3}], \"stickiness\": [{\"enabled\": false, "
                                + "\"type\": \"lb_cookie\", \"cookie_duration\": 86400, \"cookie_name\": \"\"}], \"tags\": null}, "
                                + "\"sensitive_attributes\": []}");
            }
            s.append(",\n{\"mode\": \"managed\", \"type\": \"aws_lb_target_group\", \"name\": \"").append(n)
                    .append("\", \"provider\": \"provider[\\\"registry.terraform.io/hashicorp/aws\\\"]\", \"instances\": [")
                    .append(groups).append("]}");
            s.append(",\n").append(resource("aws_lb_listener", n, "", "{\"arn\": \"" + listenerArn + "\", \"id\": \""
                    + listenerArn + "\", \"load_balancer_arn\": \"" + lbArn + "\", \"port\": 443, \"protocol\": \"HTTPS\", "
                    + "\"ssl_policy\": \"ELBSecurityPolicy-TLS13-1-2-2021-06\", "
                    + "\"certificate_arn\": \"arn:aws:acm:eu-west-1:123456789012:certificate/bench\", "
                    + "\"default_action\": [" + forward(arn + "targetgroup/" + n + "-web/web") + "]}"));
            for (int r = 0; r < rulesPerLb; r++) {
                String ruleArn = listenerArn + "/" + r;
                s.append(",\n").append(resource("aws_lb_listener_rule", n + "_r" + r, "", String.format(Locale.ROOT,
                        "{\"arn\": \"%1$s\", \"id\": \"%1$s\", \"listener_arn\": \"%2$s\", \"priority\": %3$d, "
                                + "\"action\": [%4$s], \"condition\": [{\"host_header\": [{\"values\": [\"svc%5$d.%6$s.example.com\", "
                                + "\"*.svc%5$d.%6$s.example.net\"]}], \"path_pattern\": [], \"http_header\": [], "
                                + "\"http_request_method\": [], \"query_string\": [], \"source_ip\": []}, {\"host_header\": [], "
                                + "\"path_pattern\": [{\"values\": [\"/v%7$d/*\", \"/svc%5$d/*\"]}], \"http_header\": [], "
                                + "\"http_request_method\": [], \"query_string\": [], \"source_ip\": []}], \"tags\": null}",
                        ruleArn, listenerArn, r + 1, forward(arn + "targetgroup/" + n + "-" + tgs[r % 4] + "/" + tgs[r % 4]),
                        r, n, r % 3)));
            }
        }
        s.append("\n]}\n");
        Files.writeString(file, s.toString());
    }

    private static String resource(String type, String name, String indexKey, String attributes) {
        return "{\"mode\": \"managed\", \"type\": \"" + type + "\", \"name\": \"" + name
                + "\", \"provider\": \"provider[\\\"registry.terraform.io/hashicorp/aws\\\"]\", \"instances\": [{"
                + indexKey + "\"schema_version\": 0, \"attributes\": " + attributes + ", \"sensitive_attributes\": []}]}";
    }

    private static String forward(String targetGroupArn) {
        return "{\"type\": \"forward\", \"order\": 1, \"target_group_arn\": \"" + targetGroupArn + "\", "
                + "\"forward\": [], \"redirect\": [], \"fixed_response\": [], \"authenticate_oidc\": [], "
                + "\"authenticate_cognito\": []}";
    }
}

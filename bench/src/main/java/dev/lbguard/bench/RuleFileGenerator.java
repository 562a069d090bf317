package dev.lbguard.bench;

import java.util.Locale;

/**
 * Generates realistic Terraform for parser benchmarks: an ALB, target groups and {@code n} listener rules with
 * several conditions, weighted forwards, comments and templates, about 1 KB per rule; and the same content in
 * Terraform's JSON syntax for the baseline.
 */
public final class RuleFileGenerator {
    private RuleFileGenerator() {
    }

    /** HCL native syntax. */
    public static String hcl(int rules) {
        StringBuilder s = new StringBuilder(rules * 1100);
        s.append("# generated for the parser benchmark\n");
        s.append("locals {\n  env    = \"prod\"\n  domain = \"shop.example.com\"\n}\n\n");
        s.append("resource \"aws_lb\" \"edge\" {\n  name               = \"edge-${local.env}\"\n")
                .append("  load_balancer_type = \"application\"\n  subnets            = [\"subnet-a\", \"subnet-b\"]\n}\n\n");
        s.append("resource \"aws_lb_listener\" \"https\" {\n  load_balancer_arn = aws_lb.edge.arn\n  port              = 443\n")
                .append("  protocol          = \"HTTPS\"\n  default_action {\n    type = \"fixed-response\"\n")
                .append("    fixed_response {\n      content_type = \"text/plain\"\n      status_code  = \"404\"\n    }\n  }\n}\n\n");
        for (int i = 0; i < rules; i++) {
            s.append(String.format(Locale.ROOT, """
                    /* rule %1$d: service svc-%2$d */
                    resource "aws_lb_listener_rule" "r%1$d" {
                      listener_arn = aws_lb_listener.https.arn
                      priority     = %3$d // evaluation order

                      action {
                        type = "forward"
                        forward {
                          target_group {
                            arn    = aws_lb_target_group.svc["svc-%2$d"].arn
                            weight = %4$d
                          }
                          target_group {
                            arn    = aws_lb_target_group.canary["svc-%2$d"].arn
                            weight = %5$d
                          }
                          stickiness {
                            enabled  = true
                            duration = 300
                          }
                        }
                      }

                      condition {
                        host_header {
                          values = ["svc-%2$d.${local.domain}", "*.svc-%2$d.example.net"]
                        }
                      }
                      condition {
                        path_pattern {
                          values = ["/api/v%6$d/*", "/svc-%2$d/*"]
                        }
                      }
                      condition {
                        http_header {
                          http_header_name = "X-Canary"
                          values           = [var.canary ? "on" : "off"]
                        }
                      }
                      tags = merge(local.tags, { Rule = "r%1$d", Weight = %4$d * 2 + 1 })
                    }

                    """, i, i % 97, i + 1, 90 - i % 10, 10 + i % 10, i % 5));
        }
        return s.toString();
    }

    /** The same listener rules in Terraform's JSON syntax, for the JSON-parser baseline. */
    public static String json(int rules) {
        StringBuilder s = new StringBuilder(rules * 1100);
        s.append("{\"resource\":{\"aws_lb_listener_rule\":{\n");
        for (int i = 0; i < rules; i++) {
            if (i > 0) {
                s.append(",\n");
            }
            s.append(String.format(Locale.ROOT, """
                    "r%1$d": {"listener_arn": "${aws_lb_listener.https.arn}", "priority": %3$d,
                      "action": [{"type": "forward", "forward": [{"target_group": [
                        {"arn": "${aws_lb_target_group.svc[\\"svc-%2$d\\"].arn}", "weight": %4$d},
                        {"arn": "${aws_lb_target_group.canary[\\"svc-%2$d\\"].arn}", "weight": %5$d}],
                        "stickiness": [{"enabled": true, "duration": 300}]}]}],
                      "condition": [
                        {"host_header": [{"values": ["svc-%2$d.${local.domain}", "*.svc-%2$d.example.net"]}]},
                        {"path_pattern": [{"values": ["/api/v%6$d/*", "/svc-%2$d/*"]}]},
                        {"http_header": [{"http_header_name": "X-Canary", "values": ["${var.canary ? \\"on\\" : \\"off\\"}"]}]}],
                      "tags": "${merge(local.tags, { Rule = \\"r%1$d\\", Weight = %4$d * 2 + 1 })}"}""",
                    i, i % 97, i + 1, 90 - i % 10, 10 + i % 10, i % 5));
        }
        s.append("}}}\n");
        return s.toString();
    }

    /** The number of rules whose HCL is about {@code bytes} long. */
    public static int rulesForSize(int bytes) {
        int perRule = hcl(10).length() / 10;
        return Math.max(1, bytes / perRule);
    }
}

package dev.lbguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.terraform.TerraformSource;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A health-check path git takes from a variable without a value cannot be compared with what runs: drift says it
 * cannot tell (incomplete), not that the path differs, and still reports a setting that is known and differs.
 */
class UnknownHealthCheckDriftTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownSettingIsInconclusiveAndAKnownOneThatDiffersIsDrift() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                variable "health_path" {}
                resource "aws_lb_target_group" "web" {
                  name     = "web"
                  port     = 80
                  protocol = "HTTP"
                  health_check {
                    path    = var.health_path
                    matcher = "200"
                  }
                }
                resource "aws_lb_target_group" "api" {
                  name     = "api"
                  port     = 80
                  protocol = "HTTP"
                  health_check {
                    path = "/ready"
                  }
                }
                """);
        RoutingSnapshot desired = new TerraformSource().read(new DiskTree(dir), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other("git"));
        assertThat(desired.complete()).isTrue();
        RoutingSnapshot live = new RoutingSnapshot(SnapshotOrigin.other("aws"), List.of(),
                List.of(running("web", "/health"), running("api", "/live")), List.of(), List.of(),
                dev.lbguard.model.Secrets.NONE);

        DriftResult drift = new DriftAnalysis(Map.of()).compare(desired, live, Optional.empty(), PolicyContext.NONE);

        assertThat(drift.result().findings()).extracting(f -> f.ruleId() + " " + f.message())
                .noneMatch(f -> f.startsWith("LBG204") && f.contains("web"))
                .anyMatch(f -> f.startsWith("LBG204") && f.contains("api") && f.contains("healthCheck.path"));
        assertThat(drift.result().inconclusives()).extracting(i -> i.ruleId() + " " + i.reason())
                .anyMatch(i -> i.startsWith("LBG204") && i.contains("web") && i.contains("healthCheck.path")
                        && i.contains("health_path"))
                .noneMatch(i -> i.contains("api"));
        assertThat(drift.result().complete()).isFalse();
    }

    private static TargetGroup running(String name, String path) {
        String arn = "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/" + name + "/1";
        return new TargetGroup(ElementId.of(arn), SourceRef.file("aws:eu-west-1"), name, "HTTP", 80, "instance",
                new HealthCheck(true, "HTTP", "traffic-port", path, "200", 30, 5, 3, 3), List.of());
    }
}

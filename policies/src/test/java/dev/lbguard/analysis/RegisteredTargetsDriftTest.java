package dev.lbguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.ElementKind;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.terraform.TerraformSource;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instances an Auto Scaling group registered in a target group git declares are what git asks for: drift lists
 * them neither as unmanaged nor as changes (LBG203 would say the next apply removes them; it does not). In a group
 * nothing of the configuration fills, a running target git does not declare is still unmanaged.
 */
class RegisteredTargetsDriftTest {
    @TempDir
    Path dir;

    @Test
    void targetsAnAutoScalingGroupRegisteredAreNotDriftAndOthersStillAre() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "aws_lb_target_group" "web" {
                  name     = "web"
                  port     = 80
                  protocol = "HTTP"
                }
                resource "aws_autoscaling_group" "web" {
                  max_size          = 2
                  min_size          = 1
                  target_group_arns = [aws_lb_target_group.web.arn]
                }
                resource "aws_lb_target_group" "api" {
                  name     = "api"
                  port     = 80
                  protocol = "HTTP"
                }
                """);
        RoutingSnapshot desired = new TerraformSource().read(new DiskTree(dir), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other("git"));
        RoutingSnapshot live = new RoutingSnapshot(SnapshotOrigin.other("aws"), List.of(),
                List.of(running("web", "i-0aa", "i-0bb"), running("api", "i-0cc")), List.of(), List.of(),
                dev.lbguard.model.Secrets.NONE);

        DriftResult drift = new DriftAnalysis(Map.of()).compare(desired, live, Optional.empty(), PolicyContext.NONE);

        assertThat(drift.match().unmanaged()).extracting(u -> u.kind() + " " + u.name())
                .containsExactly("TARGET i-0cc");
        assertThat(drift.result().resources().changes()).filteredOn(c -> c.kind() == ElementKind.TARGET)
                .extracting(c -> c.change() + " " + c.id().value())
                .containsExactly(ChangeType.ADDED + " arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/api/1/target/i-0cc");
        assertThat(drift.result().findings()).extracting(f -> f.ruleId() + " " + f.message())
                .allMatch(f -> !f.contains("i-0aa") && !f.contains("i-0bb"))
                .anyMatch(f -> f.startsWith("LBG203") && f.contains("i-0cc"));
    }

    private static TargetGroup running(String name, String... instances) {
        String arn = "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/" + name + "/1";
        SourceRef at = SourceRef.file("aws:eu-west-1");
        List<Target> targets = java.util.Arrays.stream(instances).map(i -> new Target(ElementId.of(arn + "/target/" + i),
                at, i, OptionalInt.empty(), Optional.of(new TargetStatus(TargetStatus.State.HEALTHY, OptionalInt.empty(),
                        "")))).toList();
        return new TargetGroup(ElementId.of(arn), at, name, "HTTP", 80, "instance",
                new HealthCheck(true, "HTTP", "traffic-port", "/", "200", 30, 5, 5, 2), targets);
    }
}

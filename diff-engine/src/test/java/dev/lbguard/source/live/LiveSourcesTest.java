package dev.lbguard.source.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.live.dispatch.LiveSources;
import dev.lbguard.source.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The file-based live sources on realistic files, the scheme registry, and what they refuse. */
class LiveSourcesTest {
    private static final Path LIVE = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"))
            .resolve("live").toAbsolutePath().normalize();

    @Test
    void stateWithModulesCountForEachAliasesTaintedAndDeposed() throws Exception {
        RoutingSnapshot s = LiveSources.open("tfstate:" + LIVE.resolve("modules.tfstate"), Map.of()).read();
        assertThat(s.loadBalancers()).singleElement().satisfies(lb -> {
            assertThat(lb.id().value()).isEqualTo("module.edge.aws_alb.main");
            assertThat(lb.internal()).isTrue();
        });
        Listener l = s.loadBalancers().get(0).listeners().get(0);
        assertThat(l.id().value()).isEqualTo("module.edge.aws_alb_listener.http");
        assertThat(l.rules()).extracting(r -> r.id().value())
                .containsExactly("module.edge.aws_lb_listener_rule.svc[0]", "module.edge.aws_lb_listener_rule.svc[1]");
        Rule first = l.rules().get(0);
        assertThat(((RouteAction.Forward) first.action().terminal()).targets().get(0).targetGroup().value())
                .isEqualTo("module.svc[\"api\"].aws_lb_target_group.this[\"blue\"]");
        assertThat(s.targetGroups()).extracting(t -> t.name()).containsExactly("api", "web");
        assertThat(s.diagnostics()).extracting(Diagnostic::code)
                .containsExactlyInAnyOrder("tfstate-tainted", "tfstate-deposed");
        assertThat(s.complete()).isTrue();
        assertThat(s.origin().label()).startsWith("tfstate:");
    }

    @Test
    void arnsMapToAddresses() throws Exception {
        Map<String, String> arns = TfStateSource.of(LIVE.resolve("modules.tfstate")).addressesByArn();
        assertThat(arns).containsEntry("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/4444",
                "module.svc[\"web\"].aws_lb_target_group.this[\"blue\"]");
        assertThat(arns.values()).noneMatch(a -> a.contains("data."));
    }

    @Test
    void sensitiveAttributesAreKeptForTheComparisonAndMarkedToBeHidden() throws Exception {
        // A rule may match on a marked value (a secret origin header): dropping it made a fresh apply look like
        // drift. Marked values stay and are hidden by every report; secret-named fields are dropped as before.
        ObjectMapper m = new ObjectMapper();
        dev.lbguard.model.Secrets.Collector sensitive = new dev.lbguard.model.Secrets.Collector();
        Value.Obj v = StateValues.fromState(m.readTree("""
                {"action": [{"authenticate_oidc": [{"client_id": "id-1", "client_secret": "secret-1", "issuer": "i"}],
                             "fixed_response": [{"message_body": "secret-2"}]}],
                 "tags": {"k": "secret-3"}, "name": "keep", "other": {"clientSecret": "secret-6"}}"""), m.readTree("""
                [[{"type": "get_attr", "value": "action"}, {"type": "index", "value": {"value": 0, "type": "number"}},
                  {"type": "get_attr", "value": "fixed_response"}, {"type": "index", "value": {"value": 0, "type": "number"}},
                  {"type": "get_attr", "value": "message_body"}],
                 [{"type": "get_attr", "value": "tags"}]]"""), sensitive);
        String all = v.toString();
        assertThat(all).doesNotContain("secret-1").doesNotContain("secret-6").contains("secret-2").contains("secret-3")
                .contains("keep").contains("id-1");
        Value.Obj shown = StateValues.fromShow(m.readTree("""
                {"a": [{"b": "secret-4", "c": "keep"}], "d": "secret-5"}"""), m.readTree("""
                {"a": [{"b": true}], "d": true}"""), sensitive);
        assertThat(shown.toString()).contains("secret-4").contains("secret-5").contains("keep");
        assertThat(sensitive.secrets().values())
                .containsExactlyInAnyOrder("secret-2", "secret-3", "secret-4", "secret-5");
    }

    @Test
    void showJsonAndPlanOfTheSameStateAgree() throws Exception {
        RoutingSnapshot state = LiveSources.open("tfstate:" + LIVE.resolve("domain/terraform.tfstate"), Map.of()).read();
        RoutingSnapshot show = LiveSources.open("tfshow:" + LIVE.resolve("domain/state-show.json"), Map.of()).read();
        // Equal but for the file each element was read from.
        assertThat(show.loadBalancers().toString().replace("state-show.json", "F"))
                .isEqualTo(state.loadBalancers().toString().replace("terraform.tfstate", "F"));
        assertThat(show.targetGroups().toString().replace("state-show.json", "F"))
                .isEqualTo(state.targetGroups().toString().replace("terraform.tfstate", "F"));
        LiveSource plan = LiveSources.open("plan:" + LIVE.resolve("domain/plan-with-drift.json"), Map.of());
        assertThat(plan.nextApply()).isPresent();
        assertThat(plan.read().loadBalancers().get(0).listeners().get(0).rules()).extracting(r -> r.priority().value())
                .containsExactly(10, 25);
    }

    @Test
    void savedSnapshotRoundTrips() throws Exception {
        RoutingSnapshot s = TfStateSource.of(LIVE.resolve("modules.tfstate")).read();
        String json = SnapshotJson.write(s);
        RoutingSnapshot back = SnapshotJson.read(new ObjectMapper().readTree(json), "test");
        assertThat(back.loadBalancers()).isEqualTo(s.loadBalancers());
        assertThat(back.targetGroups()).isEqualTo(s.targetGroups());
        assertThat(back.diagnostics()).isEqualTo(s.diagnostics());
        assertThat(back.origin()).isEqualTo(s.origin());
        // A rule keeps the saved fields of format 1, not its RuleMatch: conditions, and expression null for ALB.
        JsonNode rule = new ObjectMapper().readTree(json).findValue("rules").get(0);
        List<String> fields = new java.util.ArrayList<>();
        rule.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "source", "priority", "conditions", "action", "expression");
        assertThat(rule.get("conditions").isArray()).isTrue();
        assertThat(rule.get("expression").isNull()).isTrue();
    }

    /** A snapshot saved before target groups said what registers targets and health checks what is unknown reads. */
    @Test
    void aSnapshotSavedBeforeUnknownHealthSettingsStillReads() throws Exception {
        RoutingSnapshot s = TfStateSource.of(LIVE.resolve("modules.tfstate")).read();
        JsonNode saved = new ObjectMapper().readTree(SnapshotJson.write(s));
        List<JsonNode> checks = saved.findValues("healthCheck");
        assertThat(checks).isNotEmpty();
        checks.forEach(c -> ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove("unknown"));
        saved.findParents("registeredBy").forEach(g -> ((com.fasterxml.jackson.databind.node.ObjectNode) g)
                .remove("registeredBy"));
        assertThat(saved.toString()).doesNotContain("\"unknown\"").doesNotContain("registeredBy");
        RoutingSnapshot back = SnapshotJson.read(saved, "test");
        assertThat(back.targetGroups()).isEqualTo(s.targetGroups());
    }

    /** Saved from an HAProxy live source, rules carry ACL expressions: they read back as they were. */
    @Test
    void savedHaproxySnapshotRoundTrips() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("lbguard.fixtures", "../fixtures"))
                .toAbsolutePath().normalize().resolve("haproxy");
        RoutingSnapshot s = new dev.lbguard.source.haproxy.HaproxySource().read(new dev.lbguard.source.DiskTree(dir),
                "", dev.lbguard.model.SnapshotOrigin.other("test"));
        assertThat(s.loadBalancers()).isNotEmpty();
        assertThat(s.loadBalancers().stream().flatMap(lb -> lb.listeners().stream()).flatMap(l -> l.rules().stream())
                .anyMatch(r -> r.expression().isPresent())).isTrue();
        RoutingSnapshot back = SnapshotJson.read(new ObjectMapper().readTree(SnapshotJson.write(s)), "test");
        assertThat(back.loadBalancers()).isEqualTo(s.loadBalancers());
        assertThat(back.targetGroups()).isEqualTo(s.targetGroups());
    }

    @Test
    void registryNamesWhatItKnows() throws Exception {
        assertThat(LiveSources.standard(Map.of()).schemes()).containsExactly("tfstate", "tfshow", "plan", "snapshot", "aws",
                "haproxy");
        assertThatThrownBy(() -> LiveSources.open("tfstate:", Map.of())).isInstanceOf(SourceException.class)
                .hasMessageContaining("needs an argument");
        assertThatThrownBy(() -> LiveSources.open("ftp:x", Map.of())).hasMessageContaining("unknown live source");
        LiveSource custom = LiveSources.empty().register("aws", arg -> {
            LiveSources.AwsSpec spec = LiveSources.AwsSpec.parse(arg);
            return TfStateSource.of(Path.of(spec.region() + spec.endpoint().map(u -> "-" + u.getPort()).orElse("")));
        }).open("aws:eu-west-1?endpoint=http://127.0.0.1:5055");
        assertThat(custom.label()).isEqualTo("tfstate:eu-west-1-5055");
        assertThatThrownBy(() -> LiveSources.empty().register("aws", arg -> {
            LiveSources.AwsSpec.parse(arg);
            return null;
        }).open("aws:Mars")).hasMessageContaining("not an AWS region");
    }

    @Test
    void aDeviceIsRefusedAndALongStringIsStillJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // tfstate:/dev/zero never ends: refused by name before anything is read.
        assertThatThrownBy(() -> TfStateSource.of(java.nio.file.Path.of("/dev/zero")).read())
                .isInstanceOf(SourceException.class).hasMessageContaining("not a regular file");
        // A state holds user data of any length: a 30 MB string is valid JSON (Jackson's default limit is 20 MB).
        String state = java.nio.file.Files.readString(LIVE.resolve("modules.tfstate"));
        java.nio.file.Path big = dir.resolve("big.tfstate");
        java.nio.file.Files.writeString(big, state.replaceFirst("\\{", "{\"lbguard_padding\": \""
                + "x".repeat(30 * 1024 * 1024) + "\","));
        assertThat(TfStateSource.of(big).read().loadBalancers()).isNotEmpty();
    }

    @Test
    void formatVersionsLbguardDoesNotKnowAreRefusedByName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String state = java.nio.file.Files.readString(LIVE.resolve("modules.tfstate"));
        java.nio.file.Path half = dir.resolve("half.tfstate");
        java.nio.file.Files.writeString(half, state.replaceFirst("\"version\":\\s*4", "\"version\": 4.5"));
        assertThatThrownBy(() -> TfStateSource.of(half).read()).hasMessageContaining("format version 4.5");
        String show = java.nio.file.Files.readString(LIVE.resolve("domain/state-show.json"));
        for (String version : java.util.List.of("\"99.0\"", "null")) {
            java.nio.file.Path p = dir.resolve("show.json");
            java.nio.file.Files.writeString(p, show.replaceFirst("\"format_version\":\\s*\"[^\"]*\"",
                    "\"format_version\": " + version));
            assertThatThrownBy(() -> LiveSources.open("tfshow:" + p, Map.of()).read())
                    .hasMessageContaining("format_version " + version).hasMessageContaining("0.x and 1.x");
        }
        // Terraform 0.12 to 0.15 wrote 0.1: the same structure, read.
        java.nio.file.Path old = dir.resolve("old.json");
        java.nio.file.Files.writeString(old, show.replaceFirst("\"format_version\":\\s*\"[^\"]*\"",
                "\"format_version\": \"0.1\""));
        assertThat(LiveSources.open("tfshow:" + old, Map.of()).read().loadBalancers()).isNotEmpty();
    }

    @Test
    void stateVersionThreeIsRefusedByName() {
        assertThatThrownBy(() -> TfStateSource.of(LIVE.resolve("malformed/version3.tfstate")).read())
                .isInstanceOf(SourceException.class).hasMessageContaining("format version 3")
                .hasMessageStartingWith("tfstate:");
    }

    @Test
    void otherResourcesAndOutputsAreNeverRead() throws Exception {
        RoutingSnapshot s = TfStateSource.of(LIVE.resolve("modules.tfstate")).read();
        assertThat(SnapshotJson.write(s)).doesNotContain("secret-value").doesNotContain("shared");
        assertThat(List.of(s.loadBalancers().size(), s.targetGroups().size())).containsExactly(1, 2);
    }
}

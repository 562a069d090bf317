package dev.lbguard.source.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diff.ResourceDiff;
import dev.lbguard.diff.ResourceDiffer;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.model.Normalise;
import dev.lbguard.model.RoutingSnapshot;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refactors that change no routing give no route change and no resource change, because identities are
 * built from names, ports and priorities and the task only shows in the source; and the group_vars edit of
 * the review scenario does change routes.
 */
class AnsibleRefactorTest {
    private static final String BASE = "ansible-scenarios/alb-group-vars/base";
    private static final String TASKS = "roles/edge_alb/tasks/main.yml";
    private static final AnsibleOptions PROD = AnsibleOptions.defaults().withGroup("prod");

    @TempDir
    Path base;
    @TempDir
    Path head;

    private void assertNeutral(Consumer<AnsibleFixture> refactor) {
        AnsibleFixture.copyOf(BASE, base);
        AnsibleFixture h = AnsibleFixture.copyOf(BASE, head);
        refactor.accept(h);
        RoutingSnapshot b = Normalise.snapshot(AnsibleFixture.read(base, PROD));
        RoutingSnapshot a = Normalise.snapshot(h.read(PROD));
        assertThat(a.complete()).as(AnsibleFixture.dump(a)).isTrue();
        RouteDiff routes = new RouteDiffer().diff(b, a);
        assertThat(routes.changes()).isEmpty();
        ResourceDiff resources = new ResourceDiffer().diff(b, a);
        assertThat(resources.changes()).isEmpty();
    }

    @Test
    void movingAVariableFromGroupVarsToRoleDefaults() {
        assertNeutral(t -> t.replace("group_vars/all.yml", "domain: example.com\n", "")
                .replace("roles/edge_alb/defaults/main.yml", "web_port: 8080\n", "web_port: 8080\ndomain: example.com\n"));
    }

    @Test
    void renamingATask() {
        assertNeutral(t -> t.replace(TASKS, "- name: Create edge ALB", "- name: Edge application load balancer"));
    }

    @Test
    void reorderingTasks() {
        assertNeutral(t -> {
            String c = t.content(TASKS);
            int api = c.indexOf("- name: API target group");
            int alb = c.indexOf("- name: Create edge ALB");
            String web = c.substring(c.indexOf("- name: Web target group"), api);
            t.file(TASKS, "---\n" + c.substring(api, alb) + web + c.substring(alb));
        });
    }

    @Test
    void theReviewScenarioMovesRoutes() {
        Path fixtures = AnsibleFixture.FIXTURES.resolve("ansible-scenarios/alb-group-vars");
        RoutingSnapshot b = Normalise.snapshot(AnsibleFixture.read(fixtures.resolve("base"), PROD));
        RoutingSnapshot h = Normalise.snapshot(AnsibleFixture.read(fixtures.resolve("head"), PROD));
        assertThat(h.complete()).isTrue();
        RouteDiff routes = new RouteDiffer().diff(b, h);
        assertThat(routes.changes()).isNotEmpty();
    }
}

package dev.lbguard.source.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.source.DiskTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HAProxy configs deployed by {@code template} tasks: rendered with the task's variables. */
class HaproxyTasksTest {
    @TempDir
    Path dir;

    /** Runs the playbooks and returns what the HAProxy part collected. */
    private static HaproxyTasks run(Path root, List<Diagnostic> diagnostics) {
        AnsibleFiles files = new AnsibleFiles(new DiskTree(root), diagnostics);
        HaproxyTasks haproxy = new HaproxyTasks(files, diagnostics);
        Inventory inv = Inventory.ini("inventory.ini", files.text("inventory.ini").orElse("").getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "");
        Plays plays = new Plays(files, inv, AnsibleOptions.defaults(), "", new Jinja());
        plays.run("site.yml", new PlayWalker.Sink() {
            @Override
            public boolean wants(String module, Y.Map rawArgs, dev.lbguard.diagnostic.SourceRef at) {
                return haproxy.wants(module, rawArgs);
            }

            @Override
            public void task(TaskCall call) {
                haproxy.apply(call);
            }
        });
        return haproxy;
    }

    @Test
    void aTemplatedConfigIsRenderedWithTheRoleAndGroupVariables() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        HaproxyTasks h = run(AnsibleFixture.fixture("ansible-scenarios/haproxy-acl-order/base"), diagnostics);
        assertThat(diagnostics).isEmpty();
        assertThat(h.configs()).singleElement().satisfies(c -> {
            assertThat(c.dest()).isEqualTo("/etc/haproxy/haproxy.cfg");
            assertThat(c.source().path()).isEqualTo("roles/haproxy/templates/haproxy.cfg.j2");
            assertThat(c.text()).contains("# Ansible managed\n", "maxconn 2000", "bind *:80",
                    "acl host_api hdr(host) -i api.example.test",
                    "server web2 10.0.1.12:8080 check weight 50", "server api2 10.0.2.12:9090 check backup",
                    "balance roundrobin");
            assertThat(c.text().indexOf("use_backend be_api")).isLessThan(c.text().indexOf("use_backend be_web"));
        });
        assertThat(h.changes()).singleElement().isEqualTo(new HaproxyTasks.RuntimeChange("drain",
                Optional.of("be_web"), "web2", Optional.empty(), h.changes().get(0).task()));
    }

    @Test
    void aTemplateSyntaxErrorPointsIntoTheTemplate() {
        new AnsibleFixture(dir)
                .file("site.yml", """
                        - hosts: lb
                          tasks:
                            - template: {src: haproxy.cfg.j2, dest: /etc/haproxy/haproxy.cfg}
                        """)
                .file("templates/haproxy.cfg.j2", "global\n    maxconn 10\n{% for s in [1] %}\n  server {{ s }}\n");
        RoutingSnapshot s = AnsibleFixture.read(dir, AnsibleOptions.defaults());
        List<Diagnostic> errors = s.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertThat(errors).as(AnsibleFixture.dump(s)).singleElement().satisfies(d -> {
            assertThat(d.source().path()).isEqualTo("templates/haproxy.cfg.j2");
            assertThat(d.source().line()).isEqualTo(3);
            assertThat(d.code()).isEqualTo("ansible-template-syntax");
        });
    }

    @Test
    void anUndefinedVariableInATemplatePointsAtItsLine() {
        new AnsibleFixture(dir)
                .file("site.yml", """
                        - hosts: lb
                          tasks:
                            - template: {src: haproxy.cfg.j2, dest: /etc/haproxy/haproxy.cfg}
                        """)
                .file("templates/haproxy.cfg.j2", "global\n    maxconn 10\nfrontend fe\n    bind *:{{ fe_port }}\n");
        RoutingSnapshot s = AnsibleFixture.read(dir, AnsibleOptions.defaults());
        assertThat(s.diagnostics()).filteredOn(Diagnostic::isError).first().satisfies(d -> {
            assertThat(d.source().toString()).isEqualTo("templates/haproxy.cfg.j2:4");
            assertThat(d.message()).contains("'fe_port' is undefined");
        });
    }

    @Test
    void theTemplatedConfigIsReadAndTheDrainApplied() {
        Path scenario = AnsibleFixture.fixture("ansible-scenarios/haproxy-acl-order");
        RoutingSnapshot base = AnsibleFixture.read(scenario.resolve("base"), AnsibleOptions.defaults());
        assertThat(base.complete()).as(AnsibleFixture.dump(base)).isTrue();
        assertThat(base.loadBalancers()).isNotEmpty();
        assertThat(base.targetGroups()).flatExtracting(t -> t.targets())
                .filteredOn(t -> t.targetId().startsWith("10.0.1.12")).singleElement()
                .satisfies(t -> assertThat(t.takesTraffic()).isFalse());
        RoutingSnapshot head = AnsibleFixture.read(scenario.resolve("head"), AnsibleOptions.defaults());
        // The reordered use_backend lines send /api to the web backend (the route differ does not split on
        // HAProxy ACLs yet, so ask the evaluator directly).
        assertThat(backendFor(base, "/api/users")).contains("be_api");
        assertThat(backendFor(head, "/api/users")).contains("be_web");
        assertThat(backendFor(head, "/static/app.css")).contains("be_web");
    }

    private static String backendFor(RoutingSnapshot s, String path) {
        dev.lbguard.model.Listener l = s.loadBalancers().get(0).listeners().get(0);
        return new dev.lbguard.route.RouteEvaluator().evaluate(l, dev.lbguard.route.Request.of("www.example.test", path))
                .action().map(Object::toString).orElse("");
    }

    @Test
    void aCopiedCommittedConfigIsReadToo() {
        new AnsibleFixture(dir)
                .file("site.yml", """
                        - hosts: lb
                          tasks:
                            - copy: src=haproxy.cfg dest=/etc/haproxy/haproxy.cfg
                        """)
                .file("files/haproxy.cfg", """
                        defaults
                            mode http
                        frontend fe
                            bind *:80
                            default_backend be
                        backend be
                            server s1 10.0.0.1:80
                        """);
        RoutingSnapshot s = AnsibleFixture.read(dir, AnsibleOptions.defaults());
        assertThat(s.complete()).as(AnsibleFixture.dump(s)).isTrue();
        assertThat(s.loadBalancers()).singleElement().satisfies(lb -> assertThat(lb.source().path())
                .isEqualTo("files/haproxy.cfg"));
    }
}

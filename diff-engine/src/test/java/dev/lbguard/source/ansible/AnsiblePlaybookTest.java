package dev.lbguard.source.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.Condition;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Playbook semantics on small trees: precedence, roles, includes, loops, when, lines, broken input. */
class AnsiblePlaybookTest {
    @TempDir
    Path dir;

    /** An ALB whose one rule's host is {@code {{ host }}}, in a role, for precedence tests. */
    private AnsibleFixture roleTree() {
        return new AnsibleFixture(dir)
                .file("site.yml", """
                        - hosts: localhost
                          roles:
                            - edge
                        """)
                .file("roles/edge/tasks/main.yml", """
                        - name: ALB
                          elb_application_lb:
                            name: edge
                            listeners:
                              - Protocol: HTTP
                                Port: 80
                                DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "404"}}]
                                Rules:
                                  - Priority: 1
                                    Conditions: [{Field: host-header, Values: ["{{ host }}"]}]
                                    Actions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "200"}}]
                        """)
                .file("roles/edge/defaults/main.yml", "host: role-defaults\n");
    }

    private static String host(RoutingSnapshot s) {
        return s.loadBalancers().get(0).listeners().get(0).rules().get(0).conditions().get(0).values().get(0);
    }

    @Test
    void precedenceFollowsAnsible() {
        AnsibleFixture t = roleTree();
        assertThat(host(t.read(AnsibleOptions.defaults()))).isEqualTo("role-defaults");
        t.file("group_vars/all.yml", "host: group-all\n");
        assertThat(host(t.read(AnsibleOptions.defaults()))).isEqualTo("group-all");
        t.file("inventory", "[prod]\nlocalhost\n").file("group_vars/prod.yml", "host: group-prod\n");
        assertThat(host(t.read(AnsibleOptions.defaults()))).isEqualTo("group-prod");
        t.file("host_vars/localhost.yml", "host: host-vars\n");
        assertThat(host(t.read(AnsibleOptions.defaults()))).isEqualTo("host-vars");
        t.replace("site.yml", "  roles:", "  vars: {host: play-vars}\n  vars_files: [vars/extra.yml]\n  roles:");
        t.file("vars/extra.yml", "other: 1\n");
        assertThat(host(t.read(AnsibleOptions.defaults()))).isEqualTo("play-vars");
        t.file("vars/extra.yml", "host: vars-files\n");
        assertThat(host(t.read(AnsibleOptions.defaults()))).isEqualTo("vars-files");
        t.file("roles/edge/vars/main.yml", "host: role-vars\n");
        assertThat(host(t.read(AnsibleOptions.defaults()))).isEqualTo("role-vars");
        t.replace("roles/edge/tasks/main.yml", "- name: ALB\n", "- name: ALB\n  vars: {host: task-vars}\n");
        assertThat(host(t.read(AnsibleOptions.defaults()))).isEqualTo("task-vars");
        assertThat(host(t.read(AnsibleOptions.defaults().withExtraVars(Map.of("host", "extra")))))
                .isEqualTo("extra");
    }

    @Test
    void groupVarsMayBeADirectory() {
        roleTree().file("group_vars/all/10-base.yml", "host: a\n").file("group_vars/all/20-more.yml", "host: b\n");
        assertThat(host(AnsibleFixture.read(dir, AnsibleOptions.defaults()))).isEqualTo("b");
    }

    @Test
    void includesImportsAndIncludeRole() {
        new AnsibleFixture(dir)
                .file("site.yml", """
                        - hosts: localhost
                          tasks:
                            - import_tasks: tasks/tg.yml
                              vars: {tg: one}
                            - include_tasks: "tasks/{{ which }}.yml"
                              vars: {which: tg, tg: two}
                            - include_role:
                                name: groups
                                tasks_from: extra
                        """)
                .file("tasks/tg.yml", "- elb_target_group: {name: '{{ tg }}', protocol: http, port: 80}\n")
                .file("roles/groups/tasks/extra.yml", "- elb_target_group: {name: '{{ tg_name }}', port: 81}\n")
                .file("roles/groups/defaults/main.yml", "tg_name: three\n");
        RoutingSnapshot s = AnsibleFixture.read(dir, AnsibleOptions.defaults());
        assertThat(s.complete()).as(AnsibleFixture.dump(s)).isTrue();
        assertThat(s.targetGroups()).extracting(t -> t.name()).containsExactly("one", "three", "two");
        assertThat(s.targetGroups().get(1).source().path()).isEqualTo("roles/groups/tasks/extra.yml");
    }

    @Test
    void loopsWithItemsAndLoopVar() {
        new AnsibleFixture(dir).file("site.yml", """
                - hosts: localhost
                  vars: {names: [a, b]}
                  tasks:
                    - elb_target_group: {name: "tg-{{ item }}", port: 80}
                      with_items: ["{{ names }}", c]
                    - elb_target_group: {name: "x-{{ g.key }}", port: "{{ g.value }}"}
                      loop: "{{ {'d': 81} | dict2items }}"
                      loop_control: {loop_var: g}
                """);
        RoutingSnapshot s = AnsibleFixture.read(dir, AnsibleOptions.defaults());
        assertThat(s.targetGroups()).extracting(t -> t.name() + ":" + t.port())
                .containsExactly("tg-a:80", "tg-b:80", "tg-c:80", "x-d:81");
    }

    @Test
    void whenOnLiteralConditionsAndUnknownOnes() {
        new AnsibleFixture(dir).file("site.yml", """
                - hosts: localhost
                  vars: {env: prod, canary: false}
                  tasks:
                    - elb_target_group: {name: kept, port: 80}
                      when: env == 'prod'
                    - elb_target_group: {name: skipped, port: 80}
                      when: [env == 'prod', canary | bool]
                    - block:
                        - elb_target_group: {name: in-block, port: 80}
                      when: env != 'prod'
                    - command: /bin/true
                      register: probe
                    - elb_target_group: {name: unknown, port: 80}
                      when: probe.rc == 0
                """);
        RoutingSnapshot s = AnsibleFixture.read(dir, AnsibleOptions.defaults());
        assertThat(s.targetGroups()).extracting(t -> t.name()).containsExactly("kept");
        assertThat(s.complete()).isFalse();
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("ansible-unknown-condition");
            assertThat(d.source().line()).isEqualTo(14);
            assertThat(d.message()).contains("registered by task");
        });
    }

    @Test
    void elementsPointAtTheirLines() {
        RoutingSnapshot s = AnsibleFixture.read(AnsibleFixture.fixture("ansible-scenarios/alb-group-vars/base"),
                AnsibleOptions.defaults().withGroup("prod"));
        var lb = s.loadBalancers().get(0);
        assertThat(lb.listenerOnPort(80).orElseThrow().source().line()).isEqualTo(37);
        assertThat(lb.listenerOnPort(443).orElseThrow().source().line()).isEqualTo(45);
        assertThat(lb.listenerOnPort(443).orElseThrow().rulesInEvaluationOrder()).extracting(r -> r.source().line())
                .containsExactly(54, 61);
        // A target written in the task points at its item; targets from a variable point at the templated value.
        assertThat(s.targetGroups().get(1).targets()).extracting(t -> t.source().toString())
                .containsOnly("roles/edge_alb/tasks/main.yml:13");
        assertThat(s.targetGroups().get(0).targets()).extracting(t -> t.source().toString())
                .containsOnly("roles/edge_alb/tasks/main.yml:25");
    }

    @Test
    void purgeRulesFalseKeepsEarlierRules() {
        new AnsibleFixture(dir).file("site.yml", """
                - hosts: localhost
                  tasks:
                    - elb_application_lb:
                        name: edge
                        listeners:
                          - {Protocol: HTTP, Port: 80, DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "404"}}],
                             Rules: [{Priority: 1, Conditions: [{Field: path-pattern, Values: [/a]}], Actions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "200"}}]}]}
                    - elb_application_lb:
                        name: edge
                        purge_rules: false
                        listeners:
                          - {Protocol: HTTP, Port: 80, DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "404"}}],
                             Rules: [{Priority: 2, Conditions: [{Field: path-pattern, Values: [/b]}], Actions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "200"}}]}]}
                    - elb_target_group: {name: gone, port: 80}
                    - elb_target_group: {name: gone, state: absent}
                """);
        RoutingSnapshot s = AnsibleFixture.read(dir, AnsibleOptions.defaults());
        assertThat(s.loadBalancers().get(0).listeners().get(0).rulesInEvaluationOrder())
                .extracting(Rule::conditions).containsExactly(List.of(Condition.pathPattern("/a")),
                        List.of(Condition.pathPattern("/b")));
        assertThat(s.targetGroups()).isEmpty();
    }

    private static Diagnostic onlyError(RoutingSnapshot s) {
        List<Diagnostic> errors = s.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertThat(errors).as(AnsibleFixture.dump(s)).hasSize(1);
        return errors.get(0);
    }

    @Test
    void malformedYamlIsOneDiagnosticWithItsLine() {
        Diagnostic d = onlyError(AnsibleFixture.read(AnsibleFixture.fixture("ansible/broken/malformed-yaml"),
                AnsibleOptions.defaults()));
        assertThat(d.code()).isEqualTo("ansible-yaml-syntax");
        assertThat(d.source().path()).isEqualTo("site.yml");
        assertThat(d.source().line()).isBetween(10, 11);
    }

    @Test
    void aTemplateErrorPointsAtALineOfTheFileWhateverTheScalarStyle() {
        new AnsibleFixture(dir).file("site.yml", """
                - hosts: localhost
                  tasks:
                    - elb_target_group:
                        name: "a\\n\\n\\n\\n\\n{{ 1 + }}"
                        port: 80
                    - elb_target_group:
                        name: |
                          b
                          c {{ 2 + }}
                        port: 81
                    - elb_target_group:
                        name: >
                          d

                          e {{ 3 + }}
                        port: 82
                """);
        RoutingSnapshot s = AnsibleFixture.read(dir, AnsibleOptions.defaults());
        // Escaped line feeds (the fuzz campaign's case, once reported past the end of the file) and folded
        // lines say nothing of the file's lines: the scalar's own line; a literal block maps line for line.
        assertThat(s.diagnostics().stream().filter(d -> d.code().equals("ansible-template-syntax")))
                .as(AnsibleFixture.dump(s))
                .extracting(d -> d.source().line())
                .containsExactly(4, 9, 12);
    }

    @Test
    void aPlayLevelIncludeImportsThePlaybookAndAPlayWithoutHostsIsAnError() {
        new AnsibleFixture(dir)
                .file("site.yml", "- include: lb.yml\n- name: forgotten hosts\n  tasks: []\n")
                .file("lb.yml", """
                        - hosts: localhost
                          tasks:
                            - elb_target_group: {name: tg-web, protocol: http, port: 80}
                        """);
        RoutingSnapshot s = AnsibleFixture.read(dir, AnsibleOptions.defaults());
        // Once read as an empty play: "no load balancers, complete" for a tree that makes one (real-world check).
        assertThat(s.targetGroups()).extracting(t -> t.name()).containsExactly("tg-web");
        assertThat(s.diagnostics()).as(AnsibleFixture.dump(s)).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo("ansible-not-a-play");
            assertThat(d.source().toString()).isEqualTo("site.yml:2");
        });
    }

    @Test
    void aVarsFileEncryptedWholeWithVaultIsUnknownNotAMalformedFile() {
        new AnsibleFixture(dir)
                .file("site.yml", "- hosts: localhost\n  vars_files: [secrets.yml]\n  tasks: []\n")
                .file("secrets.yml", "$ANSIBLE_VAULT;1.1;AES256\n6231336539666234306139346433616338\n");
        RoutingSnapshot s = AnsibleFixture.read(dir, AnsibleOptions.defaults());
        assertThat(s.complete()).isFalse();
        assertThat(s.diagnostics()).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo("ansible-vault");
            assertThat(d.render()).startsWith("secrets.yml:1: error: secrets.yml is encrypted with Ansible Vault");
        });
    }

    @Test
    void anAliasBombIsOneDiagnosticAtTheAliasNotAHang() {
        RoutingSnapshot s = AnsibleFixture.read(AnsibleFixture.fixture("ansible/broken/alias-bomb"),
                AnsibleOptions.defaults());
        assertThat(s.complete()).isFalse();
        assertThat(s.diagnostics()).as(AnsibleFixture.dump(s)).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo("ansible-yaml-syntax");
            assertThat(d.source().toString()).startsWith("group_vars/all.yml:9");
            assertThat(d.message()).contains("alias bomb");
        });
    }

    @Test
    void anUnknownModuleNamingALoadBalancerIsReported() {
        Diagnostic d = onlyError(AnsibleFixture.read(AnsibleFixture.fixture("ansible/broken/unknown-lb-module"),
                AnsibleOptions.defaults()));
        assertThat(d.code()).isEqualTo("ansible-unsupported-lb-module");
        assertThat(d.render()).startsWith("site.yml:5: error: module f5networks.f5_modules.bigip_pool");
    }

    @Test
    void aTemplateSyntaxErrorIsOneDiagnosticWithItsLine() {
        RoutingSnapshot s = AnsibleFixture.read(AnsibleFixture.fixture("ansible/broken/template-syntax"),
                AnsibleOptions.defaults());
        assertThat(s.complete()).isFalse();
        Diagnostic d = s.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertThat(d.source().toString()).as(AnsibleFixture.dump(s)).isEqualTo("site.yml:7");
        assertThat(d.code()).startsWith("ansible-template");
    }

    @Test
    void detection() {
        assertThat(AnsibleSource.isAnsibleTree(new dev.lbguard.source.DiskTree(
                AnsibleFixture.fixture("ansible/services-loop")), "")).isTrue();
        new AnsibleFixture(dir).file("main.tf", "resource \"aws_lb\" \"x\" {}\n").file("config.yml", "a: 1\n");
        assertThat(AnsibleSource.isAnsibleTree(new dev.lbguard.source.DiskTree(dir), "")).isFalse();
    }
}
